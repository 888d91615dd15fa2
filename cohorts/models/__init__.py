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
