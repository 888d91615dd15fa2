"""Plans: section titles per course, the plan and its sections, versions, comments, snapshots."""

from .comment import SectionComment
from .heading import DEFAULT_HEADINGS, PlanHeading
from .plan import ImmutableVersionError, Plan, PlanSection, SectionVersion
from .snapshot import PlanSnapshot

__all__ = [
    "DEFAULT_HEADINGS",
    "ImmutableVersionError",
    "Plan",
    "PlanHeading",
    "PlanSection",
    "PlanSnapshot",
    "SectionComment",
    "SectionVersion",
]
