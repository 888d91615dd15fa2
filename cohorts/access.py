"""The access rules: the one module every view, export and feed asks.

Until cohorts exist this is a stub: only staff see lessons. The cohorts issue replaces the
bodies; the function names are the contract other apps call.
"""

from django.http import Http404


def is_staff(user):
    return bool(user is not None and user.is_authenticated and user.is_active and user.is_staff)


def lessons_visible_to(user, queryset):
    """Filter a LessonPage queryset down to what user may read (in the database)."""
    if is_staff(user):
        return queryset
    return queryset.none()


def can_view_lesson(user, lesson):
    return lessons_visible_to(user, type(lesson).objects.filter(pk=lesson.pk)).exists()


def get_lesson_or_404(user, lesson):
    if not can_view_lesson(user, lesson):
        raise Http404
    return lesson
