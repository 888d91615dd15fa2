"""Absence warnings: mentors and staff are told once per trigger (absent twice in a row,
below the cohort's threshold), never about someone marked present."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse

from cohorts.attendance.models import AbsenceWarning, AttendancePolicy
from tests.attendance.factories import SessionFactory, roster_data
from tests.conftest import client_for
from tests.factories import jst

pytestmark = pytest.mark.django_db


@pytest.fixture
def sessions(world):
    start = jst(2026, 10, 3, 13, 0)
    return [
        SessionFactory(cohort=world.cohort, starts_at=start + timedelta(weeks=n)) for n in range(6)
    ]


def take(world, session, status, capture):
    trainee = world.memberships["trainee"]
    with capture(execute=True):
        client_for(world.users["staff"]).post(
            reverse("attendance:roster", args=[session.pk]), roster_data([trainee], status=status)
        )


def test_twice_in_a_row_warns_the_mentor_and_staff_once(
    world, sessions, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    take(world, sessions[0], "present", capture)
    take(world, sessions[1], "absent", capture)
    assert mail.outbox == []
    take(world, sessions[2], "absent", capture)
    twice = [m for m in mail.outbox if "連続" in m.subject]
    assert sorted(m.to[0] for m in twice) == ["w-mentor@example.com", "w-staff@example.com"]
    message = twice[0]
    assert "受講生 花子さんが2回連続で欠席" in message.subject
    assert reverse("attendance:report", args=[world.cohort.pk]) in message.body
    # the same run again (a third absence, or the roster saved again) sends nothing new
    mail.outbox.clear()
    take(world, sessions[2], "absent", capture)
    take(world, sessions[3], "absent", capture)
    assert [m for m in mail.outbox if "連続" in m.subject] == []
    assert AbsenceWarning.objects.filter(kind="twice").count() == 1


def test_a_new_run_after_coming_back_warns_again(
    world, sessions, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    AttendancePolicy.objects.create(cohort=world.cohort, threshold=0)  # only the runs matter
    for session, status in zip(
        sessions, ["absent", "absent", "present", "absent", "absent"], strict=False
    ):
        take(world, session, status, capture)
    assert AbsenceWarning.objects.filter(kind="twice").count() == 2
    assert len(mail.outbox) == 4  # two runs × (mentor + staff)


def test_below_the_threshold_warns_once_and_again_after_recovering(
    world, sessions, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    AttendancePolicy.objects.create(cohort=world.cohort, threshold=75)
    for session, status in zip(sessions, ["present", "present", "present"], strict=False):
        take(world, session, status, capture)
    take(world, sessions[3], "absent", capture)  # 3 of 4 = 75%: not below
    assert mail.outbox == []
    take(world, sessions[4], "excused", capture)  # excused do not count: still 75%
    assert mail.outbox == []
    take(world, sessions[3], "absent", capture)
    take(world, sessions[5], "absent", capture)  # 3 of 5 = 60%
    threshold_mails = [m for m in mail.outbox if "未満" in m.subject]
    assert len(threshold_mails) == 2  # mentor + staff, once
    assert "60%" in threshold_mails[0].body


def test_nobody_marked_present_is_warned(world, sessions, django_capture_on_commit_callbacks):
    capture = django_capture_on_commit_callbacks
    AttendancePolicy.objects.create(cohort=world.cohort, threshold=100)
    take(world, sessions[0], "absent", capture)
    take(world, sessions[1], "absent", capture)
    mail.outbox.clear()
    AbsenceWarning.objects.all().delete()
    take(world, sessions[2], "present", capture)  # still below 100%, but present now
    assert mail.outbox == []


def test_the_warning_is_in_each_recipients_language(
    world, sessions, django_capture_on_commit_callbacks
):
    mentor = world.users["mentor"]
    mentor.preferred_language = "en"
    mentor.save()
    take(world, sessions[0], "absent", django_capture_on_commit_callbacks)
    take(world, sessions[1], "absent", django_capture_on_commit_callbacks)
    by_address = {m.to[0]: m for m in mail.outbox}
    assert "absent twice in a row" in by_address["w-mentor@example.com"].subject
    assert "2回連続" in by_address["w-staff@example.com"].subject
