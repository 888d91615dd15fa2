"""Due-soon reminders: 24 hours before the trainee's own due date, once, only if not handed in."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from academy.scheduling.models import SentNotice
from tests.factories import (
    AssignmentFactory,
    CohortFactory,
    ExtensionFactory,
    MembershipFactory,
    UserFactory,
    jst,
    submitted_attempt,
)

pytestmark = pytest.mark.django_db

DUE = jst(2026, 12, 12, 13, 0)


@pytest.fixture
def cohort():
    return CohortFactory()


@pytest.fixture
def assignment(cohort):
    return AssignmentFactory(cohort=cohort, title="現状分析", due_at=DUE)


@pytest.fixture
def trainee(cohort):
    return MembershipFactory(
        cohort=cohort, user=UserFactory(email="t1@example.com", preferred_language="ja")
    )


def run_at(moment):
    with time_machine.travel(moment, tick=False):
        call_command("run_scheduled", "send_due_soon_reminders", verbosity=0)


def test_running_twice_sends_once(assignment, trainee):
    run_at(DUE - timedelta(hours=20))
    run_at(DUE - timedelta(hours=19, minutes=45))
    assert [message.to for message in mail.outbox] == [["t1@example.com"]]
    message = mail.outbox[0]
    assert "現状分析" in message.subject
    assert "2026年12月12日" in message.body and "13:00" in message.body
    assert f"/assignments/{assignment.pk}/" in message.body
    assert SentNotice.objects.filter(kind="coursework.due_soon").count() == 1


def test_the_24_hour_edge(assignment, trainee):
    run_at(DUE - timedelta(hours=24, seconds=1))
    assert mail.outbox == []
    run_at(DUE - timedelta(hours=24))
    assert len(mail.outbox) == 1


def test_nothing_after_the_due_date(assignment, trainee):
    run_at(DUE)
    run_at(DUE + timedelta(minutes=1))
    assert mail.outbox == []


def test_only_trainees_who_have_not_handed_in(assignment, trainee, cohort):
    done = MembershipFactory(cohort=cohort)
    MembershipFactory(cohort=cohort, is_active=False)
    MembershipFactory(cohort=cohort, role="mentor")
    with time_machine.travel(DUE - timedelta(days=2), tick=False):
        submitted_attempt(assignment, done)
    mail.outbox.clear()
    run_at(DUE - timedelta(hours=1))
    assert [message.to for message in mail.outbox] == [["t1@example.com"]]


def test_an_extension_moves_the_reminder(assignment, trainee):
    ExtensionFactory(assignment=assignment, membership=trainee, due_at=DUE + timedelta(days=3))
    run_at(DUE - timedelta(hours=1))
    assert mail.outbox == []
    run_at(DUE + timedelta(days=3) - timedelta(hours=23))
    assert len(mail.outbox) == 1
    assert "2026年12月15日" in mail.outbox[0].body


def test_a_finished_cohort_gets_nothing(assignment, trainee, cohort):
    cohort.status = "finished"
    cohort.save()
    run_at(DUE - timedelta(hours=1))
    assert mail.outbox == []


def test_the_trainees_language(assignment, cohort):
    MembershipFactory(cohort=cohort, user=UserFactory(preferred_language="en"))
    run_at(DUE - timedelta(hours=2))
    assert mail.outbox[0].subject == "Due soon: 現状分析"
    assert "(Japan time)" in mail.outbox[0].body


# The worker closes its database connection between tasks, so no wrapping transaction.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_in_production_the_claim_and_the_queued_mail_commit_together(assignment, trainee, settings):
    """With the database task queue the reminder waits for the worker; the notice is claimed in
    the same transaction, so a second run queues nothing and the worker sends one e-mail."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    run_at(DUE - timedelta(hours=2))
    run_at(DUE - timedelta(hours=1))
    assert mail.outbox == []
    assert DBTaskResult.objects.filter(status="READY").count() == 1
    call_command("db_worker", "--batch", verbosity=0)
    assert len(mail.outbox) == 1
