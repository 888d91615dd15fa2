"""Completion: each cohort's rules, the confirmed completions with their 修了証, and alumni."""

from .alumni import AlumniEntry
from .completion import Completion, CompletionQuerySet
from .rule import CompletionRule

__all__ = ["AlumniEntry", "Completion", "CompletionQuerySet", "CompletionRule"]
