"""A trainee marks a lesson done, or undoes it. POST only; an unreachable lesson is a 404."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cohorts.access import get_lesson_or_404

from .. import services
from ..models import LessonPage


def _lesson_or_404(request, page_id):
    lesson = get_object_or_404(LessonPage.objects.live(), pk=page_id)
    return get_lesson_or_404(request.user, lesson)


@require_POST
def lesson_done(request, page_id):
    lesson = _lesson_or_404(request, page_id)
    services.mark_done(request.user, lesson)
    messages.success(request, _("Lesson marked as done."))
    return redirect(lesson.get_url(request))


@require_POST
def lesson_undo(request, page_id):
    lesson = _lesson_or_404(request, page_id)
    services.mark_not_done(request.user, lesson)
    messages.info(request, _("Lesson marked as not done."))
    return redirect(lesson.get_url(request))
