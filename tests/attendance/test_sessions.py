"""Scheduling sessions in the Wagtail admin (through the service) and seeing them on the site:
trainees their cohort's, mentors their cohorts', with the own status and the right buttons."""

import pytest
from django.urls import reverse

from cohorts.attendance.models import Session
from tests.attendance.factories import AttendanceFactory, SessionFactory
from tests.conftest import client_for
from tests.factories import jst

pytestmark = pytest.mark.django_db


def form(world, **changes):
    data = {
        "cohort": world.cohort.pk,
        "title": "月例集合セミナー：承継の全体像",
        "starts_at": "2026-12-12T13:00",
        "ends_at": "2026-12-12T16:00",
        "place": "商工会館",
        "online_url": "",
        "seminar": "",
        "notes": "",
        "checkin_code": "246810",
        "checkin_opens_before": "15",
        "checkin_closes_after": "30",
        "late_after": "5",
    }
    data.update(changes)
    return data


def test_staff_schedule_a_session_in_japan_time(world):
    staff = client_for(world.users["staff"])
    response = staff.post(reverse("attendance_session:add"), form(world))
    assert response.status_code == 302
    session = Session.objects.get()
    assert session.starts_at == jst(2026, 12, 12, 13, 0)
    assert session.checkin_opens_at == jst(2026, 12, 12, 12, 45)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"ends_at": "2026-12-12T12:00"}, "ends_at"),
        ({"checkin_code": "12ab56"}, "checkin_code"),
        ({"late_after": "45"}, "late_after"),
    ],
)
def test_bad_input_is_refused_with_a_message_and_nothing_saved(world, changes, field):
    staff = client_for(world.users["staff"])
    response = staff.post(reverse("attendance_session:add"), form(world, **changes))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Session.objects.exists()


def test_a_session_with_records_is_not_deleted(world):
    session = SessionFactory(cohort=world.cohort)
    AttendanceFactory(session=session, membership=world.memberships["trainee"])
    staff = client_for(world.users["staff"])
    staff.post(reverse("attendance_session:delete", args=[session.pk]))
    assert Session.objects.filter(pk=session.pk).exists()


def test_trainees_and_mentors_see_their_cohorts_sessions(world):
    mine = SessionFactory(cohort=world.cohort, title="私の期のセッション")
    SessionFactory(cohort=world.other_cohort, title="他の期のセッション")
    AttendanceFactory(session=mine, membership=world.memberships["trainee"], status="late")
    trainee = client_for(world.users["trainee"]).get(reverse("attendance:session_list"))
    body = trainee.content.decode()
    assert "私の期のセッション" in body and "他の期のセッション" not in body
    assert "遅刻" in body  # their own status
    assert reverse("attendance:roster", args=[mine.pk]) not in body
    mentor = client_for(world.users["mentor"]).get(reverse("attendance:session_list"))
    assert reverse("attendance:roster", args=[mine.pk]) in mentor.content.decode()
    assert "他の期のセッション" not in mentor.content.decode()


@pytest.mark.parametrize("size", [1, 15])
def test_the_session_list_has_a_fixed_query_count(world, size, django_assert_num_queries):
    for _ in range(size):
        session = SessionFactory(cohort=world.cohort)
        AttendanceFactory(session=session, membership=world.memberships["trainee"])
    with django_assert_num_queries(23):
        client_for(world.users["trainee"]).get(reverse("attendance:session_list"))


def test_the_code_screen_shows_the_code_and_a_qr_svg(world):
    session = SessionFactory(cohort=world.cohort, checkin_code="246810")
    mentor = client_for(world.users["mentor"])
    body = mentor.get(reverse("attendance:code_screen", args=[session.pk])).content.decode()
    assert "246810" in body
    qr = mentor.get(reverse("attendance:qr_code", args=[session.pk]))
    assert qr["Content-Type"] == "image/svg+xml"
    assert qr.content.startswith(b"<?xml") and b"<svg" in qr.content
