"""The kernel's models: cohorts, memberships (trainee | mentor, with the pairing), invitations.

Feature apps (cohorts/coursework/, …) keep their own models and point here by foreign key.
"""

from .cohort import Cohort, CohortQuerySet
from .confidential import ConfidentialView, ConfidentialViewQuerySet
from .invitation import Invitation, InvitationQuerySet
from .membership import Membership, MembershipQuerySet

__all__ = [
    "Cohort",
    "CohortQuerySet",
    "ConfidentialView",
    "ConfidentialViewQuerySet",
    "Invitation",
    "InvitationQuerySet",
    "Membership",
    "MembershipQuerySet",
]
