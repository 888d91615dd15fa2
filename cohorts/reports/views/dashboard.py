"""The dashboard every signed-in person lands on: what now, for each role.

A trainee: new assignments (until they open them), next sessions (check-in while the window
is open), what is due, open action items from their meetings, new feedback, progress, and the
next lesson; a mentor: their trainees as rows with a falling-behind flag and overdue action
items;
staff: the cohorts, with the gradebook and today's list a click away.
"""

from django.contrib.auth.decorators import login_required
from django.db.models import F, Prefetch
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from academy.datetimes import local_date
from academy.navigation import role_of
from cohorts import access
from cohorts.models import Membership
from cohorts.reports.progress import build_rows

DUE_SOON = 8  # items in the "what is due" list
NEW_ASSIGNMENTS = 10  # items in the "new assignments" list


def _trainee_memberships(user):
    return list(
        access.own_trainee_memberships(user)
        .select_related("cohort__course", "user")
        .prefetch_related(
            Prefetch(
                "mentors",
                queryset=Membership.objects.active().select_related("user").by_reading(),
                to_attr="active_mentors",
            )
        )
    )


def _mentor_memberships(user):
    return list(Membership.objects.of(user).mentors().select_related("cohort__course"))


def _new_feedback(user):
    """Published reviews of user's own attempts not opened yet (the latest version of each)."""
    return list(
        access.own_releases(user)
        .filter(seen_at__isnull=True)
        .exclude(review__releases__number__gt=F("number"))
        .select_related("review__submission__assignment")
        .order_by("-released_at")[:10]
    )


def _due_order(cell):
    """Late first, then returned for revision, then by due date."""
    return (0 if cell.missing else 1 if cell.state == "returned" else 2, cell.due)


def trainee_panels(user, memberships, now):
    """Progress, what is due and the next lesson, for each of user's trainee memberships."""
    rows = build_rows(user, memberships, moment=now)
    lessons = access.lessons_of_courses(sorted({m.cohort.course.path for m in memberships}))
    done = access.lessons_done_by(memberships)
    action_items = list(access.open_action_items_of(user, memberships))
    for membership, row in zip(memberships, rows, strict=True):
        membership.open_action_items = [
            i for i in action_items if i.meeting.trainee_id == membership.pk
        ]
        open_cells = [
            cell
            for cell in row.cells
            if cell.assignment.opens_at <= now
            and cell.state in ("not_started", "missing", "returned")
        ]
        membership.due_items = sorted(open_cells, key=_due_order)[:DUE_SOON]
        membership.progress = row
        own_done = done.get(membership.user_id, set())
        membership.next_lesson = next(
            (
                lesson
                for lesson in lessons
                if lesson.path.startswith(membership.cohort.course.path)
                and lesson.pk not in own_done
            ),
            None,
        )
    return memberships


def mentor_panels(user, mentor_memberships, now):
    """Each mentor membership's paired trainees as progress rows (in reading order)."""
    trainees = list(
        access.mentored_trainees(user)
        .filter(cohort_id__in=[m.cohort_id for m in mentor_memberships], is_active=True)
        .select_related("user", "cohort__course")
        .by_reading()
    )
    rows = build_rows(user, trainees, moment=now)
    overdue = list(access.overdue_action_items_of(user, trainees, local_date(now)))
    for row in rows:
        row.overdue_actions = [i for i in overdue if i.meeting.trainee_id == row.membership.pk]
    for membership in mentor_memberships:
        membership.trainee_rows = [
            row for row in rows if row.membership.cohort_id == membership.cohort_id
        ]
    return mentor_memberships


@login_required
@require_GET
def dashboard(request):
    user = request.user
    now = timezone.now()
    context = {"role": role_of(user), "now": now, "today": local_date(now)}
    if access.is_staff(user):
        context["cohorts"] = (
            access.cohorts_visible_to(user)
            .with_counts()
            .select_related("course")
            .order_by("-starts_on", "name")
        )
    context["new_feedback"] = _new_feedback(user)
    trainee_memberships = _trainee_memberships(user)
    context["new_assignments"] = []
    if trainee_memberships:
        trainee_panels(user, trainee_memberships, now)
        context["new_assignments"] = list(access.new_assignments_of(user)[:NEW_ASSIGNMENTS])
    context["trainee_memberships"] = trainee_memberships
    mentor_memberships = _mentor_memberships(user)
    if mentor_memberships:
        mentor_panels(user, mentor_memberships, now)
    context["mentor_memberships"] = mentor_memberships
    context["may_open_reports"] = access.is_staff(user) or bool(mentor_memberships)
    return render(request, "cohorts/reports/dashboard.html", context)
