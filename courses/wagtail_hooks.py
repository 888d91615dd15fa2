"""Wagtail hooks: registers the registrants pages (courses/admin.py); lessons and their documents
are served only to those the access rules allow."""

from django.contrib.auth.views import redirect_to_login
from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from django.urls import include, path
from wagtail import hooks
from wagtail.models import ReferenceIndex

from cohorts.access import can_view_lesson, is_staff, lessons_visible_to

from . import admin
from .models import LessonPage


@hooks.register("register_admin_urls")
def registrant_urls():
    return [path("seminars/", include((admin.ADMIN_URLS, "courses_admin")))]


@hooks.register("register_page_listing_more_buttons")
def registrants_listing_button(page, user, next_url=None):
    yield admin.RegistrantsMenuItem(page=page)


@hooks.register("register_page_header_buttons")
def registrants_header_button(page, user, view_name, next_url=None):
    yield admin.RegistrantsMenuItem(page=page)


@hooks.register("before_serve_document")
def lesson_documents_follow_the_lesson(document, request):
    """A document used only in lessons is served to those who may read one of them, else 404.

    Wagtail's reference index says where a document is used; one also used outside lessons
    (on a public page, say) stays public.
    """
    lesson_type = ContentType.objects.get_for_model(LessonPage)
    uses = set(ReferenceIndex.get_references_to(document).values_list("content_type", "object_id"))
    lesson_ids = {object_id for content_type, object_id in uses if content_type == lesson_type.pk}
    if not lesson_ids or len(lesson_ids) < len(uses):
        return None
    if is_staff(request.user):
        return None  # editors, also while previewing an unpublished lesson
    lessons = LessonPage.objects.live().filter(pk__in=lesson_ids)
    if not lessons_visible_to(request.user, lessons).exists():
        raise Http404
    return None


@hooks.register("before_serve_page")
def lessons_only_for_their_cohorts(page, request, serve_args, serve_kwargs):
    """A lesson is served only to those the access rules allow; everyone else gets a 404.

    Someone signed out (a link from an e-mail, a session that expired) is sent to the sign-in
    page first and comes back here; a signed-in person without access still gets the 404."""
    if isinstance(page, LessonPage) and not can_view_lesson(request.user, page):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise Http404
