"""The public seminar form tells nobody whether an address is registered, and cannot be used to
make the school e-mail an address over and over.

- A new registration and a second one with a registered address get the same answer (a
  redirect to the seminar page with the same message); the second sends the address's owner
  a reminder with their own link, and nothing to the person who typed it.
- At most ADDRESS_LIMIT registration e-mails per address per day, whatever the IP.
- The greeting holds only the one-line name (tests/academy/test_one_line_fields.py).
"""

import pytest
from django.core import mail
from django.test import Client

from courses.models import SeminarRegistration
from tests.factories import SeminarPageFactory
from tests.registration_helpers import register

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _on_commit(django_capture_on_commit_callbacks, monkeypatch):
    original = Client.request

    def request(self, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return original(self, **kwargs)

    monkeypatch.setattr(Client, "request", request)


def answer(response):
    client_messages = [str(m) for m in response.wsgi_request._messages]
    return response.status_code, response["Location"], client_messages


def test_a_registered_address_gets_the_same_answer_as_a_new_one():
    seminar = SeminarPageFactory()
    first = register(Client(REMOTE_ADDR="198.51.100.1"), seminar, email="taro@example.com")
    second = register(Client(REMOTE_ADDR="203.0.113.9"), seminar, email="TARO@example.com")
    assert answer(first) == answer(second)
    assert first["Location"].startswith(seminar.url)
    body = second.content.decode()
    assert "登録済み" not in body
    assert SeminarRegistration.objects.count() == 1


def test_the_second_attempt_reminds_the_owner_with_their_own_link():
    seminar = SeminarPageFactory()
    register(Client(), seminar, email="taro@example.com")
    registration = SeminarRegistration.objects.get()
    mail.outbox.clear()
    register(Client(REMOTE_ADDR="203.0.113.9"), seminar, email="taro@example.com", name="他人")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["taro@example.com"]
    assert registration.token in mail.outbox[0].body
    assert "他人" not in mail.outbox[0].body  # the typist's text does not reach the owner


def test_a_new_registration_still_gets_its_link_by_e_mail():
    seminar = SeminarPageFactory()
    response = register(Client(), seminar)
    registration = SeminarRegistration.objects.get()
    assert response.status_code == 302
    assert registration.token in mail.outbox[0].body


def test_one_address_is_mailed_a_few_times_a_day_at_most(settings):
    from courses.spam import ADDRESS_LIMIT

    seminars = [SeminarPageFactory() for _ in range(ADDRESS_LIMIT + 2)]
    for n, seminar in enumerate(seminars):
        register(Client(REMOTE_ADDR=f"198.51.100.{n + 1}"), seminar, email="victim@example.com")
    assert len(mail.outbox) == ADDRESS_LIMIT
