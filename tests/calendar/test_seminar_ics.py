"""Seminar e-mails' .ics (RFC 5546): REQUEST with SEQUENCE on a seat, CANCEL with the same UID
on cancellation, and a later version always has a higher SEQUENCE."""

import pytest
from django.core import mail
from django.urls import reverse
from icalendar import Calendar

from courses.emails import send_registration_email
from courses.ics import seminar_uid
from courses.models import SeminarRegistration
from tests.factories import SeminarPageFactory, SeminarRegistrationFactory
from tests.registration_helpers import register

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _on_commit(django_capture_on_commit_callbacks, monkeypatch):
    """E-mails leave on commit: run each request's callbacks when it ends, as in production."""
    from django.test import Client

    original = Client.request

    def request(self, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return original(self, **kwargs)

    monkeypatch.setattr(Client, "request", request)


def ics_of(message):
    [(filename, content, _mimetype)] = message.attachments
    assert filename == "seminar.ics"
    calendar = Calendar.from_ical(content)
    [event] = calendar.walk("VEVENT")
    return calendar, event


def test_a_seat_is_an_invitation_and_a_cancellation_removes_it(anonymous):
    seminar = SeminarPageFactory()
    register(anonymous, seminar)
    calendar, event = ics_of(mail.outbox[0])
    assert str(calendar["method"]) == "REQUEST"
    assert str(event["uid"]) == seminar_uid(seminar)
    assert str(event["attendee"]) == "mailto:taro@example.com"
    assert str(event["organizer"]) == "mailto:office@example.com"
    request_sequence = int(event["sequence"])

    registration = SeminarRegistration.objects.get()
    anonymous.post(reverse("courses:registration_cancel", args=[registration.token]))
    calendar, event = ics_of(mail.outbox[-1])
    assert str(calendar["method"]) == "CANCEL"
    assert str(event["uid"]) == seminar_uid(seminar)
    assert str(event["status"]) == "CANCELLED"
    assert int(event["sequence"]) > request_sequence


def test_a_waiting_list_place_cancelled_sends_no_calendar(anonymous):
    seminar = SeminarPageFactory(capacity=1)
    SeminarRegistrationFactory(seminar=seminar)
    register(anonymous, seminar)
    waiting = SeminarRegistration.objects.waitlisted().get()
    anonymous.post(reverse("courses:registration_cancel", args=[waiting.token]))
    assert "cancel" in mail.outbox[-1].subject.lower() or "キャンセル" in mail.outbox[-1].subject
    assert mail.outbox[-1].attachments == []


def test_a_republished_seminar_has_a_higher_sequence(anonymous):
    seminar = SeminarPageFactory()
    seminar.save_revision().publish()
    register(anonymous, seminar, email="a@example.com")
    _calendar, before = ics_of(mail.outbox[-1])
    seminar.refresh_from_db()
    from datetime import timedelta

    import time_machine
    from django.utils import timezone

    with time_machine.travel(timezone.now() + timedelta(hours=1), tick=False):
        seminar.venue_name = "新会場"
        seminar.save_revision().publish()
        seminar.refresh_from_db()
        registration = SeminarRegistration.objects.get()
        send_registration_email(registration, "confirmed")
    _calendar, after = ics_of(mail.outbox[-1])
    assert str(after["uid"]) == str(before["uid"])
    assert int(after["sequence"]) > int(before["sequence"])
