"""The cohorts domain, one module per aggregate; later issues add theirs beside these."""

from .cohort import Cohort, CohortQuerySet
from .invitation import Invitation, InvitationQuerySet
from .membership import Membership, MembershipQuerySet

__all__ = [
    "Cohort",
    "CohortQuerySet",
    "Invitation",
    "InvitationQuerySet",
    "Membership",
    "MembershipQuerySet",
]
from .assignment import Assignment, AssignmentQuerySet, Extension  # noqa: E402  (issue 6)
from .rubric import Rubric, RubricCriterion, RubricLevel  # noqa: E402  (issue 6)
from .submission import (  # noqa: E402  (issue 6)
    ImmutableSubmissionError,
    Submission,
    SubmissionFile,
    SubmissionQuerySet,
)

__all__ += [  # noqa: PLE0605
    "Assignment",
    "AssignmentQuerySet",
    "Extension",
    "ImmutableSubmissionError",
    "Rubric",
    "RubricCriterion",
    "RubricLevel",
    "Submission",
    "SubmissionFile",
    "SubmissionQuerySet",
]
