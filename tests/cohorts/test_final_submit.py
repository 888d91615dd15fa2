"""Submitting the last allowed attempt takes two steps, without JavaScript; the warning sits
above the button."""

import pytest
from django.urls import reverse

from cohorts.coursework.models import Submission
from tests.factories import AssignmentFactory, submitted_attempt

pytestmark = pytest.mark.django_db


def test_the_warning_is_above_the_button(trainee, world):
    assignment = AssignmentFactory(cohort=world.cohort)
    body = trainee.get(reverse("coursework:assignment_detail", args=[assignment.pk])).content
    body = body.decode()
    assert body.index("提出後は変更できません") < body.index('value="submit"')


def test_the_last_attempt_asks_for_confirmation_first(trainee, world):
    assignment = AssignmentFactory(cohort=world.cohort, max_attempts=2, parts="text")
    membership = world.memberships["trainee"]
    submitted_attempt(assignment, membership, key="first")
    url = reverse("coursework:submission_create", args=[assignment.pk])
    response = trainee.post(url, {"action": "submit", "text": "最後の回答です", "key": "k2"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "最後の提出をしますか" in body and 'name="confirmed"' in body
    submitted = Submission.objects.filter(membership=membership).exclude(status="draft")
    assert submitted.count() == 1  # nothing submitted yet: kept as a draft
    assert Submission.objects.filter(membership=membership, status="draft").exists()
    response = trainee.post(
        url, {"action": "submit", "text": "最後の回答です", "key": "k2", "confirmed": "1"}
    )
    assert response.status_code == 302
    assert submitted.count() == 2
    assert "最後の回答です" in submitted.order_by("attempt").last().text


def test_earlier_attempts_submit_in_one_step(trainee, world):
    assignment = AssignmentFactory(cohort=world.cohort, max_attempts=3, parts="text")
    url = reverse("coursework:submission_create", args=[assignment.pk])
    response = trainee.post(url, {"action": "submit", "text": "回答です", "key": "k1"})
    assert response.status_code == 302
