"""Self check-in: a trainee types (or scans) the session's code within its window.

A refusal (another cohort, outside the window, a wrong code, too many wrong codes) records
nothing and says why. Wrong codes are counted in the shared cache, per person and session and
per session, so that guessing six digits within the window is hopeless: after the limits the
code stops working (for that person, or for the session) and staff take the roster instead.

Checking in twice is harmless; two check-ins at once make one row (the unique constraint and
get_or_create); a check-in waits for a roster being saved (both lock the session row). A record that exists (from the roster, or an earlier check-in) is never
changed by the trainee.
"""

import unicodedata

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext_lazy as _

from academy.audit import record_change, snapshot
from academy.datetimes import format_time
from cohorts import access
from cohorts.attendance.models import Attendance, Session

from .records import AUDITED

# Wrong codes allowed per person per session, and per session for everyone together.
DEFAULT_LIMITS = (5, 100)
COUNTER_LIFETIME = 60 * 60 * 24


class CheckInRefused(Exception):
    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


NOT_YOUR_COHORT = _(
    "This session is not one of your cohort's sessions. Check the code or QR code on the screen."
)
TOO_EARLY = _("Check-in opens at %(time)s. Please try again then.")
TOO_LATE = _("Check-in closed at %(time)s. Please ask the office or your mentor to record you.")
WRONG_CODE = _("That code is not right. Check the six digits on the screen and try again.")
TOO_MANY = _(
    "Too many wrong codes: check-in by code is locked for you at this session. "
    "Please ask the office or your mentor to record you."
)


def _limits():
    return getattr(settings, "ATTENDANCE_CHECKIN_LIMITS", DEFAULT_LIMITS)


def _keys(user, session):
    return (
        f"checkin-wrong:{session.pk}:{user.pk}",
        f"checkin-wrong:{session.pk}",
    )


def _count(key):
    cache.add(key, 0, timeout=COUNTER_LIFETIME)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=COUNTER_LIFETIME)
        return 1


def is_locked(user, session):
    per_person, per_session = _limits()
    person_key, session_key = _keys(user, session)
    counts = cache.get_many([person_key, session_key])
    return counts.get(person_key, 0) >= per_person or counts.get(session_key, 0) >= per_session


def normalise_code(code):
    """Full-width digits (a Japanese keyboard) and spaces are forgiven."""
    return "".join(unicodedata.normalize("NFKC", code or "").split())


def check_in(*, user, session, code, moment=None):
    """(record, created): the trainee's record, made present or late now; raises
    CheckInRefused with the reason, recording nothing."""
    moment = moment or timezone.now()
    membership = access.own_trainee_membership(user, session.cohort_id)
    if membership is None:
        raise CheckInRefused(NOT_YOUR_COHORT)
    if session.cohort.is_archived:
        raise CheckInRefused(session.cohort.ARCHIVED_MESSAGE)
    existing = Attendance.objects.filter(session=session, membership=membership).first()
    if existing is not None:
        return existing, False
    if moment < session.checkin_opens_at:
        raise CheckInRefused(TOO_EARLY % {"time": format_time(session.checkin_opens_at)})
    if moment >= session.checkin_closes_at:
        raise CheckInRefused(TOO_LATE % {"time": format_time(session.checkin_closes_at)})
    if is_locked(user, session):
        raise CheckInRefused(TOO_MANY)
    if not constant_time_compare(normalise_code(code), session.checkin_code):
        for key in _keys(user, session):
            _count(key)
        raise CheckInRefused(WRONG_CODE)
    with transaction.atomic():
        # The same lock as the roster (services/records.py): a roster saved meanwhile is
        # waited for, so neither insert meets the other's row half-way.
        Session.objects.select_for_update().filter(pk=session.pk).exists()
        record, created = Attendance.objects.get_or_create(
            session=session,
            membership=membership,
            defaults={
                "status": session.checkin_status(moment),
                "how": Attendance.How.SELF_CHECKIN,
                "recorded_by": user,
                "recorded_at": moment,
                "checked_in_at": moment,
            },
        )
        if created:
            record_change(
                actor=user,
                obj=record,
                action="create",
                after=snapshot(record, AUDITED),
                reason=Attendance.How.SELF_CHECKIN.value,
            )
    return record, created
