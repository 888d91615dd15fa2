"""seed_demo: the documented accounts and pairings are a contract other checks rely on."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import Client

from cohorts.models import Cohort, Membership

pytestmark = pytest.mark.django_db
PASSWORD = "demo-pass-2026"


def seed(settings, *args):
    settings.DEBUG = True
    call_command("seed_demo", *args, verbosity=0)


def mentees(email):
    mentor = Membership.objects.get(user__email=email, role=Membership.Role.MENTOR)
    return sorted(
        m.user.email for m in Membership.objects.filter(mentors=mentor).select_related("user")
    )


@pytest.mark.slow
def test_default_size_has_the_documented_accounts_and_pairings(settings):
    seed(settings)
    User = get_user_model()
    staff = User.objects.get(email="staff@example.com")
    assert staff.is_staff and staff.check_password(PASSWORD)
    for n in range(1, 4):
        assert User.objects.get(email=f"mentor{n}@example.com").check_password(PASSWORD)
    for n in range(1, 10):
        assert User.objects.get(email=f"trainee{n}@example.com").check_password(PASSWORD)

    assert mentees("mentor1@example.com") == [f"trainee{n}@example.com" for n in (1, 2, 3)]
    assert mentees("mentor2@example.com") == [f"trainee{n}@example.com" for n in (4, 5, 6)]
    assert mentees("mentor3@example.com") == [f"trainee{n}@example.com" for n in (7, 8, 9)]

    first = Membership.objects.get(user__email="trainee1@example.com").cohort
    second = Membership.objects.get(user__email="trainee7@example.com").cohort
    assert first != second
    assert first.course_id != second.course_id
    assert "第1期" in first.name
    for n in range(1, 7):
        assert Membership.objects.get(user__email=f"trainee{n}@example.com").cohort == first
    # The two running cohorts, and the archived 2025 第0期 whose trainees are alumni1–4.
    assert Cohort.objects.exclude(status=Cohort.Status.ARCHIVED).count() == 2
    past = Cohort.objects.get(status=Cohort.Status.ARCHIVED)
    for n in range(1, 5):
        alumnus = User.objects.get(email=f"alumni{n}@example.com")
        assert alumnus.check_password(PASSWORD)
        assert Membership.objects.get(user=alumnus).cohort == past


@pytest.mark.slow
def test_demo_accounts_sign_in_through_the_login_form(settings):
    seed(settings)
    for email in ("staff@example.com", "mentor1@example.com", "trainee1@example.com"):
        client = Client()
        response = client.post("/accounts/login/", {"login": email, "password": PASSWORD})
        assert response.status_code == 302, email
        assert "_auth_user_id" in client.session


@pytest.mark.slow
def test_larger_sizes_keep_the_documented_accounts(settings):
    seed(settings, "--trainees", "40", "--mentors", "8")
    assert get_user_model().objects.filter(email__startswith="trainee").count() == 40
    assert mentees("mentor1@example.com") == [f"trainee{n}@example.com" for n in (1, 2, 3)]
    assert mentees("mentor3@example.com") == [f"trainee{n}@example.com" for n in (7, 8, 9)]
    running = Membership.objects.exclude(cohort__status=Cohort.Status.ARCHIVED)
    assert running.filter(role=Membership.Role.TRAINEE).count() == 40


def test_refuses_when_debug_is_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="production"):
        call_command("seed_demo", verbosity=0)
    assert not get_user_model().objects.exists()


@pytest.mark.slow
def test_refuses_a_database_that_already_has_users(settings):
    seed(settings)
    with pytest.raises(CommandError):
        call_command("seed_demo", verbosity=0)


@pytest.mark.slow
def test_if_empty_makes_a_second_run_harmless(settings):
    seed(settings)
    count = get_user_model().objects.count()
    call_command("seed_demo", "--if-empty", verbosity=0)
    assert get_user_model().objects.count() == count


def test_sizes_below_the_documented_accounts_are_refused(settings):
    settings.DEBUG = True
    with pytest.raises(CommandError, match="at least"):
        call_command("seed_demo", "--trainees", "3", verbosity=0)
