"""Delivery over real SMTP (aiosmtpd on loopback), in this process: retried when refused for
now, failed when refused for good, and never sent twice for one event, even when the worker
dies between the server's "250 OK" and marking the row sent."""

import copy
from datetime import timedelta
from pathlib import Path

import pytest
import time_machine
from django.utils import timezone

from academy import mail as mail_module
from academy.mail import deliver_email, prune_outbox, recover_stalled, send_email
from academy.models import OutgoingEmail

from .mail_servers import Inbox, SmtpServer

pytestmark = pytest.mark.django_db

PREFIX = "academy/email/test_message"
CONTEXT = {"name": "山田 太郎", "seminar_title": "事業承継の基礎"}
TEST_TEMPLATES = Path(__file__).parent.parent / "templates"


@pytest.fixture(autouse=True)
def test_templates(settings):
    templates = copy.deepcopy(settings.TEMPLATES)
    templates[0]["DIRS"] = [*templates[0]["DIRS"], TEST_TEMPLATES]
    settings.TEMPLATES = templates


@pytest.fixture
def smtp(settings):
    server = SmtpServer().start()
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": server.port, "timeout": 10},
        }
    }
    yield server
    server.stop()


def send(**kwargs):
    return send_email("yamada@example.com", PREFIX, CONTEXT, language="ja", **kwargs)


def test_one_event_key_queues_one_mail(smtp):
    first = send(key="reminder:assignment:7:user:3")
    second = send(key="reminder:assignment:7:user:3")
    assert first.return_value == "sent"
    assert second is None
    assert OutgoingEmail.objects.count() == 1
    assert len(smtp.inbox.delivered) == 1


def test_a_repeated_task_does_not_send_again(smtp):
    send()
    outgoing = OutgoingEmail.objects.get()
    assert deliver_email.enqueue(outgoing.pk).return_value == "skipped"
    assert len(smtp.inbox.delivered) == 1
    message = smtp.inbox.messages()[0]
    assert message["Message-ID"] == outgoing.message_id
    assert message["Subject"] == "【参加登録完了】事業承継の基礎"


class WorkerKilled(BaseException):
    """The worker process dies (power cut, OOM kill) right after the server's 250."""


def test_a_worker_that_dies_after_the_server_accepted_never_resends(smtp, monkeypatch):
    def die(outgoing):
        raise WorkerKilled

    monkeypatch.setattr(mail_module, "_mark_sent", die)
    send()
    monkeypatch.undo()
    outgoing = OutgoingEmail.objects.get()
    assert outgoing.status == "sending"  # claimed and committed before talking to the server
    assert len(smtp.inbox.delivered) == 1

    # Whatever runs the task again (a requeue, a duplicate) leaves it alone...
    assert deliver_email.enqueue(outgoing.pk).return_value == "skipped"
    # ...and the timer's recovery, once the lease is over, flags it for the office.
    assert recover_stalled() == (0, 0)  # still within the lease: maybe still sending
    later = timezone.now() + timedelta(minutes=16)
    assert recover_stalled(now=later) == (1, 0)
    outgoing.refresh_from_db()
    assert outgoing.status == "uncertain"
    assert recover_stalled(now=later) == (0, 0)
    assert len(smtp.inbox.delivered) == 1


class DropAfterData(Inbox):
    """Takes the message, then drops the connection before answering: the client cannot
    know whether it arrived."""

    async def handle_DATA(self, server, session, envelope):
        self.delivered.append(envelope)
        server.transport.abort()
        return "250 2.0.0 OK"


def test_a_connection_lost_after_the_message_was_handed_over_is_not_retried(smtp):
    smtp.inbox = DropAfterData()
    smtp.controller.handler = smtp.inbox
    result = send()
    assert result.return_value == "uncertain"
    outgoing = OutgoingEmail.objects.get()
    assert outgoing.attempts == 1
    assert "SMTPServerDisconnected" in outgoing.last_error
    assert recover_stalled(now=timezone.now() + timedelta(days=1)) == (0, 0)
    assert len(smtp.inbox.delivered) == 1


class Refuse(Inbox):
    def __init__(self, reply):
        super().__init__()
        self.reply = reply

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        return self.reply


def test_a_permanent_refusal_fails_at_once(smtp):
    smtp.controller.handler = Refuse("550 5.1.1 No such user")
    assert send().return_value == "failed"
    outgoing = OutgoingEmail.objects.get()
    assert (outgoing.status, outgoing.attempts) == ("failed", 1)
    assert "550" in outgoing.last_error
    assert outgoing.next_attempt_at is None


def test_a_temporary_refusal_waits_then_the_timer_sends_it_once(smtp, settings):
    """The immediate backend (dev) cannot defer a task: the row waits for recover_stalled."""
    settings.MAIL_RETRY_DELAYS = [60, 300]
    smtp.controller.handler = Refuse("450 4.2.1 Mailbox busy")
    assert send().return_value == "queued"
    outgoing = OutgoingEmail.objects.get()
    assert (outgoing.status, outgoing.attempts) == ("queued", 1)
    assert outgoing.next_attempt_at > timezone.now() + timedelta(seconds=50)
    assert deliver_email.enqueue(outgoing.pk).return_value == "skipped"  # not due yet

    smtp.controller.handler = smtp.inbox
    with time_machine.travel(timezone.now() + timedelta(minutes=20)):
        assert recover_stalled() == (0, 1)
    outgoing.refresh_from_db()
    assert (outgoing.status, outgoing.attempts) == ("sent", 2)
    assert len(smtp.inbox.delivered) == 1


def test_the_retries_end_in_failed(smtp, settings):
    settings.MAIL_RETRY_DELAYS = [0]
    smtp.controller.handler = Refuse("451 4.3.0 Busy")
    assert send().return_value == "queued"
    outgoing = OutgoingEmail.objects.get()
    assert deliver_email.enqueue(outgoing.pk).return_value == "failed"
    outgoing.refresh_from_db()
    assert (outgoing.status, outgoing.attempts) == ("failed", 2)


def test_a_sent_row_keeps_no_link_and_finished_rows_are_pruned(smtp):
    send_email(
        "a@example.com",
        PREFIX,
        {**CONTEXT, "name": "https://academy.example.jp/invitations/SECRET-TOKEN/"},
        language="en",
        attachments=[("a.txt", "SECRET-TOKEN", "text/plain")],
    )
    outgoing = OutgoingEmail.objects.get()
    assert (outgoing.body, outgoing.html, outgoing.attachments) == ("", "", [])
    assert "SECRET-TOKEN" not in str(list(OutgoingEmail.objects.values()))
    assert "SECRET-TOKEN" in smtp.inbox.delivered[0].content.decode()
    assert prune_outbox(days=30) == 0
    assert prune_outbox(days=30, now=timezone.now() + timedelta(days=31)) == 1
