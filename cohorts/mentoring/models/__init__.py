"""Mentoring: meetings with their action items, and each cohort's meeting policy."""

from .meeting import ActionItem, Meeting, MeetingQuerySet
from .policy import DEFAULT_GAP_WEEKS, MentoringPolicy

__all__ = ["DEFAULT_GAP_WEEKS", "ActionItem", "Meeting", "MeetingQuerySet", "MentoringPolicy"]
