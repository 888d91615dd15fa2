"""One trainee's page for their mentor and staff: lessons per module, every assignment with
its state and grade, attendance, and the feedback given. Anyone else: 404."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from cohorts import access
from cohorts.reports.progress import build_rows


def modules_with_lessons(membership, done):
    """[(module, [(lesson, is_done)], done count)] for the trainee's course, in tree order."""
    path = membership.cohort.course.path
    modules = access.modules_of_courses([path])
    lessons = access.lessons_of_courses([path])
    result = []
    for module in modules:
        own = [
            (lesson, lesson.pk in done) for lesson in lessons if lesson.path.startswith(module.path)
        ]
        result.append((module, own, sum(1 for _lesson, is_done in own if is_done)))
    return result


@login_required
@require_GET
def trainee_detail(request, pk):
    user = request.user
    membership = access.get_mentored_trainee_or_404(user, pk)
    now = timezone.now()
    (row,) = build_rows(user, [membership], moment=now)
    done = access.lessons_done_by([membership]).get(membership.user_id, set())
    feedback = list(
        access.releases_visible_to(user)
        .filter(review__submission__membership=membership)
        .select_related("review__submission__assignment")
        .order_by("-released_at")
    )
    return render(
        request,
        "cohorts/reports/trainee.html",
        {
            "membership": membership,
            "row": row,
            "modules": modules_with_lessons(membership, done),
            "feedback": feedback,
        },
    )
