"""Seminar registration: seats, waiting list, refusals, e-mails with .ics, languages."""

import threading
from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.db import connection
from django.urls import reverse
from django.utils import timezone, translation

from courses import services
from courses.models import SeminarRegistration
from tests.conftest import client_for
from tests.factories import SeminarPageFactory, SeminarRegistrationFactory, UserFactory
from tests.registration_helpers import form_data, parse_ics, register

pytestmark = pytest.mark.django_db

Status = SeminarRegistration.Status


@pytest.fixture(autouse=True)
def _on_commit(django_capture_on_commit_callbacks, monkeypatch):
    """E-mails leave on commit: run each request's callbacks when it ends, as in production."""
    from django.test import Client

    original = Client.request

    def request(self, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return original(self, **kwargs)

    monkeypatch.setattr(Client, "request", request)


# The happy path --------------------------------------------------------------------------


def test_a_visitor_registers_and_gets_a_confirmation_with_a_calendar_file(anonymous):
    seminar = SeminarPageFactory()
    response = register(anonymous, seminar)
    registration = SeminarRegistration.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("courses:registration_detail", args=[registration.token])
    assert registration.status == Status.CONFIRMED
    assert (registration.name, registration.company) == ("山田 太郎", "山田製作所")
    assert registration.user is None

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["taro@example.com"]
    assert seminar.title in message.subject
    assert registration.token in message.body  # the link to see or cancel
    assert seminar.online_url in message.body  # only registered people get it
    (filename, content, mimetype) = message.attachments[0]
    assert (filename, mimetype) == ("seminar.ics", "text/calendar")
    calendar, event = parse_ics(content)
    assert str(calendar["version"]) == "2.0"
    assert event.decoded("dtstart") == seminar.starts_at
    assert event.decoded("dtend") == seminar.ends_at
    assert str(event["summary"]) == seminar.title
    assert seminar.venue_name in str(event["location"])

    detail = anonymous.get(response["Location"])
    assert detail.status_code == 200
    assert seminar.online_url in detail.content.decode()


def test_a_signed_in_person_gets_the_form_prefilled_and_linked(db):
    user = UserFactory(display_name="鈴木 一郎", email="ichiro@example.com")
    client = client_for(user)
    seminar = SeminarPageFactory()
    body = client.get(seminar.url).content.decode()
    assert 'value="鈴木 一郎"' in body
    assert 'value="ichiro@example.com"' in body
    register(client, seminar, email="ichiro@example.com")
    assert SeminarRegistration.objects.get().user == user
    body = client.get(seminar.url).content.decode()
    assert 'name="email"' not in body  # registered: no form any more
    assert "このセミナーに参加登録済みです。" in body
    assert seminar.online_url in body  # registered: the online link is shown


def test_the_calendar_download_is_for_confirmed_registrations_only(anonymous):
    confirmed = SeminarRegistrationFactory()
    waiting = SeminarRegistrationFactory(seminar=confirmed.seminar, status=Status.WAITLISTED)
    response = anonymous.get(reverse("courses:registration_ics", args=[confirmed.token]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar"
    parse_ics(response.content)
    assert (
        anonymous.get(reverse("courses:registration_ics", args=[waiting.token])).status_code == 404
    )
    assert anonymous.get(reverse("courses:registration_detail", args=["nope"])).status_code == 404


# Refusals ----------------------------------------------------------------------------------


def test_the_same_email_cannot_register_twice(anonymous):
    seminar = SeminarPageFactory()
    register(anonymous, seminar)
    mail.outbox.clear()
    response = register(anonymous, seminar, email="TARO@example.com ", name="別人")
    assert response.status_code == 400
    message = "このメールアドレスは、このセミナーに登録済みです。"
    assert message in " ".join(response.context["form"].errors["email"])  # at the field typed
    assert message in response.content.decode()
    assert SeminarRegistration.objects.count() == 1
    assert mail.outbox == []


def test_the_service_refuses_a_duplicate_too():
    registration = SeminarRegistrationFactory(email="dup@example.com")
    with pytest.raises(services.RegistrationRefused):
        services.register(registration.seminar, form_data(email="Dup@Example.com"))
    assert SeminarRegistration.objects.count() == 1


def test_after_cancelling_one_may_register_again(anonymous):
    registration = SeminarRegistrationFactory(email="again@example.com", status=Status.CANCELLED)
    register(anonymous, registration.seminar, email="again@example.com")
    assert SeminarRegistration.objects.active().count() == 1


@pytest.mark.parametrize(
    "fields",
    [
        pytest.param(lambda now: {"registration_closes_at": now - timedelta(hours=1)}, id="closed"),
        pytest.param(lambda now: {"registration_opens_at": now + timedelta(days=1)}, id="not-yet"),
        pytest.param(
            lambda now: {"starts_at": now - timedelta(days=2), "ends_at": now - timedelta(days=1)},
            id="past",
        ),
    ],
)
def test_closed_registration_explains_why_and_changes_nothing(anonymous, fields):
    seminar = SeminarPageFactory(**fields(timezone.now()))
    response = register(anonymous, seminar)
    assert response.status_code == 400
    state = seminar.registration_state()
    with translation.override("ja"):
        reason = str(state.label)
    with translation.override("en"):
        assert reason != str(state.label)  # the page says why, in Japanese
    assert response.context["form"].non_field_errors() == [reason]
    assert reason in response.content.decode()
    assert SeminarRegistration.objects.count() == 0
    assert mail.outbox == []


def test_an_unpublished_seminar_takes_no_registration(anonymous):
    seminar = SeminarPageFactory()
    seminar.unpublish()
    response = register(anonymous, seminar)
    assert response.status_code == 410
    assert SeminarRegistration.objects.count() == 0


def test_invalid_input_shows_messages_and_changes_nothing(anonymous):
    seminar = SeminarPageFactory()
    response = register(anonymous, seminar, email="not-an-email", company="", phone="call me")
    assert response.status_code == 400
    form = response.context["form"]
    assert set(form.errors) == {"email", "company", "phone"}
    assert SeminarRegistration.objects.count() == 0


def test_get_on_post_only_views_is_405(anonymous):
    registration = SeminarRegistrationFactory()
    seminar = registration.seminar
    assert anonymous.get(reverse("courses:seminar_register", args=[seminar.pk])).status_code == 405
    cancel = reverse("courses:registration_cancel", args=[registration.token])
    assert anonymous.get(cancel).status_code == 405
    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED


# Capacity and the waiting list -----------------------------------------------------------


def test_a_full_seminar_puts_people_on_the_waiting_list(anonymous):
    seminar = SeminarPageFactory(capacity=1)
    SeminarRegistrationFactory(seminar=seminar)
    response = register(anonymous, seminar)
    registration = SeminarRegistration.objects.get(email="taro@example.com")
    assert registration.status == Status.WAITLISTED
    follow = anonymous.get(response["Location"])
    body = follow.content.decode()
    assert "定員に達しているため、キャンセル待ちとして登録しました。" in body
    assert "キャンセル待ち1番目です。" in body
    assert len(mail.outbox) == 1
    assert mail.outbox[0].attachments == []
    assert seminar.online_url not in mail.outbox[0].body


def test_cancelling_a_seat_promotes_the_first_on_the_waiting_list(anonymous):
    seminar = SeminarPageFactory(capacity=1)
    seat = SeminarRegistrationFactory(seminar=seminar)
    first = SeminarRegistrationFactory(seminar=seminar, status=Status.WAITLISTED)
    second = SeminarRegistrationFactory(seminar=seminar, status=Status.WAITLISTED)
    response = anonymous.post(reverse("courses:registration_cancel", args=[seat.token]))
    assert response.status_code == 302
    seat.refresh_from_db()
    first.refresh_from_db()
    second.refresh_from_db()
    assert seat.status == Status.CANCELLED
    assert first.status == Status.CONFIRMED and first.promoted_at is not None
    assert second.status == Status.WAITLISTED
    recipients = {message.to[0]: message for message in mail.outbox}
    assert set(recipients) == {seat.email, first.email}
    promoted = recipients[first.email]
    assert promoted.attachments[0][0] == "seminar.ics"
    assert seminar.online_url in promoted.body


def test_cancelling_twice_is_harmless(anonymous):
    seminar = SeminarPageFactory(capacity=1)
    seat = SeminarRegistrationFactory(seminar=seminar)
    waiting = SeminarRegistrationFactory(seminar=seminar, status=Status.WAITLISTED)
    url = reverse("courses:registration_cancel", args=[seat.token])
    anonymous.post(url)
    anonymous.post(url)
    assert SeminarRegistration.objects.confirmed().get() == waiting
    assert len(mail.outbox) == 2


def test_raising_the_capacity_moves_the_waiting_list_up(django_capture_on_commit_callbacks):
    seminar = SeminarPageFactory(capacity=1)
    SeminarRegistrationFactory(seminar=seminar)
    waiting = SeminarRegistrationFactory(seminar=seminar, status=Status.WAITLISTED)
    seminar.capacity = 2
    with django_capture_on_commit_callbacks(execute=True):
        seminar.save_revision().publish()
    waiting.refresh_from_db()
    assert waiting.status == Status.CONFIRMED


@pytest.mark.slow
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
def test_two_people_taking_the_last_seat_at_once_get_one_seat_and_one_waiting_place():
    from django.db import connections

    seminar = SeminarPageFactory(capacity=2)
    SeminarRegistrationFactory(seminar=seminar)
    barrier = threading.Barrier(2)
    results, errors = [], []

    def attempt(email):
        try:
            barrier.wait(timeout=10)
            results.append(services.register(seminar, form_data(email=email)).status)
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attempt, args=(f"p{n}@example.com",)) for n in (1, 2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    assert sorted(results) == [Status.CONFIRMED, Status.WAITLISTED]
    assert SeminarRegistration.objects.confirmed().count() == 2
    assert SeminarRegistration.objects.waitlisted().count() == 1


# E-mail languages ----------------------------------------------------------------------------


def test_the_confirmation_is_in_japanese_for_the_japanese_page(anonymous):
    seminar = SeminarPageFactory(title="承継セミナー")
    register(anonymous, seminar)
    message = mail.outbox[0]
    assert message.subject == "【参加登録完了】承継セミナー"
    assert "山田 太郎 様" in message.body
    assert "参加登録を承りました" in message.body
    assert "（日本時間）" in message.body
    html = message.alternatives[0][0]
    assert "山田 太郎 様" in html


def test_the_confirmation_is_in_english_for_the_english_page(anonymous):
    anonymous.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    seminar = SeminarPageFactory(title="Succession seminar")
    register(anonymous, seminar)
    registration = SeminarRegistration.objects.get()
    assert registration.language == "en"
    message = mail.outbox[0]
    assert message.subject == "Registration confirmed: Succession seminar"
    assert "Dear 山田 太郎," in message.body
    assert "Your seat" in message.body
    assert "(Japan time)" in message.body


def test_the_registration_page_tells_the_waiting_position(anonymous):
    seminar = SeminarPageFactory(capacity=1)
    SeminarRegistrationFactory(seminar=seminar)
    now = timezone.now()
    first, second = SeminarRegistration.objects.bulk_create(
        [
            SeminarRegistration(seminar=seminar, name=n, company="c", email=f"{n}@example.com",
                                status=Status.WAITLISTED, created_at=now)
            for n in ("w1", "w2")
        ]
    )  # fmt: skip
    second_page = anonymous.get(reverse("courses:registration_detail", args=[second.token]))
    assert "2" in second_page.content.decode()
    assert second_page.context["waiting_position"] == 2
    first_page = anonymous.get(reverse("courses:registration_detail", args=[first.token]))
    assert first_page.context["waiting_position"] == 1


def test_a_seminar_restricted_to_signed_in_people_takes_no_anonymous_registration(anonymous):
    from wagtail.models import PageViewRestriction

    seminar = SeminarPageFactory()
    PageViewRestriction.objects.create(page=seminar, restriction_type="login")
    assert register(anonymous, seminar).status_code == 404
    assert SeminarRegistration.objects.count() == 0
    member = client_for(UserFactory(email="member@example.com"))
    assert register(member, seminar, email="member@example.com").status_code == 302
    assert SeminarRegistration.objects.get().email == "member@example.com"
