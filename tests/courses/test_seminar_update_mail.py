"""A published seminar that moves (date, time, place, online link) mails every confirmed
registrant once, with a METHOD:REQUEST .ics of the same UID and a higher SEQUENCE, so their
calendar moves the event (issue #12). Other edits, and the same publication again, mail nobody."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from wagtail.models import Page

from courses.emails import send_seminar_update_emails
from courses.ics import REQUEST, seminar_calendar
from courses.models import SeminarRegistration
from tests.factories import SeminarPageFactory, SeminarRegistrationFactory
from tests.registration_helpers import parse_ics

pytestmark = pytest.mark.django_db

Status = SeminarRegistration.Status


@pytest.fixture
def publish(django_capture_on_commit_callbacks):
    def publish(seminar, **changes):
        for field, value in changes.items():
            setattr(seminar, field, value)
        with django_capture_on_commit_callbacks(execute=True):
            seminar.save_revision().publish()
        seminar.refresh_from_db()
        return seminar

    return publish


@pytest.fixture
def seminar(publish):
    """Published once through Wagtail (the version registrants were mailed), an hour ago."""
    seminar = publish(SeminarPageFactory())
    Page.objects.filter(pk=seminar.pk).update(last_published_at=timezone.now() - timedelta(hours=1))
    seminar.refresh_from_db()
    return seminar


def test_a_new_time_mails_each_confirmed_registrant_once_with_an_updated_invitation(
    seminar, publish
):
    confirmed = SeminarRegistrationFactory.create_batch(2, seminar=seminar)
    SeminarRegistrationFactory(seminar=seminar, status=Status.CANCELLED)
    SeminarRegistrationFactory(seminar=seminar, status=Status.WAITLISTED)
    _calendar, first = parse_ics(seminar_calendar(seminar, confirmed[0], REQUEST))
    mail.outbox.clear()

    later = seminar.starts_at + timedelta(hours=3)
    publish(seminar, starts_at=later, ends_at=later + timedelta(hours=2), capacity=2)  # full

    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        registration.email for registration in confirmed
    )
    for message in mail.outbox:
        assert seminar.title in message.subject
        (filename, content, mimetype) = message.attachments[0]
        assert (filename, mimetype) == ("seminar.ics", "text/calendar")
        calendar, event = parse_ics(content)
        assert str(calendar["method"]) == "REQUEST"
        assert str(event["uid"]) == str(first["uid"])
        assert int(event["sequence"]) > int(first["sequence"])
        assert event.decoded("dtstart") == later
        assert seminar.online_url in message.body


def test_the_mail_is_in_the_registrants_language(seminar, publish):
    SeminarRegistrationFactory(seminar=seminar, language="ja")
    SeminarRegistrationFactory(seminar=seminar, language="en")
    mail.outbox.clear()
    publish(seminar, venue_name="市民会館 第2会議室")
    subjects = sorted(message.subject for message in mail.outbox)
    assert len(subjects) == 2
    assert any("【公開セミナー変更】" in subject for subject in subjects)
    assert any("Seminar changed" in subject for subject in subjects)
    assert all("市民会館 第2会議室" in message.body for message in mail.outbox)


def test_a_new_title_or_summary_alone_mails_nobody(seminar, publish):
    SeminarRegistrationFactory.create_batch(3, seminar=seminar)
    mail.outbox.clear()
    publish(seminar, title="公開セミナー（誤字修正）", summary="説明を直しました。")
    assert mail.outbox == []


def test_publishing_the_same_change_twice_mails_once(seminar, publish):
    SeminarRegistrationFactory(seminar=seminar)
    mail.outbox.clear()
    publish(seminar, online_url="https://meet.example.com/room-99")
    publish(seminar)  # published again, nothing moved
    assert len(mail.outbox) == 1
    # the same publication handled twice (a signal run again) queues nothing more
    assert send_seminar_update_emails(seminar, seminar.live_revision) == 0
    assert len(mail.outbox) == 1


def test_a_cancelled_registration_gets_nothing(seminar, publish):
    SeminarRegistrationFactory(seminar=seminar, status=Status.CANCELLED)
    mail.outbox.clear()
    publish(
        seminar,
        starts_at=seminar.starts_at + timedelta(days=1),
        ends_at=seminar.ends_at + timedelta(days=1),
    )
    assert mail.outbox == []


def test_the_first_publication_mails_nobody(publish):
    seminar = SeminarPageFactory()
    SeminarRegistrationFactory(seminar=seminar)
    mail.outbox.clear()
    publish(
        seminar,
        starts_at=seminar.starts_at + timedelta(days=1),
        ends_at=seminar.ends_at + timedelta(days=1),
    )
    assert mail.outbox == []


def test_two_corrections_within_one_minute_still_give_a_higher_sequence(seminar, publish):
    """Staff fix a typo in the time, then the place, 10 seconds apart: each update must win."""
    registration = SeminarRegistrationFactory(seminar=seminar)
    first_at = timezone.now().replace(second=5, microsecond=0)
    publish(seminar, venue_name="市民会館 第1会議室")
    Page.objects.filter(pk=seminar.pk).update(last_published_at=first_at)
    seminar.refresh_from_db()
    _calendar, first = parse_ics(seminar_calendar(seminar, registration, REQUEST))
    Page.objects.filter(pk=seminar.pk).update(last_published_at=first_at + timedelta(seconds=10))
    seminar.refresh_from_db()
    _calendar, second = parse_ics(seminar_calendar(seminar, registration, REQUEST))
    assert int(second["sequence"]) > int(first["sequence"])


def test_sequences_only_grow_past_those_sent_when_they_counted_minutes(seminar):
    """Calendars keep the SEQUENCE of the last invitation: the new count must exceed the old."""
    from courses.ics import SEQUENCE_EPOCH, seminar_sequence

    published = seminar.last_published_at
    minutes_then = int((published - SEQUENCE_EPOCH).total_seconds() // 60)
    assert seminar_sequence(seminar) > minutes_then
    assert seminar_sequence(seminar) < 2**31  # a 32-bit SEQUENCE, as calendars store it
