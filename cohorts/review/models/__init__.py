"""Review: the mentors' working copy, its scores, what was published, the gate and guests."""

from .guest import GuestEvaluator
from .policy import ReleasePolicy
from .review import CriterionScore, Review, ReviewMarker, ReviewRelease

__all__ = [
    "CriterionScore",
    "GuestEvaluator",
    "ReleasePolicy",
    "Review",
    "ReviewMarker",
    "ReviewRelease",
]
