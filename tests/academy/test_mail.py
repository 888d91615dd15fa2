"""The one e-mail helper: a template triplet in the recipient's language, sent by a django.tasks task."""

import copy
from email import message_from_bytes
from pathlib import Path

import pytest
from django.core import mail
from django.tasks import Task, TaskResultStatus, task_backends
from django.tasks.backends.immediate import ImmediateBackend

from academy.mail import deliver_email, language_for, render_email, send_email
from tests.factories import UserFactory

TEST_TEMPLATES = Path(__file__).parent.parent / "templates"
PREFIX = "academy/email/test_message"
CONTEXT = {"name": "山田 太郎", "seminar_title": "事業承継の基礎"}


pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def test_templates(settings):
    """The test triplets live in tests/templates, outside the site's own templates."""
    templates = copy.deepcopy(settings.TEMPLATES)
    templates[0]["DIRS"] = [*templates[0]["DIRS"], TEST_TEMPLATES]
    settings.TEMPLATES = templates


def html_part(message):
    alternatives = [
        content for content, mimetype in message.alternatives if mimetype == "text/html"
    ]
    assert len(alternatives) == 1
    return alternatives[0]


@pytest.mark.django_db
def test_the_task_is_a_django_task_run_by_the_immediate_backend():
    assert isinstance(deliver_email, Task)
    assert isinstance(task_backends["default"], ImmediateBackend)
    result = send_email(["a@example.com"], PREFIX, CONTEXT, language="en")
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value == "sent"
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_japanese_recipient_gets_the_triplet_in_japanese():
    user = UserFactory(email="yamada@example.com", preferred_language="ja")
    result = send_email(user.email, PREFIX, CONTEXT, user=user)
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["yamada@example.com"]
    assert message.subject == "【参加登録完了】事業承継の基礎"
    assert message.body.startswith("山田 太郎 様\n")
    assert "後継者育成塾 事務局" in message.body
    assert "http://127.0.0.1:8000/seminars/" in message.body  # site_url is always there
    html = html_part(message)
    assert '<html lang="ja">' in html
    assert "<p>山田 太郎 様</p>" in html
    assert "<p>後継者育成塾 事務局</p>" in html


@pytest.mark.django_db
def test_english_recipient_gets_the_triplet_in_english():
    user = UserFactory(email="smith@example.com", preferred_language="en")
    send_email(user, PREFIX, {**CONTEXT, "name": "Jane Smith"})  # a user as `to`
    message = mail.outbox[0]
    assert message.to == ["smith@example.com"]
    assert message.subject == "Registration confirmed: 事業承継の基礎"
    assert message.body.startswith("Dear Jane Smith,\n")
    assert "Successor Academy office" in message.body
    html = html_part(message)
    assert '<html lang="en">' in html
    assert "<p>Dear Jane Smith,</p>" in html


def test_an_explicit_language_is_used_for_a_plain_address():
    send_email("visitor@example.com", PREFIX, CONTEXT, language="en")
    send_email("visitor@example.com", PREFIX, CONTEXT)  # no language, no user: Japanese
    assert [m.subject for m in mail.outbox] == [
        "Registration confirmed: 事業承継の基礎",
        "【参加登録完了】事業承継の基礎",
    ]


@pytest.mark.django_db
def test_an_unknown_language_falls_back_to_the_users_then_the_sites():
    user = UserFactory(preferred_language="en")
    assert language_for(user) == "en"
    assert language_for(None, default="fr") == "ja"
    assert language_for(user, default="ja") == "en"
    send_email(user.email, PREFIX, CONTEXT, user=user, language="xx")
    assert mail.outbox[0].subject.startswith("Registration confirmed")


def test_text_attachment_and_binary_attachment_are_attached():
    ics = "BEGIN:VCALENDAR\r\nSUMMARY:事業承継の基礎\r\nEND:VCALENDAR\r\n"
    pdf = b"%PDF-1.7\n\xff\xfe\x00\x01binary"
    result = send_email(
        ["a@example.com", "b@example.com"],
        PREFIX,
        CONTEXT,
        attachments=[("seminar.ics", ics, "text/calendar"), ("修了証.pdf", pdf, "application/pdf")],
    )
    assert result.status == TaskResultStatus.SUCCESSFUL
    message = mail.outbox[0]
    assert message.to == ["a@example.com", "b@example.com"]
    assert [(a.filename, a.content, a.mimetype) for a in message.attachments] == [
        ("seminar.ics", ics, "text/calendar"),
        ("修了証.pdf", pdf, "application/pdf"),
    ]
    # and the MIME message a mail server receives carries both
    parsed = message_from_bytes(message.message().as_bytes())
    files = {part.get_filename(): part for part in parsed.walk() if part.get_filename()}
    assert set(files) == {"seminar.ics", "修了証.pdf"}
    assert files["修了証.pdf"].get_payload(decode=True) == pdf
    assert "事業承継の基礎" in files["seminar.ics"].get_payload(decode=True).decode("utf-8")


def test_plain_text_parts_are_not_html_escaped_but_the_html_part_is():
    context = {"name": "山田 & 佐藤 <株>", "seminar_title": "\"承継\" & '計画'"}
    send_email("a@example.com", PREFIX, context, language="ja")
    message = mail.outbox[0]
    assert message.subject == "【参加登録完了】\"承継\" & '計画'"
    assert message.body.startswith("山田 & 佐藤 <株> 様\n")
    html = html_part(message)
    assert "山田 &amp; 佐藤 &lt;株&gt; 様" in html
    assert "<株>" not in html


def test_the_html_part_is_optional():
    send_email("a@example.com", "academy/email/text_only", CONTEXT, language="en")
    message = mail.outbox[0]
    assert message.subject == "Dear 山田 太郎,"
    assert message.body == "事業承継の基礎\n"
    assert message.alternatives == []


def test_subject_is_one_line():
    subject, text, html = render_email(PREFIX, {**CONTEXT, "seminar_title": "一\n二\r\n三"}, "ja")
    assert subject == "【参加登録完了】一 二 三"
    assert "\n" not in subject


def test_reply_to_is_set():
    send_email("a@example.com", PREFIX, CONTEXT, reply_to="mentor@example.com")
    assert mail.outbox[0].reply_to == ["mentor@example.com"]


def test_a_missing_template_fails_at_once_and_queues_nothing():
    from django.template import TemplateDoesNotExist

    from academy.models import OutgoingEmail

    with pytest.raises(TemplateDoesNotExist):
        send_email("a@example.com", "academy/email/does_not_exist", CONTEXT)
    assert mail.outbox == []
    assert not OutgoingEmail.objects.exists()
