"""Wagtail hooks: registers the registrants pages (courses/admin.py); lessons and their documents
are served only to those the access rules allow (documents fail closed)."""

from django.contrib.auth.views import redirect_to_login
from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from django.urls import include, path
from wagtail import hooks
from wagtail.models import Page, ReferenceIndex

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
def documents_fail_closed(document, request):
    """Staff get every document; anyone else only one that a live public page links to, or one
    placed in a lesson they may read. Everything else is a 404.

    Wagtail's reference index says where a document is used. It is updated by the task worker,
    so it may lag (or be empty): a document it knows no public use of stays closed, never open.
    """
    if is_staff(request.user):
        return None  # editors, also while previewing an unpublished lesson
    page_type = ContentType.objects.get_for_model(Page)
    uses = ReferenceIndex.get_references_to(document).values_list("base_content_type", "object_id")
    page_ids = {int(object_id) for base_type, object_id in uses if base_type == page_type.pk}
    if page_ids:
        pages = Page.objects.live().filter(pk__in=page_ids)
        if pages.not_type(LessonPage).public().exists():
            return None
        lessons = LessonPage.objects.live().filter(pk__in=page_ids)
        if lessons_visible_to(request.user, lessons).exists():
            return None
    raise Http404


@hooks.register("before_serve_page")
def lessons_only_for_their_cohorts(page, request, serve_args, serve_kwargs):
    """A lesson is served only to those the access rules allow; everyone else gets a 404.

    Someone signed out (a link from an e-mail, a session that expired) is sent to the sign-in
    page first and comes back here; a signed-in person without access still gets the 404.
    The rules are asked once for the whole course (courses.outline): the page's outline,
    progress and previous/next reuse that answer instead of loading the course again.
    """
    if isinstance(page, LessonPage) and not place_for(request, page).outline.can_open(page):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise Http404
