"""The review queue: submitted attempts a reviewer may see, oldest waiting first, with a
state per row, counts per state and the next one waiting. Read-only; a fixed number of
queries whatever the size (tests/review/test_queue.py)."""

from django.db.models import Case, Count, Q, Value, When

from cohorts import access
from cohorts.coursework.models import Assignment
from cohorts.models import Cohort

STATES = ("to_review", "draft", "ready", "returned", "released")
WAITING = ("to_review", "draft", "ready")

QUEUE_STATE = Case(
    When(review__isnull=True, then=Value("to_review")),
    When(Q(review__state="draft", review__author__isnull=True), then=Value("to_review")),
    When(review__state="draft", then=Value("draft")),
    When(review__state="ready", then=Value("ready")),
    When(review__state="returned", then=Value("returned")),
    default=Value("released"),
)


def queue_base(user):
    """Every submitted attempt in user's queue, with its queue_state."""
    queryset = access.reviewable_submissions(user)
    if not access.is_staff(user):
        # Work that staff reassigned to another mentor leaves this mentor's queue.
        queryset = queryset.filter(
            Q(review__assigned_to__isnull=True) | Q(review__assigned_to__user=user)
        )
    return queryset.annotate(queue_state=QUEUE_STATE)


def filtered(user, *, cohort=None, assignment=None, late=None):
    queryset = queue_base(user)
    if cohort:
        queryset = queryset.filter(assignment__cohort_id=cohort)
    if assignment:
        queryset = queryset.filter(assignment_id=assignment)
    if late:
        queryset = queryset.filter(is_late=True)
    return queryset


def counts(queryset):
    """{state: count} for every state (zeros included), in one query."""
    found = dict(
        queryset.order_by()
        .values_list("queue_state")
        .annotate(n=Count("pk"))
        .values_list("queue_state", "n")
    )
    return {state: found.get(state, 0) for state in STATES}


def rows(queryset, state=None):
    if state in STATES:
        queryset = queryset.filter(queue_state=state)
    elif state != "all":
        queryset = queryset.filter(queue_state__in=WAITING)
    return queryset.select_related(
        "assignment__cohort",
        "membership__user",
        "review__author",
        "review__assigned_to__user",
        "review_marker__user",
    ).order_by("submitted_at", "pk")


def next_waiting(user, after):
    """The oldest waiting attempt other than `after` (its id), or None."""
    return (
        queue_base(user)
        .filter(queue_state__in=WAITING)
        .exclude(pk=after)
        .order_by("submitted_at", "pk")
        .values_list("pk", flat=True)
        .first()
    )


def filter_choices(user):
    """(cohorts, assignments) the filters offer: where user reviews."""
    cohorts = access.cohorts_visible_to(user, Cohort.objects.all())
    if not access.is_staff(user):
        cohorts = cohorts.filter(pk__in=access.reviewer_memberships(user).values("cohort_id"))
    cohorts = list(cohorts.order_by("-starts_on", "name"))
    assignments = list(
        Assignment.objects.filter(cohort__in=[c.pk for c in cohorts])
        .only("pk", "title", "cohort_id")
        .order_by("due_at", "pk")
    )
    return cohorts, assignments
