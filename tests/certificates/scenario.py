"""A cohort against completion rules, built directly: sessions with records, required
assignments with released reviews (the shapes the evaluation reads)."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from cohorts.attendance.models import Attendance
from cohorts.certificates.models import CompletionRule
from cohorts.coursework.models import Submission
from cohorts.review.models import Review, ReviewRelease
from tests.attendance.factories import SessionFactory
from tests.factories import AssignmentFactory


def past_sessions(cohort, count, *, title="月例集合セミナー"):
    now = timezone.now()
    return [
        SessionFactory(
            cohort=cohort,
            title=f"{title}{n + 1}",
            starts_at=now - timedelta(days=7 * (count - n)),
            ends_at=now - timedelta(days=7 * (count - n), hours=-3),
        )
        for n in range(count)
    ]


def record(session, membership, status="present"):
    return Attendance.objects.create(
        session=session, membership=membership, status=status, how="roster"
    )


def released(assignment, membership, points, *, possible=None, outcome="released", author=None):
    """A submitted attempt with a published review of `points` (out of possible)."""
    now = timezone.now()
    submission = Submission.objects.create(
        assignment=assignment,
        membership=membership,
        attempt=1,
        status="graded" if outcome == "released" else "returned",
        submitted_at=now - timedelta(days=2),
        text="<p>回答</p>",
    )
    review = Review.objects.create(submission=submission, state="released", version=1)
    return ReviewRelease.objects.create(
        review=review,
        number=1,
        outcome=outcome,
        points=None if points is None else Decimal(points),
        points_possible=possible,
        released_at=now - timedelta(days=1),
        released_by=author,
    )


def rule_for(cohort, *, min_attendance=80, pass_mark=60, assignments=(), sessions=()):
    rule = CompletionRule.objects.create(
        cohort=cohort, min_attendance=min_attendance, pass_mark=pass_mark
    )
    rule.required_assignments.set(assignments)
    rule.required_sessions.set(sessions)
    return rule


def completable(cohort, memberships, *, sessions=5):
    """Rules every membership meets: five sessions all present, one assignment at 8/10, the
    last session named."""
    held = past_sessions(cohort, sessions)
    task = AssignmentFactory(cohort=cohort, points=10)
    for membership in memberships:
        for session in held:
            record(session, membership)
        released(task, membership, 8)
    return rule_for(cohort, assignments=[task], sessions=[held[-1]])
