"""The day-before reminder: idempotent, to the cohort's active members, again after a move."""

from datetime import timedelta

import pytest
from django.core import mail

from cohorts.attendance.reminders import send_session_reminders
from cohorts.attendance.services.sessions import update_session
from tests.attendance.factories import SessionFactory
from tests.factories import jst

pytestmark = pytest.mark.django_db
NOW = jst(2026, 12, 11, 9, 0)


def test_tomorrows_sessions_are_reminded_once(world, django_capture_on_commit_callbacks):
    tomorrow = SessionFactory(cohort=world.cohort, starts_at=jst(2026, 12, 12, 13, 0))
    SessionFactory(cohort=world.cohort, starts_at=jst(2026, 12, 13, 13, 0))  # the day after
    with django_capture_on_commit_callbacks(execute=True):
        assert send_session_reminders(now=NOW) == 1
        assert send_session_reminders(now=NOW + timedelta(hours=1)) == 0
    addresses = sorted(m.to[0] for m in mail.outbox)
    assert addresses == [
        "w-mentor2@example.com",
        "w-mentor@example.com",
        "w-trainee2@example.com",
        "w-trainee@example.com",
    ]
    assert mail.outbox[0].subject == f"明日：{tomorrow.title}"
    assert "2026年12月12日" in mail.outbox[0].body


def test_a_moved_session_is_reminded_again(world, django_capture_on_commit_callbacks):
    session = SessionFactory(cohort=world.cohort, starts_at=jst(2026, 12, 12, 13, 0))
    with django_capture_on_commit_callbacks(execute=True):
        send_session_reminders(now=NOW)
    session.starts_at = jst(2026, 12, 12, 15, 0)
    session.ends_at = jst(2026, 12, 12, 18, 0)
    update_session(actor=world.users["staff"], session=session)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert send_session_reminders(now=NOW) == 1
    assert len(mail.outbox) == 4


def test_the_scheduler_sends_the_session_reminders_once(world, django_capture_on_commit_callbacks):
    """run_scheduled (the systemd timer's command) runs this job; a second run sends nothing."""
    from django.core.management import call_command

    SessionFactory(cohort=world.cohort, starts_at=jst(2026, 12, 12, 13, 0))
    with django_capture_on_commit_callbacks(execute=True):
        call_command(
            "run_scheduled",
            "send_session_reminders",
            now=NOW.isoformat(),
        )
        call_command("run_scheduled", now=(NOW + timedelta(minutes=15)).isoformat())
    assert len([m for m in mail.outbox if m.subject.startswith("明日：")]) == 4
