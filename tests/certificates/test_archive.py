"""An archived cohort is frozen: each write path refuses with Cohort.ARCHIVED_MESSAGE where
the person acted and changes nothing; reading and exports still work."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from cohorts.attendance.models import Attendance
from cohorts.attendance.services.checkin import CheckInRefused, check_in
from cohorts.attendance.services.records import take_roster
from cohorts.attendance.services.sessions import create_session, new_code
from cohorts.certificates.models import Completion
from cohorts.certificates.services.completions import CompletionRefused, confirm_completion
from cohorts.certificates.services.rules import save_rule
from cohorts.coursework.models import Extension, Submission
from cohorts.coursework.services.extensions import grant_extension
from cohorts.coursework.services.submissions import SubmissionRefused, save_draft, submit
from cohorts.models import Cohort, Invitation, Membership
from cohorts.review.models import Review
from cohorts.review.services.guests import invite_guest
from cohorts.review.services.reviews import Changes, ReviewRefused, release_ready, save_review
from cohorts.services.archive import CohortArchived
from cohorts.services.invitations import accept_invitation, invite, reinvite
from tests.attendance.factories import SessionFactory, roster_data
from tests.conftest import client_for
from tests.factories import AssignmentFactory, RubricFactory, UserFactory, submitted_attempt

from .scenario import rule_for

pytestmark = pytest.mark.django_db
MESSAGE = str(Cohort.ARCHIVED_MESSAGE)


@pytest.fixture
def assignment(world, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return AssignmentFactory(cohort=world.cohort, rubric=RubricFactory(), points=100)


@pytest.fixture
def attempt(world, assignment):
    return submitted_attempt(assignment, world.memberships["trainee"], key="a1")


def archive(world):
    Cohort.objects.filter(pk=world.cohort.pk).update(status=Cohort.Status.ARCHIVED)
    world.cohort.refresh_from_db()


def page_says(response, status=200):
    assert response.status_code == status, response.status_code
    assert MESSAGE in response.content.decode()


# Coursework ---------------------------------------------------------------------------------


def test_submitting_and_drafts_are_refused(world, assignment):
    archive(world)
    membership = world.memberships["trainee"]
    for write in (submit, save_draft):
        with pytest.raises(SubmissionRefused) as refused:
            write(assignment, membership, text="<p>回答</p>")
        assert refused.value.message == Cohort.ARCHIVED_MESSAGE
    client = client_for(world.users["trainee"])
    url = reverse("coursework:submission_create", args=[assignment.pk])
    response = client.post(url, {"text": "<p>回答</p>", "action": "submit", "key": "k"})
    page_says(response, response.status_code)
    assert not Submission.objects.exists()


def test_a_finished_cohort_still_says_finished_not_archived(world, assignment):
    Cohort.objects.filter(pk=world.cohort.pk).update(status=Cohort.Status.FINISHED)
    world.cohort.refresh_from_db()
    with pytest.raises(SubmissionRefused) as refused:
        submit(assignment, world.memberships["trainee"], text="<p>回答</p>")
    assert refused.value.code == "cohort_finished"


def test_extensions_are_refused_on_the_form(world, assignment):
    archive(world)
    with pytest.raises(CohortArchived):
        grant_extension(
            actor=world.users["staff"],
            assignment=assignment,
            membership=world.memberships["trainee"],
            due_at=timezone.now() + timedelta(days=30),
            reason="体調不良",
        )
    url = reverse(
        "coursework:extension_grant", args=[assignment.pk, world.memberships["trainee"].pk]
    )
    later = timezone.localtime(assignment.due_at + timedelta(days=7))
    due = later.strftime("%Y-%m-%dT%H:%M")
    response = client_for(world.users["staff"]).post(url, {"due_at": due, "reason": "体調不良"})
    page_says(response, 400)
    assert not Extension.objects.exists()


# Review -------------------------------------------------------------------------------------


def test_review_saves_and_releases_are_refused(world, attempt):
    archive(world)
    with pytest.raises(ReviewRefused) as refused:
        save_review(
            world.users["mentor"], attempt, based_on=0, changes=Changes(feedback="<p>良</p>")
        )
    assert refused.value.message == Cohort.ARCHIVED_MESSAGE
    with pytest.raises(ReviewRefused):
        release_ready(world.users["staff"], attempt.assignment, [attempt.pk])
    url = reverse("review:review_detail", args=[attempt.pk])
    response = client_for(world.users["mentor"]).post(
        url, {"version": 0, "action": "save", "adjustment": "0", "feedback": "<p>良</p>"}
    )
    page_says(response, 400)
    assert not Review.objects.exists()


def test_release_in_bulk_and_guests_are_refused_with_the_message(world, attempt):
    archive(world)
    staff = client_for(world.users["staff"])
    url = reverse("review:assignment_release", args=[attempt.assignment.pk])
    page_says(staff.post(url, {"submission": [attempt.pk]}, follow=True))
    with pytest.raises(ReviewRefused):
        invite_guest(
            world.users["staff"],
            attempt.assignment,
            email="guest@example.com",
            name="ゲスト",
            criteria=[],
            trainees=[],
        )
    response = staff.post(
        reverse("review:cohort_policy", args=[world.cohort.pk]), {"staff_release": "on"}
    )
    page_says(response)


# Attendance ---------------------------------------------------------------------------------


def test_the_roster_is_refused_on_its_page(world):
    session = SessionFactory(cohort=world.cohort)
    archive(world)
    with pytest.raises(CohortArchived):
        take_roster(
            actor=world.users["staff"],
            session=session,
            entries={world.memberships["trainee"]: ("present", "")},
        )
    response = client_for(world.users["mentor"]).post(
        reverse("attendance:roster", args=[session.pk]),
        roster_data([world.memberships["trainee"], world.memberships["other_trainee"]]),
    )
    page_says(response, 400)
    assert not Attendance.objects.exists()


def test_check_in_is_refused_with_the_message(world):
    session = SessionFactory(cohort=world.cohort, checkin_code="246810")
    archive(world)
    with pytest.raises(CheckInRefused) as refused:
        check_in(user=world.users["trainee"], session=session, code="246810")
    assert refused.value.message == Cohort.ARCHIVED_MESSAGE
    response = client_for(world.users["trainee"]).post(
        reverse("attendance:checkin", args=[session.pk]), {"code": "246810"}
    )
    page_says(response, 400)
    assert not Attendance.objects.exists()


def test_sessions_and_codes_are_refused(world):
    session = SessionFactory(cohort=world.cohort, checkin_code="246810")
    archive(world)
    with pytest.raises(CohortArchived):
        new_code(actor=world.users["staff"], session=session)
    session.refresh_from_db()
    assert session.checkin_code == "246810"
    response = client_for(world.users["staff"]).post(
        reverse("attendance:code_new", args=[session.pk]), follow=True
    )
    page_says(response)
    with pytest.raises(CohortArchived):
        create_session(
            actor=world.users["staff"], session=SessionFactory.build(cohort=world.cohort)
        )


# Invitations and joining --------------------------------------------------------------------


def test_invitations_and_joins_are_refused(world):
    archive(world)
    with pytest.raises(ValidationError) as refused:
        invite(cohort=world.cohort, email="new@example.com", name="新人", role="trainee")
    assert MESSAGE in refused.value.messages
    assert not Membership.objects.filter(user__email="new@example.com").exists()
    with pytest.raises(CohortArchived):
        reinvite(world.memberships["trainee"])


def test_accepting_an_invitation_to_an_archived_cohort_is_refused(world):
    user = UserFactory(email="invitee@example.com")
    user.set_unusable_password()
    user.save()
    membership = Membership.objects.create(user=user, cohort=world.cohort, role="trainee")
    invitation, token = Invitation.build(membership)
    invitation.save()
    archive(world)
    with pytest.raises(CohortArchived):
        accept_invitation(invitation, "a-long-enough-password-2026")
    response = client_for(None).post(
        reverse("cohorts:invitation_accept", args=[token]),
        {"new_password1": "a-Long-enough-pass-2026", "new_password2": "a-Long-enough-pass-2026"},
    )
    page_says(response)
    invitation.refresh_from_db()
    user.refresh_from_db()
    assert invitation.used_at is None
    assert not user.has_usable_password()


# Completion ---------------------------------------------------------------------------------


def test_completion_and_its_rules_are_frozen(world):
    rule = rule_for(world.cohort, min_attendance=0)
    archive(world)
    with pytest.raises(CompletionRefused) as refused:
        confirm_completion(actor=world.users["staff"], membership=world.memberships["trainee"])
    assert refused.value.code == "archived"
    assert not Completion.objects.exists()
    rule.min_attendance = 50
    with pytest.raises(CohortArchived):
        save_rule(
            actor=world.users["staff"], rule=rule, required_assignments=[], required_sessions=[]
        )
    page = client_for(world.users["staff"]).get(
        reverse("certificates:cohort_completion", args=[world.cohort.pk])
    )
    page_says(page)
    assert "修了を確定する" not in page.content.decode()


# Reading and exports ------------------------------------------------------------------------


def test_reading_and_exports_still_work(world, attempt):
    SessionFactory(cohort=world.cohort)
    archive(world)
    staff = client_for(world.users["staff"])
    for name, kwargs in (
        ("attendance:report_export", {"pk": world.cohort.pk, "fmt": "csv"}),
        ("reports:gradebook_export", {"pk": world.cohort.pk, "fmt": "csv"}),
    ):
        assert staff.get(reverse(name, kwargs=kwargs)).status_code == 200
    trainee = client_for(world.users["trainee"])
    assert (
        trainee.get(reverse("coursework:submission_detail", args=[attempt.pk])).status_code == 200
    )
