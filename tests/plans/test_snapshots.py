"""Milestones: an assignment that asks for the plan takes a frozen snapshot as the attempt,
which the rubric review grades like any attempt; a second submission is a new attempt."""

import pytest
from django.core import mail
from django.urls import reverse

from cohorts.coursework.models import Submission
from cohorts.models import Cohort
from cohorts.plans.models import PlanSnapshot
from cohorts.plans.services.plans import PlanRefused, save_section
from cohorts.plans.services.snapshots import submit_plan
from cohorts.review.services.reviews import Changes, save_review
from tests.factories import AssignmentFactory

from .conftest import first_section

pytestmark = pytest.mark.django_db


def submit_url(assignment):
    return reverse("plans:milestone_submit", args=[assignment.pk])


def test_the_plan_as_of_today_is_handed_in_as_an_attempt(
    world, trainee, section, plan_assignment, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = trainee.post(submit_url(plan_assignment), {"key": "k1"})
    snapshot = PlanSnapshot.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("plans:snapshot_detail", args=[snapshot.pk])
    submission = snapshot.submission
    assert (submission.attempt, submission.status) == (1, Submission.Status.SUBMITTED)
    assert "<h2>会社概要</h2>" in submission.text
    assert "従業員32名。" in submission.text
    assert [v.number for v in snapshot.versions.all()] == [2]
    assert {m.to[0] for m in mail.outbox} == {"w-trainee@example.com", "w-mentor@example.com"}


def test_later_edits_leave_the_snapshot_and_a_second_submit_is_a_new_attempt(
    world, section, plan_assignment
):
    trainee = world.memberships["trainee"]
    first, created = submit_plan(trainee.user, plan_assignment, trainee, key="a")
    assert created
    save_section(trainee.user, section, body="第3版: 医療機器にも進出", based_on=2)
    first.refresh_from_db()
    assert [v.number for v in first.versions.all()] == [2]
    assert "医療機器" not in first.submission.text
    second, created = submit_plan(trainee.user, plan_assignment, trainee, key="b")
    assert created and second.submission.attempt == 2
    assert [v.number for v in second.versions.all()] == [3]
    assert "医療機器" in second.submission.text
    assert Submission.objects.filter(pk=first.submission_id, attempt=1).exists()


def test_the_same_form_twice_hands_in_once(world, trainee, section, plan_assignment):
    trainee.post(submit_url(plan_assignment), {"key": "same"})
    again = trainee.post(submit_url(plan_assignment), {"key": "same"})
    assert again.status_code == 302
    assert PlanSnapshot.objects.count() == 1 and Submission.objects.count() == 1


def test_an_empty_plan_is_refused(world, trainee, plan_assignment):
    response = trainee.post(submit_url(plan_assignment), {"key": "k"}, follow=True)
    assert "事業承継計画書がまだ空です" in response.content.decode()
    assert not Submission.objects.exists()


def test_typed_work_is_refused_on_a_plan_assignment(world, trainee, section, plan_assignment):
    response = trainee.post(
        reverse("coursework:submission_create", args=[plan_assignment.pk]),
        {"text": "計画書ではない回答", "action": "submit", "key": "x"},
    )
    assert response.status_code == 400
    assert "この課題では事業承継計画書を提出します" in response.content.decode()
    assert not Submission.objects.exists()


def test_the_assignment_page_offers_the_plan_button(world, trainee, section, plan_assignment):
    page = trainee.get(reverse("coursework:assignment_detail", args=[plan_assignment.pk]))
    text = page.content.decode()
    assert submit_url(plan_assignment) in text
    assert reverse("coursework:submission_create", args=[plan_assignment.pk]) not in text


def test_an_ordinary_assignment_takes_no_plan(world, trainee, section):
    ordinary = AssignmentFactory(cohort=world.cohort)
    assert trainee.post(submit_url(ordinary), {"key": "k"}).status_code == 404
    with pytest.raises(PlanRefused):
        submit_plan(world.users["trainee"], ordinary, world.memberships["trainee"])


def test_an_archived_cohort_takes_no_snapshot(world, trainee, section, plan_assignment):
    Cohort.objects.filter(pk=world.cohort.pk).update(status=Cohort.Status.ARCHIVED)
    trainee.post(submit_url(plan_assignment), {"key": "k"})
    assert not Submission.objects.exists()


def test_the_rubric_review_grades_the_snapshot_like_any_attempt(
    world, mentor, section, plan_assignment
):
    trainee = world.memberships["trainee"]
    snapshot, _created = submit_plan(trainee.user, plan_assignment, trainee, key="g")
    page = mentor.get(reverse("review:review_detail", args=[snapshot.submission_id]))
    assert page.status_code == 200
    text = page.content.decode()
    assert "<h2>会社概要</h2>" in text and "従業員32名。" in text  # the reviewer sees it
    assert reverse("plans:submission_snapshot", args=[snapshot.submission_id]) in text
    review = save_review(
        world.users["mentor"],
        snapshot.submission,
        based_on=0,
        changes=Changes(feedback="よく書けています。", manual_points=80),
        action="release",
    )
    assert review.state == "released"
    snapshot.submission.refresh_from_db()
    assert snapshot.submission.status == Submission.Status.GRADED
    opened = mentor.get(reverse("plans:snapshot_detail", args=[snapshot.pk]))
    assert [s.latest.number for s in opened.context["sections"]] == [2]


def test_another_trainee_hands_in_only_their_own_plan(world, other_trainee, plan_assignment):
    other = world.memberships["other_trainee"]
    save_section(other.user, first_section(other), body="次郎の計画", based_on=0)
    other_trainee.post(submit_url(plan_assignment), {"key": "o"})
    snapshot = PlanSnapshot.objects.get()
    assert snapshot.plan.membership == other
    assert "次郎の計画" in snapshot.submission.text
