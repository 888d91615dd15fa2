"""Course content: lessons (and any page inside a course) open to the course's cohorts.

The one tie to the page tree is by materialised path, so this module needs Wagtail's Page
but not the courses app: a page belongs to a course when the course's path prefixes its own.
"""

from django.db.models import Exists, F, OuterRef
from django.db.models.functions import Substr
from django.http import Http404
from wagtail.models import Page

from cohorts.models import Cohort

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


def can_view_lesson(user, lesson):
    if is_staff(user):
        return True
    return lessons_visible_to(user, type(lesson).objects.filter(pk=lesson.pk)).exists()


def get_lesson_or_404(user, lesson):
    if not can_view_lesson(user, lesson):
        raise Http404
    return lesson
