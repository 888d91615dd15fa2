"""Where each trainee stands against their cohort's completion rules (no writes).

Built on the one progress builder (cohorts.reports.progress.build_rows: latest attempts, their
released reviews, attendance records) and the attendance app's rate, so a fixed number of
queries answers for any number of trainees. Each unmet requirement is an Item with a reason
a person reads; `failed` marks those that can no longer be met by waiting (below the pass
mark, past due with nothing handed in, a required session missed, attendance under the
minimum), which puts the trainee "at risk". Exactly the minimum, exactly the pass mark: met.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from academy.datetimes import format_date
from cohorts.attendance.models import Session
from cohorts.attendance.services.warnings import rate as attendance_rate
from cohorts.certificates.models import Completion, CompletionRule
from cohorts.coursework.models import Assignment
from cohorts.reports.progress import build_rows

COMPLETED, ON_TRACK, AT_RISK = "completed", "on_track", "at_risk"
LABELS = {
    COMPLETED: _("Completed"),
    ON_TRACK: _("On track"),
    AT_RISK: _("At risk"),
}
RELEASED = "released"


@dataclass
class Item:
    reason: str
    failed: bool = False


@dataclass
class Standing:
    membership: object
    rule: object
    completion: object = None
    items: list = field(default_factory=list)
    attendance: float | None = None  # percent, for display

    @property
    def status(self):
        if self.completion is not None:
            return COMPLETED
        return AT_RISK if any(item.failed for item in self.items) else ON_TRACK

    @property
    def label(self):
        return LABELS[self.status]

    @property
    def eligible(self):
        """Every rule met and nothing confirmed yet: staff may confirm."""
        return self.completion is None and not self.items


def rules_for(cohort_ids):
    """{cohort_id: CompletionRule or None}, required items loaded (three queries)."""
    rules = {
        rule.cohort_id: rule
        for rule in CompletionRule.objects.filter(cohort_id__in=cohort_ids).prefetch_related(
            Prefetch(
                "required_assignments",
                queryset=Assignment.objects.order_by("due_at", "pk"),
            ),
            Prefetch("required_sessions", queryset=Session.objects.order_by("starts_at", "pk")),
        )
    }
    return {cohort_id: rules.get(cohort_id) for cohort_id in cohort_ids}


def current_completions(memberships):
    return {
        c.membership_id: c
        for c in Completion.objects.current().filter(membership__in=[m.pk for m in memberships])
    }


def _attendance_items(rule, row):
    share = attendance_rate(row.records)
    percent = None if share is None else round(share * 100, 1)
    if rule.min_attendance == 0:
        return percent, []
    if share is None:
        reason = _("Attendance: nothing recorded yet (at least %(min)s%% needed).")
        return percent, [Item(reason % {"min": rule.min_attendance})]
    # The rate's float is compared with a hair of tolerance: 4 of 5 is exactly 80 %.
    if share * 100 + 1e-9 >= rule.min_attendance:
        return percent, []
    reason = _("Attendance: %(rate)s%% (at least %(min)s%% needed).")
    return percent, [Item(reason % {"rate": percent, "min": rule.min_attendance}, failed=True)]


def _assignment_item(rule, assignment, cell):
    title = assignment.title
    if cell is None or cell.submission is None:
        if cell is not None and cell.missing:
            return Item(_("“%(title)s”: not handed in by the due date.") % {"title": title}, True)
        return Item(_("“%(title)s”: not handed in yet.") % {"title": title})
    release = cell.release
    if release is None:
        return Item(_("“%(title)s”: waiting for its review.") % {"title": title})
    if release.outcome != RELEASED:
        return Item(_("“%(title)s”: returned for revision.") % {"title": title})
    possible = release.points_possible or assignment.points
    points = release.points
    if points is None or not possible:
        return None  # released without points: nothing to compare
    if Decimal(points) * 100 >= Decimal(rule.pass_mark) * possible:
        return None
    percent = round(float(points) * 100 / possible, 1)
    reason = _("“%(title)s”: %(score)s%% (the pass mark is %(pass)s%%).")
    return Item(reason % {"title": title, "score": percent, "pass": rule.pass_mark}, True)


def _session_item(session, row, moment):
    attended = {r.session_id for r in row.records if r.attended}
    if session.pk in attended:
        return None
    if session.starts_at > moment:
        reason = _("“%(title)s” (%(date)s): still to come.")
        return Item(reason % {"title": session.title, "date": format_date(session.starts_at)})
    reason = _("“%(title)s” (%(date)s): not attended.")
    return Item(reason % {"title": session.title, "date": format_date(session.starts_at)}, True)


def evaluate(rule, row, completion=None, moment=None):
    """The Standing of one progress row against rule (None: no rule set, nothing required)."""
    moment = moment or timezone.now()
    standing = Standing(membership=row.membership, rule=rule, completion=completion)
    if rule is None:
        standing.attendance = row.attendance_rate
        return standing
    standing.attendance, standing.items = _attendance_items(rule, row)
    cells = {cell.assignment.pk: cell for cell in row.cells}
    for assignment in rule.required_assignments.all():
        item = _assignment_item(rule, assignment, cells.get(assignment.pk))
        if item is not None:
            standing.items.append(item)
    for session in rule.required_sessions.all():
        item = _session_item(session, row, moment)
        if item is not None:
            standing.items.append(item)
    return standing


def standings(user, memberships, *, rows=None, moment=None):
    """A Standing per membership (select_related user and cohort__course), in their order.

    rows: progress rows already built for these memberships (the dashboard has them)."""
    memberships = list(memberships)
    if not memberships:
        return []
    moment = moment or timezone.now()
    if rows is None:
        rows = build_rows(user, memberships, moment=moment)
    rules = rules_for(sorted({m.cohort_id for m in memberships}))
    completions = current_completions(memberships)
    return [
        evaluate(rules[row.membership.cohort_id], row, completions.get(row.membership.pk), moment)
        for row in rows
    ]
