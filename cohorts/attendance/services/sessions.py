"""Scheduling a session and changing its check-in code: the one write path (site and admin)."""

from django.db import transaction

from cohorts.attendance.models import Session, new_checkin_code
from cohorts.services.archive import refuse_if_archived


@transaction.atomic
def create_session(*, actor, session):
    """Save a new session (its fields already set, e.g. by a form) after the model's rules;
    CohortArchived (a ValidationError) for an archived cohort."""
    refuse_if_archived(session.cohort_id)
    session.full_clean()
    session.save()
    return session


@transaction.atomic
def update_session(*, actor, session):
    """A moved session is reminded again (the reminder names the new time)."""
    stored = Session.objects.select_for_update().get(pk=session.pk)
    refuse_if_archived(stored.cohort_id)
    refuse_if_archived(session.cohort_id)
    if stored.starts_at != session.starts_at:
        session.reminder_sent_at = None
    session.full_clean()
    session.save()
    return session


@transaction.atomic
def delete_session(*, actor, session):
    """The database refuses a session that holds attendance records (PROTECT)."""
    session.delete()


@transaction.atomic
def new_code(*, actor, session):
    """A fresh check-in code (when the old one leaked); the old one stops working at once."""
    refuse_if_archived(session.cohort_id)
    code = new_checkin_code()
    while code == session.checkin_code:
        code = new_checkin_code()
    Session.objects.filter(pk=session.pk).update(checkin_code=code)
    session.checkin_code = code
    return session
