"""Self check-in: the window's edges, wrong codes, other cohorts, the brute-force limit,
twice is harmless, the login round trip keeps the code, a POST with CSRF for oneself only."""

from datetime import timedelta
from urllib.parse import quote

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from academy.models import AuditEntry
from cohorts.attendance.models import Attendance
from cohorts.attendance.services.checkin import CheckInRefused, check_in
from tests.attendance.factories import AttendanceFactory, SessionFactory
from tests.conftest import client_for
from tests.factories import PASSWORD, MembershipFactory, jst

pytestmark = pytest.mark.django_db

START = jst(2026, 12, 12, 13, 0)


@pytest.fixture
def session(world):
    """13:00 JST; check-in from 12:45 to 13:30; late from 13:05."""
    return SessionFactory(
        cohort=world.cohort,
        starts_at=START,
        ends_at=START + timedelta(hours=3),
        checkin_code="246810",
        checkin_opens_before=15,
        checkin_closes_after=30,
        late_after=5,
    )


def url(session):
    return reverse("attendance:checkin", args=[session.pk])


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (START - timedelta(minutes=15, seconds=1), "too early"),
        (START - timedelta(minutes=15), "present"),
        (START + timedelta(minutes=4, seconds=59), "present"),
        (START + timedelta(minutes=5), "late"),
        (START + timedelta(minutes=29, seconds=59), "late"),
        (START + timedelta(minutes=30), "closed"),
    ],
    ids=["12:44:59", "12:45:00", "13:04:59", "13:05:00", "13:29:59", "13:30:00"],
)
def test_the_window_edges(world, session, moment, expected):
    client = client_for(world.users["trainee"])
    with time_machine.travel(moment, tick=False):
        response = client.post(url(session), {"code": "246810"})
    record = Attendance.objects.filter(session=session).first()
    if expected in ("present", "late"):
        assert response.status_code == 302
        assert record.status == expected
        assert record.how == Attendance.How.SELF_CHECKIN
        assert record.checked_in_at == moment
    else:
        assert response.status_code == 400
        assert record is None
        body = response.content.decode()
        assert (
            "チェックインは12:45に始まります"
            if expected == "too early"
            else "13:30に締め切りました"
        ) in body


def test_a_wrong_code_says_so_and_records_nothing(world, session):
    client = client_for(world.users["trainee"])
    with time_machine.travel(START, tick=False):
        response = client.post(url(session), {"code": "111111"})
    assert response.status_code == 400
    assert "コードが違います" in response.content.decode()
    assert not Attendance.objects.exists()
    assert not AuditEntry.objects.filter(content_type__model="attendance").exists()


def test_full_width_digits_and_spaces_are_forgiven(world, session):
    client = client_for(world.users["trainee"])
    with time_machine.travel(START, tick=False):
        assert client.post(url(session), {"code": "２４６ ８１０"}).status_code == 302
    assert Attendance.objects.get().status == "present"


def test_another_cohorts_trainee_gets_a_clear_404_and_nothing_is_recorded(world, session):
    client = client_for(world.users["trainee_other_cohort"])
    with time_machine.travel(START, tick=False):
        for response in (client.get(url(session)), client.post(url(session), {"code": "246810"})):
            assert response.status_code == 404
            assert "あなたの期のセッションではありません" in response.content.decode()
    assert not Attendance.objects.exists()


def test_the_service_refuses_another_cohort_too(world, session):
    with pytest.raises(CheckInRefused):
        check_in(
            user=world.users["trainee_other_cohort"], session=session, code="246810", moment=START
        )
    assert not Attendance.objects.exists()


def test_checking_in_twice_is_harmless(world, session):
    client = client_for(world.users["trainee"])
    with time_machine.travel(START, tick=False):
        client.post(url(session), {"code": "246810"})
    with time_machine.travel(START + timedelta(minutes=20), tick=False):
        response = client.post(url(session), {"code": "246810"}, follow=True)
    assert "すでに記録されています：出席" in response.content.decode()
    record = Attendance.objects.get()
    assert record.status == "present"
    assert AuditEntry.objects.filter(content_type__model="attendance").count() == 1


def test_a_trainee_never_changes_a_record_made_by_the_roster(world, session):
    AttendanceFactory(session=session, membership=world.memberships["trainee"], status="absent")
    client = client_for(world.users["trainee"])
    with time_machine.travel(START, tick=False):
        client.post(url(session), {"code": "246810"})
    assert Attendance.objects.get().status == "absent"


def test_the_audit_entry_says_who_and_how(world, session):
    with time_machine.travel(START + timedelta(minutes=6), tick=False):
        client_for(world.users["trainee"]).post(url(session), {"code": "246810"})
    entry = AuditEntry.objects.get(content_type__model="attendance")
    assert entry.actor == world.users["trainee"]
    assert entry.action == "create"
    assert entry.after["status"] == "late"
    assert entry.after["how"] == "self_checkin"
    assert entry.reason == "self_checkin"


# The brute-force limit --------------------------------------------------------------------


def test_five_wrong_codes_lock_check_in_by_code_for_that_person(world, session):
    client = client_for(world.users["trainee"])
    with time_machine.travel(START, tick=False):
        for guess in range(5):
            assert client.post(url(session), {"code": f"00000{guess}"}).status_code == 400
        response = client.post(url(session), {"code": "246810"})  # even the right code
        assert response.status_code == 400
        assert "誤ったコードの入力が多すぎる" in response.content.decode()
        assert not Attendance.objects.exists()
        # someone else at the same session is not held up
        other = client_for(world.users["other_trainee"])
        assert other.post(url(session), {"code": "246810"}).status_code == 302
    assert Attendance.objects.get().membership == world.memberships["other_trainee"]


def test_wrong_codes_from_many_people_lock_the_session(world, session, settings):
    """With the per-session cap, guessing one in a million codes by spreading guesses over
    many accounts is capped too: at most `per session` guesses for everybody together."""
    settings.ATTENDANCE_CHECKIN_LIMITS = (5, 3)
    extra = [MembershipFactory(cohort=world.cohort) for _ in range(3)]
    with time_machine.travel(START, tick=False):
        for membership in extra:
            client_for(membership.user).post(url(session), {"code": "999999"})
        response = client_for(world.users["trainee"]).post(url(session), {"code": "246810"})
    assert response.status_code == 400
    assert not Attendance.objects.exists()


def test_a_new_code_is_a_different_code_and_the_old_one_stops_working(world, session):
    staff = client_for(world.users["staff"])
    staff.post(reverse("attendance:code_new", args=[session.pk]))
    session.refresh_from_db()
    assert session.checkin_code != "246810" and len(session.checkin_code) == 6
    with time_machine.travel(START, tick=False):
        response = client_for(world.users["trainee"]).post(url(session), {"code": "246810"})
    assert response.status_code == 400


# The phone: a scanned link, a login in between, a POST with CSRF --------------------------


def test_a_signed_out_scan_meets_the_login_page_and_comes_back_with_the_code(world, session):
    client = Client()
    link = f"{url(session)}?code=246810"
    response = client.get(link)
    assert response.status_code == 302
    login_url = f"{reverse('account_login')}?next={quote(link, safe='/')}"
    assert response["Location"] == login_url
    response = client.post(login_url, {"login": world.users["trainee"].email, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == link
    with time_machine.travel(START, tick=False):
        page = client.get(response["Location"])
    assert page.status_code == 200
    assert 'value="246810"' in page.content.decode()
    assert not Attendance.objects.exists()  # a GET never records


def test_check_in_needs_the_csrf_token(world, session):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["trainee"])
    with time_machine.travel(START, tick=False):
        assert client.post(url(session), {"code": "246810"}).status_code == 403
        page = client.get(url(session))
        token = page.context["csrf_token"]
        assert (
            client.post(
                url(session), {"code": "246810", "csrfmiddlewaretoken": str(token)}
            ).status_code
            == 302
        )
    assert Attendance.objects.count() == 1


def test_the_form_takes_no_trainee_id(world, session):
    client = client_for(world.users["trainee"])
    other = world.memberships["other_trainee"]
    with time_machine.travel(START, tick=False):
        page = client.get(url(session))
        assert list(page.context["form"].fields) == ["code"]
        client.post(url(session), {"code": "246810", "membership": other.pk, "user": other.user.pk})
    assert Attendance.objects.get().membership == world.memberships["trainee"]


def test_the_check_in_button_shows_only_while_the_window_is_open(world, session):
    client = client_for(world.users["trainee"])
    with time_machine.travel(START - timedelta(hours=2), tick=False):
        assert url(session) not in client.get(reverse("attendance:session_list")).content.decode()
    with time_machine.travel(START, tick=False):
        assert url(session) in client.get(reverse("attendance:session_list")).content.decode()
        assert url(session) in client.get(reverse("cohorts:dashboard")).content.decode()
