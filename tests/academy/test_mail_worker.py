"""E-mail through a real SMTP server (aiosmtpd on loopback) sent by the real `db_worker` process.

The production path end to end: a service queues the mail on the database task backend, a
separate worker process delivers it over SMTP, the test reads what the server received. The
task rows carry only an outbox id (no link, no token) and can be pruned once finished.
"""

import json
import re
import time

import pytest
from django.core.management import call_command
from django.utils import translation
from django_tasks_db.models import DBTaskResult

from academy.models import OutgoingEmail
from cohorts.models import Invitation
from cohorts.services import invitations
from tests.factories import CohortFactory

from .mail_servers import SmtpServer, Worker

# The worker is another process: no wrapping transaction, and the migrated site rows restored.
pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SITE = "https://academy.example.jp"
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.fixture
def production_like(settings):
    settings.TASKS = DATABASE_TASKS
    settings.WAGTAILADMIN_BASE_URL = SITE
    settings.SITE_URL = SITE


@pytest.fixture
def smtp():
    server = SmtpServer().start()
    yield server
    server.stop()


def invite(cohort, email, language):
    return invitations.invite(
        cohort=cohort, email=email, name="承継 花子", role="trainee", language=language
    )


def mail_tasks():
    return DBTaskResult.objects.filter(task_path="academy.mail.deliver_email")


def everything_stored():
    """Every column of every task and outbox row, as one text."""
    rows = [*DBTaskResult.objects.values(), *OutgoingEmail.objects.values()]
    return json.dumps(rows, default=str, ensure_ascii=False)


def test_the_worker_delivers_invitations_in_each_language_with_links_from_site_url(
    production_like, smtp, tmp_path
):
    cohort = CohortFactory(name="2026 第1期")
    invite(cohort, "en@example.com", "en")
    invite(cohort, "ja@example.com", "ja")
    assert mail_tasks().filter(status="READY").count() == 2
    assert smtp.inbox.delivered == []  # nothing goes out inside the request

    Worker(tmp_path, smtp.url).run_batch()

    messages = {m["To"]: m for m in smtp.inbox.messages()}
    assert set(messages) == {"en@example.com", "ja@example.com"}
    english, japanese = messages["en@example.com"], messages["ja@example.com"]
    assert english["Subject"] == "Invitation to 2026 第1期 — set your password"
    assert english["Content-Language"] == "en"
    assert "Dear 承継 花子," in english.get_body(("plain",)).get_content()
    assert "招待" in japanese["Subject"]
    assert japanese["Content-Language"] == "ja"
    assert "承継 花子" in japanese.get_body(("plain",)).get_content()
    tokens = []
    for message in (english, japanese):
        text = message.get_body(("plain",)).get_content()
        link = re.search(rf"{re.escape(SITE)}/invitations/([^/\s]+)/", text)
        assert link, text
        tokens.append(link.group(1))
        assert Invitation.objects.by_token(link.group(1)).membership.user.email == message["To"]
    assert {e.mail_from for e in smtp.inbox.delivered} == {"office@example.com"}

    # What stays behind holds no link: task rows carry an id, sent rows lose their parts.
    assert list(OutgoingEmail.objects.values_list("status", flat=True)) == ["sent", "sent"]
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"SUCCESSFUL"}
    stored = everything_stored()
    assert all(token not in stored for token in tokens)
    # and the finished task rows are prunable (the scheduler runs this daily)
    call_command("prune_db_task_results", "--min-age-days", "0", verbosity=0)
    assert not DBTaskResult.objects.exists()


def test_a_server_that_refuses_for_now_gets_the_mail_once_when_it_accepts(
    production_like, tmp_path
):
    """Down (connection refused), then busy (451), then accepting: one delivery, three tries."""
    cohort = CohortFactory()
    with translation.override("ja"):
        invite(cohort, "trainee@example.com", "ja")
    outgoing = OutgoingEmail.objects.get()
    server = SmtpServer()  # its port is chosen, nothing listens yet
    worker = Worker(tmp_path, server.url, MAIL_RETRY_DELAYS="1,1,1")

    worker.run_batch()
    outgoing.refresh_from_db()
    assert (outgoing.status, outgoing.attempts) == ("queued", 1)
    assert "ConnectionRefusedError" in outgoing.last_error

    server.inbox.refuse = 1
    server.start()
    try:
        for _ in range(60):  # the retry is deferred by a second: run the worker until it is done
            worker.run_batch()
            outgoing.refresh_from_db()
            if outgoing.status != "queued":
                break
            time.sleep(0.5)
        worker.run_batch()  # and once more: nothing is left to send
    finally:
        server.stop()

    assert (outgoing.status, outgoing.attempts) == ("sent", 3)
    assert server.inbox.refused == 1
    assert len(server.inbox.delivered) == 1
    assert server.inbox.messages()[0]["To"] == "trainee@example.com"
    assert mail_tasks().count() == 3  # the first try and two deferred retries
    assert set(mail_tasks().values_list("status", flat=True)) == {"SUCCESSFUL"}
