"""Japanese wording of the seminar pages and e-mails: one pattern per test.

Each pattern was seen on the site: a doubled bracket 「「…」」, half-width （）and ： beside
Japanese, 「キャンセル待ち キャンセル待ち 4 番目です」, an English sender name, no time zone.
"""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.test import Client

from courses.emails import send_registration_email
from tests.factories import SeminarPageFactory, SeminarRegistrationFactory

pytestmark = pytest.mark.django_db
TOKYO = ZoneInfo("Asia/Tokyo")


@pytest.fixture
def registration(django_capture_on_commit_callbacks):
    seminar = SeminarPageFactory(
        title="公開セミナー「先代と後継者の対話」",
        starts_at=datetime(2030, 12, 14, 13, 0, tzinfo=TOKYO),
        ends_at=datetime(2030, 12, 14, 16, 0, tzinfo=TOKYO),
        venue_name="仙台商工会館",
        venue_address="〒980-0000 宮城県仙台市青葉区本町1-1-1",
    )
    registration = SeminarRegistrationFactory(seminar=seminar, language="ja")
    send_registration_email(registration, "confirmed")
    return registration


def parts(message):
    return [message.body, message.alternatives[0][0]]


def test_a_title_with_brackets_is_not_double_bracketed(registration):
    for part in parts(mail.outbox[0]):
        assert "「公開セミナー『先代と後継者の対話』」" in part
        assert "「「" not in part and "」」" not in part


def test_labels_and_the_address_use_full_width_punctuation(registration):
    for part in parts(mail.outbox[0]):
        assert "日時：2030年12月14日（土）13:00〜16:00（日本時間）" in part
        assert "会場：仙台商工会館（〒980-0000 宮城県仙台市青葉区本町1-1-1）" in part
        assert "日時: " not in part and "(〒" not in part


def test_japanese_mail_comes_from_the_school_by_its_japanese_name(registration, settings):
    message = mail.outbox[0]
    assert message.from_email == '"後継者育成塾 事務局" <office@example.com>'
    assert "後継者育成塾" in str(message.message()["From"]) or "=?utf-8?" in str(
        message.message()["From"]
    )


def test_english_mail_keeps_the_configured_sender(django_capture_on_commit_callbacks, settings):
    registration = SeminarRegistrationFactory(language="en")
    send_registration_email(registration, "confirmed")
    assert mail.outbox[-1].from_email == settings.DEFAULT_FROM_EMAIL


def test_the_sender_name_is_configurable(registration, settings):
    settings.EMAIL_FROM_NAMES = {"ja": "事業承継塾 事務局"}
    send_registration_email(registration, "confirmed")
    assert mail.outbox[-1].from_email == '"事業承継塾 事務局" <office@example.com>'


def test_the_registration_page_says_name_company_and_place_once(registration):
    registration.status = "waitlisted"
    registration.save()
    body = Client().get(f"/seminar-registration/{registration.token}/").content.decode()
    assert f"{registration.name}（{registration.company}）" in body
    assert "キャンセル待ち キャンセル待ち" not in body
    assert "順番は1番目です。" in body


def test_the_seminar_page_shows_the_zone_and_a_japanese_span(registration):
    body = Client().get(registration.seminar.url).content.decode()
    assert "13:00</time>〜<time" in body
    assert "（日本時間）" in body


def test_a_lessons_key_points_are_youten_and_an_assignments_points_stay_haiten():
    """One English word, two Japanese ones: the lesson block's list is 要点, a grade is 配点."""
    from django.utils import translation

    from cohorts.coursework.models import Assignment
    from courses.blocks import KeyPointsBlock

    with translation.override("ja"):
        assert str(KeyPointsBlock().child_blocks["points"].label) == "要点"
        assert str(Assignment._meta.get_field("points").verbose_name) == "配点"
