"""Coursework: assignments with their rubrics and extensions, and the trainees' attempts."""

from .announcement import Announcement
from .assignment import Assignment, Extension
from .rubric import Rubric, RubricCriterion, RubricLevel
from .submission import ImmutableSubmissionError, Submission, SubmissionFile, SubmissionQuerySet

__all__ = [
    "Announcement",
    "Assignment",
    "Extension",
    "ImmutableSubmissionError",
    "Rubric",
    "RubricCriterion",
    "RubricLevel",
    "Submission",
    "SubmissionFile",
    "SubmissionQuerySet",
]
