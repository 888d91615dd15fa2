"""Scheduled work: the job registry, run_scheduled, the once-only claim and the pruning jobs."""

from datetime import UTC, datetime, timedelta
from io import StringIO

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django_tasks_db.models import DBTaskResult

from academy.scheduling.jobs import prune_sent_notices, prune_task_results
from academy.scheduling.models import SentNotice
from academy.scheduling.registry import claim, jobs
from tests.academy import scheduled_jobs

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 12, 1, 3, 0, tzinfo=UTC)


@pytest.fixture
def test_jobs(settings):
    scheduled_jobs.CALLS.clear()
    settings.SCHEDULED_JOBS = [
        "tests.academy.scheduled_jobs.broken_job",
        "tests.academy.scheduled_jobs.counting_job",
    ]


def test_the_default_jobs_are_registered():
    assert list(jobs()) == [
        "send_due_soon_reminders",
        "announce_opened_assignments",
        "send_session_reminders",
        "prune_task_results",
        "prune_sent_notices",
        "recover_stalled",
        "prune_mail_outbox",
    ]


def test_a_failing_job_does_not_stop_the_others_but_fails_the_run(test_jobs, caplog):
    out = StringIO()
    with pytest.raises(CommandError, match="broken_job"):
        call_command("run_scheduled", stdout=out)
    assert len(scheduled_jobs.CALLS) == 1
    assert "counting_job: 2" in out.getvalue()
    assert any(r.name == "academy.scheduling" and r.job == "broken_job" for r in caplog.records)


def test_one_job_by_name_and_a_given_moment(test_jobs):
    call_command(
        "run_scheduled", "counting_job", "--now", "2026-12-01T12:00:00+09:00", stdout=StringIO()
    )
    assert scheduled_jobs.CALLS == [NOW]


def test_unknown_jobs_and_naive_moments_are_refused(test_jobs):
    with pytest.raises(CommandError, match="Unknown jobs: nope"):
        call_command("run_scheduled", "nope")
    with pytest.raises(CommandError, match="zone"):
        call_command("run_scheduled", "--now", "2026-12-01T12:00:00")
    out = StringIO()
    call_command("run_scheduled", "--list", stdout=out)
    assert out.getvalue().split() == ["broken_job", "counting_job"]
    assert scheduled_jobs.CALLS == []


def test_a_claim_is_granted_once():
    assert claim("test.kind", "1:2") is True
    assert claim("test.kind", "1:2") is False
    assert claim("test.kind", "1:3") is True
    assert claim("other.kind", "1:2") is True


def task_row(status, finished_at):
    return DBTaskResult.objects.create(
        status=status,
        finished_at=finished_at,
        args_kwargs={"args": [], "kwargs": {}},
        task_path="academy.mail.deliver_email",
        backend_name="default",
        run_after=finished_at or NOW,
    )


def test_prune_removes_only_finished_rows_older_than_the_setting(settings):
    settings.TASK_RESULTS_KEEP_DAYS = 14
    old = NOW - timedelta(days=15)
    recent = NOW - timedelta(days=13)
    gone = [task_row("SUCCESSFUL", old), task_row("FAILED", old)]
    kept = [task_row("SUCCESSFUL", recent), task_row("READY", None), task_row("RUNNING", None)]
    assert prune_task_results(now=NOW) == 2
    assert prune_task_results(now=NOW) == 0
    assert set(DBTaskResult.objects.values_list("pk", flat=True)) == {row.pk for row in kept}
    assert not DBTaskResult.objects.filter(pk__in=[row.pk for row in gone]).exists()


def test_prune_sent_notices(settings):
    settings.SENT_NOTICES_KEEP_DAYS = 30
    with time_machine.travel(NOW - timedelta(days=31), tick=False):
        claim("test.kind", "old")
    with time_machine.travel(NOW - timedelta(days=29), tick=False):
        claim("test.kind", "recent")
    assert prune_sent_notices(now=NOW) == 1
    assert list(SentNotice.objects.values_list("key", flat=True)) == ["recent"]
