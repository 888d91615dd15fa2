"""Alumni (trainees of a finished or archived cohort) keep their own work, feedback,
certificate and course lessons; the directory is opt-in, for signed-in members only, and
opting out removes the entry at once."""

import pytest
from django.urls import reverse
from wagtail.models import Page

from cohorts import access
from cohorts.certificates.models import AlumniEntry
from cohorts.certificates.services.completions import confirm_completion
from cohorts.models import Cohort
from tests.conftest import client_for
from tests.factories import AssignmentFactory, UserFactory, lesson_in, submitted_attempt

from .scenario import released, rule_for

pytestmark = pytest.mark.django_db


def graduate(world, status=Cohort.Status.ARCHIVED):
    Cohort.objects.filter(pk=world.cohort.pk).update(status=status)
    world.cohort.refresh_from_db()


@pytest.mark.parametrize("status", [Cohort.Status.FINISHED, Cohort.Status.ARCHIVED])
def test_alumni_keep_their_work_feedback_and_lessons(world, settings, tmp_path, status):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    trainee = world.memberships["trainee"]
    attempt = submitted_attempt(AssignmentFactory(cohort=world.cohort), trainee, key="x")
    release = released(AssignmentFactory(cohort=world.cohort, points=10), trainee, 8)
    lesson = lesson_in(world.cohort.course, title="承継の全体像", slug="alumni-lesson")
    graduate(world, status)
    user = world.users["trainee"]
    assert access.submissions_visible_to(user).filter(pk=attempt.pk).exists()
    assert access.own_releases(user).filter(pk=release.pk).exists()
    assert access.can_view_lesson(user, lesson)
    client = client_for(user)
    assert client.get(reverse("coursework:submission_detail", args=[attempt.pk])).status_code == 200
    assert client.get(lesson.url).status_code == 200
    assert client.get(reverse("cohorts:dashboard")).status_code == 200
    # Another cohort's trainee still cannot.
    other = world.users["trainee_other_cohort"]
    assert not access.can_view_lesson(other, Page.objects.get(pk=lesson.pk).specific)


def test_alumni_keep_their_certificate(world, django_capture_on_commit_callbacks):
    rule_for(world.cohort, min_attendance=0)
    with django_capture_on_commit_callbacks(execute=True):
        completion = confirm_completion(
            actor=world.users["staff"], membership=world.memberships["trainee"]
        )
    graduate(world)
    response = client_for(world.users["trainee"]).get(
        reverse("certificates:download", args=[completion.pk])
    )
    assert response.status_code == 200


def test_opting_in_lists_and_opting_out_removes_at_once(world):
    graduate(world)
    trainee = world.memberships["trainee"]
    client = client_for(world.users["trainee"])
    url = reverse("certificates:alumni_entry", args=[trainee.pk])
    directory = reverse("certificates:alumni_directory")
    assert "alumni-entry" not in client.get(directory).content.decode()
    response = client.post(url, {"company": "花子商店", "line": "酒蔵の承継"})
    assert response.status_code == 302
    mentor_view = client_for(world.users["other_mentor"]).get(directory).content.decode()
    assert (
        "受講生 花子" in mentor_view and "花子商店" in mentor_view and "2026 第1期" in mentor_view
    )
    client.post(url, {"action": "leave"})
    assert not AlumniEntry.objects.exists()
    assert "alumni-entry" not in client_for(world.users["staff"]).get(directory).content.decode()


def test_a_running_cohort_s_trainee_cannot_opt_in(world):
    url = reverse("certificates:alumni_entry", args=[world.memberships["trainee"].pk])
    assert client_for(world.users["trainee"]).post(url, {"company": "x"}).status_code == 404
    assert not AlumniEntry.objects.exists()


def test_nobody_opts_in_someone_else(world):
    graduate(world)
    url = reverse("certificates:alumni_entry", args=[world.memberships["trainee"].pk])
    for role in ("other_trainee", "mentor", "staff"):
        assert client_for(world.users[role]).post(url, {"company": "x"}).status_code == 404
    assert not AlumniEntry.objects.exists()


def test_the_directory_is_for_members_only(world):
    graduate(world)
    AlumniEntry.objects.create(membership=world.memberships["trainee"], company="花子商店")
    directory = reverse("certificates:alumni_directory")
    anonymous = client_for(None).get(directory)
    assert anonymous.status_code == 302
    outsider = client_for(UserFactory(email="visitor@example.com")).get(directory)
    assert outsider.status_code == 404
    for role in ("trainee_other_cohort", "mentor", "staff"):
        assert "花子商店" in client_for(world.users[role]).get(directory).content.decode()


def test_a_deactivated_alumnus_leaves_the_directory(world):
    graduate(world)
    trainee = world.memberships["trainee"]
    AlumniEntry.objects.create(membership=trainee, company="花子商店")
    trainee.is_active = False
    trainee.save()
    body = client_for(world.users["staff"]).get(reverse("certificates:alumni_directory"))
    assert "花子商店" not in body.content.decode()


def test_the_line_is_escaped(world):
    graduate(world)
    client = client_for(world.users["trainee"])
    url = reverse("certificates:alumni_entry", args=[world.memberships["trainee"].pk])
    client.post(url, {"company": "<b>社</b>", "line": "<script>alert(1)</script>"})
    body = client.get(reverse("certificates:alumni_directory")).content.decode()
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;" in body
