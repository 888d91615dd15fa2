"""Attendance's models: sessions, one attendance record per trainee, policy, warnings."""

from .attendance import Attendance, AttendanceQuerySet
from .policy import AbsenceWarning, AttendancePolicy
from .session import Session, SessionQuerySet, new_checkin_code

__all__ = [
    "AbsenceWarning",
    "Attendance",
    "AttendancePolicy",
    "AttendanceQuerySet",
    "Session",
    "SessionQuerySet",
    "new_checkin_code",
]
