"""The personal calendar feed: parsed back by icalendar and by vobject (an independent
parser), stable UIDs, zoned times, titles in the person's language, extensions applied,
only the person's own data, a revoked or replaced token answers 404."""

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
import vobject
from django.urls import reverse
from icalendar import Calendar

from cohorts.calendar.feed import uid_host
from cohorts.calendar.services.tokens import new_feed, revoke_feed
from cohorts.coursework.services.extensions import grant_extension
from courses.ics import seminar_uid
from tests.attendance.factories import SessionFactory
from tests.conftest import client_for
from tests.factories import (
    AssignmentFactory,
    SeminarPageFactory,
    SeminarRegistrationFactory,
    jst,
)

pytestmark = pytest.mark.django_db
TOKYO = ZoneInfo("Asia/Tokyo")
HOST = uid_host()


@pytest.fixture
def school(world):
    trainee = world.users["trainee"]
    seminar = SeminarPageFactory(title="公開セミナー：承継の実務")
    return {
        "session": SessionFactory(
            cohort=world.cohort, title="月例集合セミナー：財務", starts_at=jst(2026, 12, 12, 13, 0)
        ),
        "elsewhere": SessionFactory(cohort=world.other_cohort, title="他の期のセッション"),
        "assignment": AssignmentFactory(
            cohort=world.cohort, title="事業計画書", due_at=jst(2026, 12, 20, 23, 59)
        ),
        "seminar": seminar,
        "registration": SeminarRegistrationFactory(
            seminar=seminar, user=trainee, email=trainee.email
        ),
        "not_mine": SeminarRegistrationFactory(
            seminar=SeminarPageFactory(title="他人のセミナー"), email="someone@example.com"
        ),
    }


def fetch(token):
    from django.test import Client

    response = Client().get(reverse("calendar:feed", args=[token]))
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return response.content


def events_by_uid(content):
    calendar = Calendar.from_ical(content)
    return {str(event["uid"]): event for event in calendar.walk("VEVENT")}


def test_the_feed_holds_the_persons_sessions_due_dates_and_seminars(world, school):
    content = fetch(new_feed(world.users["trainee"]))
    events = events_by_uid(content)
    summaries = sorted(str(e["summary"]) for e in events.values())
    assert summaries == sorted(
        ["月例集合セミナー：財務", "締切：事業計画書", "公開セミナー：承継の実務"]
    )
    session_event = events[f"session-{school['session'].pk}@{HOST}"]
    start = session_event.decoded("dtstart")
    assert start == jst(2026, 12, 12, 13, 0)
    assert str(start.tzinfo) == "Asia/Tokyo"  # zoned, with its VTIMEZONE
    assert "TZID=Asia/Tokyo" in content.decode()
    assert Calendar.from_ical(content).walk("VTIMEZONE")
    assert seminar_uid(school["seminar"]) in events  # the same UID as the e-mailed .ics


def test_an_independent_parser_reads_the_same_events(world, school):
    content = fetch(new_feed(world.users["trainee"]))
    parsed = vobject.readOne(content.decode("utf-8"))
    by_uid = {event.uid.value: event for event in parsed.vevent_list}
    assert set(by_uid) == set(events_by_uid(content))
    session_event = by_uid[f"session-{school['session'].pk}@{HOST}"]
    assert session_event.dtstart.value == jst(2026, 12, 12, 13, 0)
    assert session_event.dtstart.value.utcoffset() == timedelta(hours=9)
    assert session_event.summary.value == "月例集合セミナー：財務"


def test_uids_are_stable_between_two_fetches(world, school):
    token = new_feed(world.users["trainee"])
    first, second = events_by_uid(fetch(token)), events_by_uid(fetch(token))
    assert set(first) == set(second) and len(first) == 3


def test_an_extension_moves_the_due_date_for_that_person_only(world, school):
    trainee, other = world.users["trainee"], world.users["other_trainee"]
    token, other_token = new_feed(trainee), new_feed(other)
    uid = f"assignment-{school['assignment'].pk}-{world.memberships['trainee'].pk}@{HOST}"
    assert events_by_uid(fetch(token))[uid].decoded("dtstart") == jst(2026, 12, 20, 23, 59)
    grant_extension(
        actor=world.users["staff"],
        assignment=school["assignment"],
        membership=world.memberships["trainee"],
        due_at=jst(2026, 12, 27, 23, 59),
        reason="出張のため",
    )
    assert events_by_uid(fetch(token))[uid].decoded("dtstart") == jst(2026, 12, 27, 23, 59)
    others = events_by_uid(fetch(other_token))
    assert uid not in others
    assert [e.decoded("dtstart") for e in others.values() if "締切" in str(e["summary"])] == [
        jst(2026, 12, 20, 23, 59)
    ]


def test_a_feed_never_holds_another_persons_data(world, school):
    content = fetch(new_feed(world.users["other_trainee"])).decode()
    assert "公開セミナー：承継の実務" not in content  # trainee's seat, not theirs
    assert "他人のセミナー" not in content
    assert "他の期のセッション" not in content
    elsewhere = fetch(new_feed(world.users["trainee_other_cohort"])).decode()
    assert "他の期のセッション" in elsewhere and "月例集合セミナー：財務" not in elsewhere


def test_titles_are_in_the_persons_language(world, school):
    trainee = world.users["trainee"]
    trainee.preferred_language = "en"
    trainee.save()
    summaries = {str(e["summary"]) for e in events_by_uid(fetch(new_feed(trainee))).values()}
    assert "Due: 事業計画書" in summaries


def test_a_revoked_or_replaced_token_answers_404(world, school):
    from django.test import Client

    trainee = world.users["trainee"]
    old = new_feed(trainee)
    new = new_feed(trainee)
    client = Client()
    assert client.get(reverse("calendar:feed", args=[old])).status_code == 404
    assert client.get(reverse("calendar:feed", args=[new])).status_code == 200
    revoke_feed(trainee)
    assert client.get(reverse("calendar:feed", args=[new])).status_code == 404
    trainee_with_feed = new_feed(trainee)
    trainee.is_active = False
    trainee.save()
    assert client.get(reverse("calendar:feed", args=[trainee_with_feed])).status_code == 404


def test_the_page_shows_the_address_once_and_can_turn_it_off(world):
    client = client_for(world.users["trainee"])
    page_url = reverse("calendar:feed_settings")
    assert client.post(reverse("calendar:feed_new")).status_code == 302
    first = client.get(page_url).content.decode()
    assert "/calendar/feed/" in first
    assert "/calendar/feed/" not in client.get(page_url).content.decode()
    client.post(reverse("calendar:feed_revoke"))
    assert "配信アドレスを発行する" in client.get(page_url).content.decode()


def test_the_dashboard_links_to_the_feed(world):
    body = client_for(world.users["trainee"]).get(reverse("cohorts:dashboard")).content.decode()
    assert reverse("calendar:feed_settings") in body


@pytest.mark.parametrize("size", [1, 20])
def test_the_feed_has_a_fixed_query_count(world, size, django_assert_num_queries):
    for n in range(size):
        SessionFactory(cohort=world.cohort, starts_at=jst(2026, 12, 1, 13, 0) + timedelta(weeks=n))
        AssignmentFactory(cohort=world.cohort)
    token = new_feed(world.users["trainee"])
    fetch(token)  # the first fetch notes the time
    with django_assert_num_queries(8):  # 7 + the meeting action items its owner owns
        fetch(token)
