"""The roster on a phone: every trainee starts present, one submit saves the exceptions in one
transaction through one service, with a fixed number of queries at 10 and 300 trainees;
changes afterwards are corrections, audited with who, before, after and how."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from academy.models import AuditEntry
from cohorts.attendance.models import Attendance
from cohorts.models import Membership
from tests.attendance.factories import AttendanceFactory, SessionFactory, roster_data
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def add_trainees(cohort, count, start=0):
    """count trainees in cohort, in bulk (300 stay fast)."""
    User = get_user_model()
    users = User.objects.bulk_create(
        [
            User(email=f"bulk{start + n}@example.com", display_name=f"受講生 {start + n:03d}")
            for n in range(count)
        ]
    )
    Membership.objects.bulk_create(
        [Membership(user=user, cohort=cohort, role="trainee") for user in users]
    )
    return list(Membership.objects.filter(cohort=cohort, user__in=users))


def trainees_of(cohort):
    return list(Membership.objects.filter(cohort=cohort, role="trainee", is_active=True))


def url(session):
    return reverse("attendance:roster", args=[session.pk])


@pytest.mark.parametrize("size", [10, 300])
def test_the_roster_page_has_a_fixed_query_count(world, size, django_assert_num_queries):
    session = SessionFactory(cohort=world.cohort)
    add_trainees(world.cohort, size - 2)  # the world has two trainees already
    AttendanceFactory(session=session, membership=world.memberships["trainee"], status="late")
    mentor = client_for(world.users["mentor"])
    with django_assert_num_queries(6):
        response = mentor.get(url(session))
    assert response.status_code == 200
    assert response.content.decode().count('value="present"') == size


@pytest.mark.parametrize("size", [10, 300])
def test_one_submit_saves_everyone_with_a_fixed_query_count(
    world, size, django_assert_num_queries, django_capture_on_commit_callbacks
):
    session = SessionFactory(cohort=world.cohort)
    add_trainees(world.cohort, size - 2)
    trainees = trainees_of(world.cohort)
    late, absent = world.memberships["trainee"], world.memberships["other_trainee"]
    data = roster_data(trainees, **{str(late.pk): "late"})
    data[f"status_{late.pk}"] = "late"
    data[f"status_{absent.pk}"] = "excused"
    data[f"note_{absent.pk}"] = "家業の繁忙期のため"
    mentor = client_for(world.users["mentor"])
    ContentType.objects.clear_cache()  # the same start for both sizes
    with django_capture_on_commit_callbacks(execute=True), django_assert_num_queries(16):
        response = mentor.post(url(session), data)
    assert response.status_code == 302
    records = {r.membership_id: r for r in Attendance.objects.filter(session=session)}
    assert len(records) == size
    assert records[late.pk].status == "late"
    assert records[absent.pk].status == "excused"
    assert records[absent.pk].note == "家業の繁忙期のため"
    assert {r.how for r in records.values()} == {"roster"}
    assert AuditEntry.objects.filter(content_type__model="attendance").count() == size


def test_a_correction_afterwards_is_audited_with_before_after_and_how(world):
    session = SessionFactory(cohort=world.cohort)
    trainee = world.memberships["trainee"]
    staff = client_for(world.users["staff"])
    staff.post(url(session), roster_data([trainee], status="absent"))
    staff.post(url(session), roster_data([trainee], status="excused"))
    record = Attendance.objects.get(session=session, membership=trainee)
    assert (record.status, record.how, record.recorded_by) == (
        "excused",
        "correction",
        world.users["staff"],
    )
    entry = AuditEntry.objects.filter(content_type__model="attendance").latest("pk")
    assert entry.action == "update"
    assert entry.before["status"] == "absent" and entry.after["status"] == "excused"
    assert entry.after["how"] == "correction"
    assert entry.reason == "correction"
    assert entry.actor == world.users["staff"]


def test_a_correction_of_a_self_check_in_keeps_the_trail(world):
    session = SessionFactory(cohort=world.cohort)
    trainee = world.memberships["trainee"]
    AttendanceFactory(session=session, membership=trainee, status="present", how="self_checkin")
    client_for(world.users["mentor"]).post(url(session), roster_data([trainee], status="late"))
    entry = AuditEntry.objects.get(content_type__model="attendance")
    assert entry.before["how"] == "self_checkin" and entry.after["how"] == "correction"


def test_an_unchanged_submit_writes_nothing(world):
    session = SessionFactory(cohort=world.cohort)
    trainees = trainees_of(world.cohort)
    mentor = client_for(world.users["mentor"])
    mentor.post(url(session), roster_data(trainees))
    before = AuditEntry.objects.count()
    response = mentor.post(url(session), roster_data(trainees), follow=True)
    assert "新規0件、変更0件" in response.content.decode()
    assert AuditEntry.objects.count() == before


def test_a_bad_status_is_refused_and_nothing_changes(world):
    session = SessionFactory(cohort=world.cohort)
    trainees = trainees_of(world.cohort)
    data = roster_data(trainees)
    data[f"status_{trainees[0].pk}"] = "asleep"
    response = client_for(world.users["mentor"]).post(url(session), data)
    assert response.status_code == 400
    assert not Attendance.objects.exists()
    assert not AuditEntry.objects.filter(content_type__model="attendance").exists()


def test_only_the_cohorts_trainees_can_be_posted(world):
    session = SessionFactory(cohort=world.cohort)
    outsider = world.memberships["trainee_other_cohort"]
    data = roster_data(trainees_of(world.cohort))
    data[f"status_{outsider.pk}"] = "present"
    client_for(world.users["mentor"]).post(url(session), data)
    assert not Attendance.objects.filter(membership=outsider).exists()


def test_a_trainee_cannot_open_or_post_the_roster(world):
    session = SessionFactory(cohort=world.cohort)
    trainee = client_for(world.users["trainee"])
    data = roster_data([world.memberships["trainee"]], status="present")
    assert trainee.post(url(session), data).status_code == 404
    assert not Attendance.objects.exists()


def test_the_sign_in_sheet_lists_every_trainee_and_prints(world):
    session = SessionFactory(cohort=world.cohort)
    body = (
        client_for(world.users["mentor"])
        .get(reverse("attendance:sign_in_sheet", args=[session.pk]))
        .content.decode()
    )
    assert "受講生 花子" in body and "受講生 次郎" in body
    assert "受講生 三郎" not in body
    assert 'href="/static/css/attendance-print.css" media="print"' in body
