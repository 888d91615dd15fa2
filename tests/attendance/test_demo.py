"""The demo school shows attendance at every size: past sessions with late, excused and
absent records (trainee3 absent twice in a row), a session today with its check-in window
open, future sessions; `--sessions` decides how many."""

import pytest
from django.core.management import call_command
from django.utils import timezone

from cohorts.attendance.models import Attendance, AttendancePolicy, Session

pytestmark = [pytest.mark.slow, pytest.mark.django_db]


def seed(settings, *args):
    settings.DEBUG = False
    call_command("seed_demo", "--i-know-this-is-not-production", *args, verbosity=0)


@pytest.mark.parametrize("sessions", ["6", "1", "0", "13"])
def test_every_size_shows_attendance(settings, sessions):
    seed(settings, "--sessions", sessions)
    now = timezone.now()
    assert Session.objects.count() == int(sessions)
    if sessions == "0":
        return
    assert AttendancePolicy.objects.count() == 2
    first = Session.objects.filter(cohort__name="2026 第1期")
    assert [s for s in first if s.checkin_is_open(now)], "a session today, window open"
    if int(sessions) >= 6:
        assert first.filter(ends_at__lt=now).count() >= 2
        assert first.filter(starts_at__gt=now + timezone.timedelta(days=1)).exists()
        statuses = set(Attendance.objects.values_list("status", flat=True))
        assert statuses == {"present", "late", "excused", "absent"}
        past = first.filter(ends_at__lt=now).order_by("starts_at")
        last_two = list(past)[-2:]
        assert [
            Attendance.objects.get(session=s, membership__user__email="trainee3@example.com").status
            for s in last_two
        ] == ["absent", "absent"]
        # trainee1 has not checked in today: the demo's check-in is theirs to try
        today = [s for s in first if s.checkin_is_open(now)][0]
        assert not today.attendances.filter(membership__user__email="trainee1@example.com").exists()


def test_larger_sizes_keep_the_pattern(settings):
    seed(settings, "--trainees", "40", "--mentors", "8", "--sessions", "12")
    assert Session.objects.count() == 12
    assert Attendance.objects.filter(status="late").exists()
