"""Course content: lessons (and any page inside a course) open to the course's cohorts.

The one tie to the page tree is by materialised path, so this module needs Wagtail's Page
but not the courses app: a page belongs to a course when the course's path prefixes its own.
"""

from django.db.models import Exists, F, OuterRef
from django.db.models.functions import Substr
from django.http import Http404
from wagtail.models import Page

from cohorts.models import Cohort, Membership

from .people import is_member, is_staff


def lessons_visible_to(user, queryset):
    """Filter any page queryset down to pages inside a course user follows (in the database)."""
    if is_staff(user):
        return queryset
    if not is_member(user):
        return queryset.none()
    enrolled = Cohort.objects.filter(
        memberships__user=user,
        memberships__is_active=True,
        course__path=Substr(OuterRef("path"), 1, F("course__depth") * Page.steplen),
    )
    return queryset.filter(Exists(enrolled))


def active_memberships(user):
    """(role, course path) of each of user's active memberships, in one query, read once per
    user object (request.user lives for one request). The header's role label and
    course_open_to share it, so a lesson page asks once."""
    if not is_member(user):
        return ()
    memberships = getattr(user, "_active_memberships", None)
    if memberships is None:
        memberships = user._active_memberships = tuple(
            Membership.objects.filter(user=user, is_active=True)
            .order_by()
            .values_list("role", "cohort__course__path")
        )
    return memberships


def course_open_to(user, course_path):
    """Whether the pages inside the course at course_path are open to user: the rule of
    lessons_visible_to (a page inside a course user follows through an active membership;
    staff: every page), asked once for a whole course instead of per lesson."""
    if is_staff(user):
        return True
    return any(path == course_path for _role, path in active_memberships(user))


def can_view_lesson(user, lesson):
    if is_staff(user):
        return True
    return lessons_visible_to(user, type(lesson).objects.filter(pk=lesson.pk)).exists()


def get_lesson_or_404(user, lesson):
    if not can_view_lesson(user, lesson):
        raise Http404
    return lesson
