"""allauth's e-mails (password reset, unknown address, confirmations, notifications) go through
academy.mail (a task, the recipient's language, links from SITE_URL), never the Host header."""

import re
import socket

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

SITE = "https://academy.example.jp"


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.WAGTAILADMIN_BASE_URL = SITE


def request_reset(email, host="testserver"):
    return Client(HTTP_HOST=host).post(reverse("account_reset_password"), {"email": email})


def links(text):
    return re.findall(r"https?://\S+", text)


@pytest.mark.parametrize("host", ["testserver", "testserver:31337", "testserver."])
def test_the_reset_mail_links_to_the_site_url_whatever_the_host(host):
    user = UserFactory(display_name="山田 太郎")
    assert request_reset(user.email, host).status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [user.email]
    assert links(message.body)
    for link in links(message.body):
        assert link.startswith(SITE + "/"), link
    assert "31337" not in message.body + message.subject
    assert "[" not in message.subject
    assert "testserver" not in message.body + message.subject
    assert "山田 太郎" in message.body
    assert "こんにちは、 です" not in message.body
    assert "パスワード" in message.subject


def test_the_reset_mail_is_in_the_recipients_language():
    user = UserFactory(preferred_language="en", display_name="Sato")
    request_reset(user.email)
    message = mail.outbox[0]
    assert "password" in message.subject.lower()
    assert "Dear Sato" in message.body


def test_the_reset_link_works():
    user = UserFactory()
    request_reset(user.email)
    link = next(link for link in links(mail.outbox[0].body) if "/password/reset/key/" in link)
    client = Client()
    response = client.get(link.removeprefix(SITE), follow=True)
    assert response.status_code == 200
    response = client.post(
        response.redirect_chain[-1][0],
        {"password1": "a-new-long-password-2026", "password2": "a-new-long-password-2026"},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("a-new-long-password-2026")


def test_the_unknown_address_mail_names_the_address_and_does_not_invite_to_sign_up():
    assert request_reset("nobody@example.com").status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["nobody@example.com"]
    assert "nobody@example.com" in message.body
    assert "signup" not in message.body
    assert "ユーザー登録" not in message.body
    assert "事務局" in message.body
    assert "[" not in message.subject


def closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_a_reset_answers_normally_when_the_mail_server_is_down(settings):
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": closed_port(), "timeout": 2},
        }
    }
    user = UserFactory()
    response = request_reset(user.email)
    assert response.status_code == 302


def test_a_reset_mail_waits_in_the_task_queue(settings):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    user = UserFactory()
    assert request_reset(user.email).status_code == 302
    assert mail.outbox == []
    queued = DBTaskResult.objects.get()
    assert queued.task_path == "academy.mail.deliver_email"


def test_a_password_change_notification_goes_through_the_helper(settings):
    user = UserFactory(display_name="鈴木 花子")
    client = Client(HTTP_HOST="testserver:31337")
    client.force_login(user)
    response = client.post(
        reverse("account_change_password"),
        {
            "oldpassword": PASSWORD,
            "password1": "another-long-password-2026",
            "password2": "another-long-password-2026",
        },
    )
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert "鈴木 花子" in message.body
    assert "[" not in message.subject
    assert "31337" not in message.body
    assert "127.0.0.1" in message.body  # where the change came from
