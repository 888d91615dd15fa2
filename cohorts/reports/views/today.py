"""Staff's "today": per cohort, what needs a person now.

Missing work past due, trainees absent twice in a row, trainees no mentor has met for the
cohort's N weeks (its meeting policy), reviews waiting more than N days (per mentor),
sessions today and tomorrow, and public seminars filling up. Read only: the
one-click reminder e-mail needs a record of reminders sent, which this app (no models) leaves
to a later change.
"""

from datetime import timedelta

from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from academy.datetimes import local
from cohorts import access
from cohorts.models import Membership
from cohorts.reports.progress import build_rows

REVIEW_WAIT_DAYS = 7
SEMINAR_SHARE = 0.8


def _absent_twice(row):
    last_two = row.records[-2:]
    return len(last_two) == 2 and all(record.status == "absent" for record in last_two)


def cohort_panels(user, cohorts, now):
    trainees = list(
        access.mentored_trainees(user)
        .filter(cohort__in=cohorts, is_active=True)
        .select_related("user", "cohort__course")
        .prefetch_related(
            Prefetch(
                "mentors",
                queryset=Membership.objects.active().select_related("user"),
                to_attr="active_mentors",
            )
        )
        .by_reading()
    )
    rows = build_rows(user, trainees, moment=now)
    waiting_since = now - timedelta(days=REVIEW_WAIT_DAYS)
    start = local(now).replace(hour=0, minute=0, second=0, microsecond=0)
    sessions = list(
        access.sessions_visible_to(user)
        .filter(cohort__in=cohorts, starts_at__gte=start, starts_at__lt=start + timedelta(days=2))
        .order_by("starts_at", "pk")
    )
    gaps = access.meeting_gap_weeks([c.pk for c in cohorts])
    unmet = access.unmet_trainees(user, cohorts, now, gaps)
    panels = []
    for cohort in cohorts:
        own = [row for row in rows if row.membership.cohort_id == cohort.pk]
        waiting = {}
        for row in own:
            for cell in row.cells:
                submission = cell.submission
                if (
                    submission is not None
                    and submission.status == "submitted"
                    and submission.submitted_at
                    and submission.submitted_at < waiting_since
                ):
                    mentors = row.membership.active_mentors or [None]
                    for mentor in mentors:
                        waiting.setdefault(mentor, []).append((row, cell))
        panels.append(
            {
                "cohort": cohort,
                "missing": [(row, row.overdue) for row in own if row.overdue],
                "absent_twice": [row for row in own if _absent_twice(row)],
                "waiting": sorted(
                    waiting.items(),
                    key=lambda item: item[0].user.get_full_name() if item[0] else "",
                ),
                "sessions": [s for s in sessions if s.cohort_id == cohort.pk],
                "unmet": unmet[cohort.pk],
                "gap_weeks": gaps[cohort.pk],
            }
        )
    return panels


@login_required
@require_GET
@access.staff_required
def today(request):
    now = timezone.now()
    cohorts = list(
        access.cohorts_visible_to(request.user)
        .filter(status__in=("planned", "running"))
        .select_related("course")
        .order_by("-starts_on", "name")
    )
    return render(
        request,
        "cohorts/reports/today.html",
        {
            "panels": cohort_panels(request.user, cohorts, now),
            "seminars": access.seminars_filling_up(request.user, now, SEMINAR_SHARE),
            "review_wait_days": REVIEW_WAIT_DAYS,
        },
    )
