"""The attendance grid of one cohort: trainees × sessions, totals and rates (no writes).

Built from five queries whatever the size; the page and both exports read the same rows.
"""

from dataclasses import dataclass, field

from django.utils import timezone

from academy.datetimes import local_date
from cohorts import access

from .models import Attendance, AttendancePolicy, Session
from .models.policy import DEFAULT_THRESHOLD

Status = Attendance.Status


@dataclass
class Row:
    membership: object
    cells: list  # Attendance or None, one per session
    counts: dict = field(default_factory=dict)
    rate: float | None = None  # percent of held sessions that count (excused do not)

    @property
    def below(self):
        return self.rate is not None and self.rate < self.threshold

    threshold: int = DEFAULT_THRESHOLD


@dataclass
class Grid:
    cohort: object
    sessions: list
    rows: list
    threshold: int
    session_totals: list  # attended count per session


def build_grid(user, cohort, *, start=None, end=None, q="", below=False, moment=None):
    moment = moment or timezone.now()
    policy = AttendancePolicy.objects.filter(cohort=cohort).first()
    threshold = policy.threshold if policy else DEFAULT_THRESHOLD
    sessions = Session.objects.filter(cohort=cohort).order_by("starts_at", "pk")
    if start:
        sessions = [s for s in sessions if local_date(s.starts_at) >= start]
    if end:
        sessions = [s for s in list(sessions) if local_date(s.starts_at) <= end]
    sessions = list(sessions)
    trainees = access.report_trainees_for(user, cohort).select_related("user")
    if q:
        trainees = trainees.filter(user__display_name__icontains=q) | trainees.filter(
            user__email__icontains=q
        )
    trainees = list(trainees.order_by("user__display_name", "user__email"))
    records = {
        (r.membership_id, r.session_id): r
        for r in Attendance.objects.filter(
            session__in=[s.pk for s in sessions], membership__in=[m.pk for m in trainees]
        )
    }
    held = [s for s in sessions if s.starts_at <= moment]
    rows = []
    totals = [0] * len(sessions)
    for membership in trainees:
        cells = [records.get((membership.pk, s.pk)) for s in sessions]
        counts = dict.fromkeys(Status.values, 0)
        for index, cell in enumerate(cells):
            if cell is not None:
                counts[cell.status] += 1
                if cell.attended:
                    totals[index] += 1
        counts["unrecorded"] = sum(
            1 for s, cell in zip(sessions, cells, strict=True) if cell is None and s in held
        )
        counted = counts[Status.PRESENT] + counts[Status.LATE] + counts[Status.ABSENT]
        rate = (
            round(100 * (counts[Status.PRESENT] + counts[Status.LATE]) / counted, 1)
            if counted
            else None
        )
        rows.append(Row(membership, cells, counts, rate, threshold))
    if below:
        rows = [row for row in rows if row.below]
    return Grid(cohort, sessions, rows, threshold, totals)
