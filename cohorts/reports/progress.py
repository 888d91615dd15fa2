"""Per-trainee progress: lessons, assignments with their latest released grade, attendance.

One builder for the dashboards, the per-trainee page and the gradebook (no writes). It runs a
fixed number of queries whatever the number of trainees or assignments: every row is read
through the access package, then put together in memory.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, F, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from cohorts import access

# What a row reads of an attempt and of its published review: not the texts, feedback and
# scores, which make a 300-trainee page several times slower for nothing.
SUBMISSION_FIELDS = ("assignment", "membership", "attempt", "status", "submitted_at", "is_late")
RELEASE_FIELDS = ("review", "number", "outcome", "points", "points_possible")
ATTENDED = ("present", "late")
EXCUSED = "excused"


@dataclass
class Cell:
    """One trainee × one assignment."""

    assignment: object
    due: object
    submission: object = None  # the latest submitted attempt
    release: object = None  # the latest published review of that attempt
    late: bool = False
    missing: bool = False  # past due and nothing handed in

    @property
    def state(self):
        if self.submission is None:
            return "missing" if self.missing else "not_started"
        return self.submission.status

    @property
    def points(self):
        return self.release.points if self.release is not None else None

    @property
    def graded(self):
        return self.release is not None and self.release.points is not None


@dataclass
class TraineeRow:
    membership: object
    cells: list
    lessons_done: int = 0
    lessons_total: int = 0
    attendance_rate: float | None = None  # percent
    threshold: int = 80
    overdue_limit: int = 1  # the cohort's behind_after_overdue
    records: list = field(default_factory=list)

    @property
    def user(self):
        return self.membership.user

    @property
    def graded(self):
        return sum(1 for cell in self.cells if cell.graded)

    @property
    def overdue(self):
        return [cell for cell in self.cells if cell.missing]

    @property
    def waiting(self):
        return sum(1 for cell in self.cells if cell.state == "submitted")

    @property
    def last_submission(self):
        dated = [c.submission for c in self.cells if c.submission and c.submission.submitted_at]
        return max(dated, key=lambda s: s.submitted_at, default=None)

    @property
    def low_attendance(self):
        return self.attendance_rate is not None and self.attendance_rate < self.threshold

    @property
    def falling_behind(self):
        return len(self.overdue) >= self.overdue_limit or self.low_attendance

    @property
    def total_points(self):
        return sum((cell.points for cell in self.cells if cell.graded), Decimal(0))

    @property
    def possible_points(self):
        return sum(
            cell.release.points_possible or cell.assignment.points
            for cell in self.cells
            if cell.graded
        )

    @property
    def percent(self):
        possible = self.possible_points
        return round(100 * float(self.total_points) / possible, 1) if possible else None

    @property
    def lesson_percent(self):
        return round(100 * self.lessons_done / self.lessons_total) if self.lessons_total else 0


def attendance_rate(records):
    counted = [r for r in records if r.status != EXCUSED]
    if not counted:
        return None
    return round(100 * sum(r.status in ATTENDED for r in counted) / len(counted), 1)


def build_rows(user, memberships, *, assignments=None, moment=None):
    """A TraineeRow per membership (select_related user and cohort__course), in their order.

    Assignments default to every assignment of the memberships' cohorts that user may see."""
    moment = moment or timezone.now()
    memberships = list(memberships)
    if not memberships:
        return []
    ids = [m.pk for m in memberships]
    cohort_ids = sorted({m.cohort_id for m in memberships})
    if assignments is None:
        assignments = list(
            access.assignments_visible_to(user)
            .filter(cohort_id__in=cohort_ids)
            .order_by("due_at", "pk")
        )
    extensions = access.extensions_of(memberships)
    latest = {}
    for submission in (
        access.submissions_visible_to(user)
        .filter(membership__in=ids, assignment__in=[a.pk for a in assignments])
        .exclude(status="draft")
        .filter(~access.later_attempt_exists())  # the latest only: fewer rows to read
        .only(*SUBMISSION_FIELDS)
        .order_by("attempt")
    ):
        latest[(submission.membership_id, submission.assignment_id)] = submission
    releases = {}
    for release in (
        access.releases_visible_to(user)
        .filter(review__submission__in=[s.pk for s in latest.values()])
        .filter(~access.later_release_exists())
        .only(*RELEASE_FIELDS)
        .annotate(submission_id=F("review__submission_id"))
        .order_by("number")
    ):
        releases[release.submission_id] = release
    records = {}
    for record in (
        access.attendance_visible_to(user)
        .filter(membership__in=ids, session__starts_at__lte=moment)
        .select_related("session")
        .order_by("session__starts_at", "pk")
    ):
        records.setdefault(record.membership_id, []).append(record)
    thresholds = access.attendance_thresholds(cohort_ids)
    course_paths = {m.cohort_id: m.cohort.course.path for m in memberships}
    lessons = access.lessons_of_courses(sorted(set(course_paths.values())))
    done = access.lessons_done_by(memberships)
    rows = []
    for membership in memberships:
        cells = []
        for assignment in assignments:
            if assignment.cohort_id != membership.cohort_id:
                continue
            due = extensions.get((membership.pk, assignment.pk), assignment.due_at)
            submission = latest.get((membership.pk, assignment.pk))
            cells.append(
                Cell(
                    assignment=assignment,
                    due=due,
                    submission=submission,
                    release=releases.get(submission.pk) if submission else None,
                    late=bool(submission and submission.is_late),
                    missing=submission is None and due < moment,
                )
            )
        path = course_paths[membership.cohort_id]
        course_lessons = {lesson.pk for lesson in lessons if lesson.path.startswith(path)}
        own = records.get(membership.pk, [])
        rows.append(
            TraineeRow(
                membership=membership,
                cells=cells,
                lessons_done=len(course_lessons & done.get(membership.user_id, set())),
                lessons_total=len(course_lessons),
                attendance_rate=attendance_rate(own),
                threshold=thresholds[membership.cohort_id],
                overdue_limit=membership.cohort.behind_after_overdue,
                records=own,
            )
        )
    return rows


def _latest_releases(user, memberships, assignment_ids):
    """Published reviews that count: the latest release of the latest handed-in attempt."""
    return (
        access.releases_visible_to(user)
        .filter(
            review__submission__membership__in=memberships,
            review__submission__assignment__in=assignment_ids,
        )
        .exclude(review__submission__status="draft")
        .filter(~access.later_attempt_exists("review__submission__"))
        .filter(~access.later_release_exists())
    )


def grade_totals(user, memberships, assignments):
    """{membership pk: percent or None} over every assignment, counted by the database in one
    query (what build_rows' TraineeRow.percent gives, without building the rows): the
    gradebook sorts a cohort of 300 by percentage this way."""
    by_assignment = {assignment.pk: assignment for assignment in assignments}
    totals = (
        _latest_releases(user, memberships, list(by_assignment))
        .filter(points__isnull=False)
        .order_by()
        .values_list("review__submission__membership")
        .annotate(
            points=Sum("points"),
            possible=Sum(Coalesce("points_possible", "review__submission__assignment__points")),
        )
        .values_list("review__submission__membership", "points", "possible")
    )
    return {
        membership_id: round(100 * float(points) / possible, 1) if possible else None
        for membership_id, points, possible in totals
    }


def assignment_stats(user, memberships, assignments):
    """Per assignment, over every trainee: attempts handed in, reviews published, mean points
    (the same rules as build_rows), counted by the database in two queries."""
    ids = [assignment.pk for assignment in assignments]
    submitted = dict(
        access.submissions_visible_to(user)
        .filter(membership__in=memberships, assignment__in=ids)
        .exclude(status="draft")
        .filter(~access.later_attempt_exists())
        .order_by()
        .values_list("assignment")
        .annotate(count=Count("pk"))
        .values_list("assignment", "count")
    )
    reviewed = {
        assignment_id: (count, total, marked)
        for assignment_id, count, total, marked in _latest_releases(user, memberships, ids)
        .order_by()
        .values_list("review__submission__assignment")
        .annotate(count=Count("pk"), total=Sum("points"), marked=Count("points"))
        .values_list("review__submission__assignment", "count", "total", "marked")
    }
    stats = []
    for assignment in assignments:
        count, total, marked = reviewed.get(assignment.pk, (0, None, 0))
        stats.append(
            {
                "assignment": assignment,
                "submitted": submitted.get(assignment.pk, 0),
                "reviewed": count,
                "mean": (Decimal(total) / marked).quantize(Decimal("0.1")) if marked else None,
            }
        )
    return stats
