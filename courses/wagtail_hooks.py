"""Wagtail hooks: registers the registrants pages (courses/admin.py); lessons and their documents
are served only to those the access rules allow."""

from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from django.urls import include, path
from wagtail import hooks
from wagtail.models import ReferenceIndex

from cohorts.access import is_staff, lessons_visible_to

from . import admin
from .models import LessonPage
from .outline import place_for


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

    The rules are asked once for the whole course (courses.outline): the page's outline,
    progress and previous/next reuse that answer instead of loading the course again.
    """
    if isinstance(page, LessonPage) and not place_for(request, page).outline.can_open(page):
        raise Http404
