"""Staff's "today": per cohort, what needs a person now.

Missing work past due, trainees absent twice in a row, trainees no mentor has met for the
cohort's N weeks (its meeting policy), reviews waiting more than N days (per mentor), sessions
today and tomorrow, and public seminars filling up. Each item but the seminars and the unmet
trainees has a one-click reminder e-mail (services/reminders.py says who gets it, and why the
seminars have none); a reminder sent today shows who sent it and when, and its button is off.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from academy.datetimes import local
from cohorts import access
from cohorts.models import Membership
from cohorts.reports.progress import build_rows
from cohorts.reports.services.reminders import send_reminder, sent_today

REVIEW_WAIT_DAYS = 7
SEMINAR_SHARE = 0.8


@dataclass
class Reminder:
    """The reminder button of one item: what to post, and today's notice if one went out."""

    cohort_id: int
    kind: str
    pk: int
    notice: object = None


def _absent_twice(row):
    last_two = row.records[-2:]
    return len(last_two) == 2 and all(record.status == "absent" for record in last_two)


def cohort_panels(user, cohorts, now, sent=None):
    """Per cohort: its items, each (…, Reminder); sent is today's notices by (kind, item id)."""
    sent = sent or {}

    def reminder(cohort, kind, pk):
        return Reminder(cohort.pk, kind, pk, sent.get((kind, pk)))

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
                "trainees": own,
                "missing": [
                    (row, row.overdue, reminder(cohort, "missing", row.membership.pk))
                    for row in own
                    if row.overdue
                ],
                "absent_twice": [
                    (row, reminder(cohort, "absent", row.membership.pk))
                    for row in own
                    if _absent_twice(row)
                ],
                "waiting": [
                    (mentor, items, mentor and reminder(cohort, "waiting", mentor.pk))
                    for mentor, items in sorted(
                        waiting.items(),
                        key=lambda item: item[0].user.get_full_name() if item[0] else "",
                    )
                ],
                "sessions": [
                    (s, reminder(cohort, "session", s.pk))
                    for s in sessions
                    if s.cohort_id == cohort.pk
                ],
                "unmet": unmet[cohort.pk],
                "gap_weeks": gaps[cohort.pk],
            }
        )
    return panels


def _running_cohorts(user):
    return (
        access.cohorts_visible_to(user)
        .filter(status__in=("planned", "running"))
        .select_related("course")
    )


@login_required
@require_GET
@access.staff_required
def today(request):
    now = timezone.now()
    cohorts = list(_running_cohorts(request.user).order_by("-starts_on", "name"))
    return render(
        request,
        "cohorts/reports/today.html",
        {
            "panels": cohort_panels(request.user, cohorts, now, sent_today(now)),
            "seminars": access.seminars_filling_up(request.user, now, SEMINAR_SHARE),
            "review_wait_days": REVIEW_WAIT_DAYS,
        },
    )


def _find_item(panel, kind, pk):
    """(the item, its recipients) as the today page lists it now, else 404: an id of another
    cohort, or of something that no longer needs a reminder, reaches nothing."""
    if kind == "missing":
        for row, cells, _reminder in panel["missing"]:
            if row.membership.pk == pk:
                return (row, cells), [row.user]
    elif kind == "absent":
        for row, _reminder in panel["absent_twice"]:
            if row.membership.pk == pk:
                return row, [row.user]
    elif kind == "waiting":
        for mentor, items, _reminder in panel["waiting"]:
            if mentor is not None and mentor.pk == pk:
                return (mentor, items), [mentor.user]
    elif kind == "session":
        for session, _reminder in panel["sessions"]:
            if session.pk == pk:
                return session, [row.user for row in panel["trainees"]]
    raise Http404


@login_required
@require_POST
@access.staff_required
def remind(request, cohort_pk, kind, pk):
    """Send one item's reminder (once a day), then back to today's list."""
    now = timezone.now()
    cohort = get_object_or_404(_running_cohorts(request.user), pk=cohort_pk)
    (panel,) = cohort_panels(request.user, [cohort], now)
    item, recipients = _find_item(panel, kind, pk)
    if send_reminder(
        actor=request.user, kind=kind, item_id=pk, item=item, recipients=recipients, now=now
    ):
        messages.success(request, _("The reminder was sent."))
    else:
        messages.info(request, _("This reminder was already sent today."))
    return redirect(f"{reverse('reports:today')}#cohort-{cohort.pk}")
