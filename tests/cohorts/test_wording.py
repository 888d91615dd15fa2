"""Japanese wording on the assignment page and in the invitation e-mail: one pattern a test."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from cohorts.services import invitations as services
from tests.factories import AssignmentFactory, CohortFactory, jst

pytestmark = pytest.mark.django_db


def test_the_cut_off_reads_date_then_made_in_japanese(trainee, world):
    assignment = AssignmentFactory(
        cohort=world.cohort,
        due_at=jst(2099, 12, 1, 23, 59),
        late_policy="cutoff",
        cutoff_at=jst(2099, 12, 2, 23, 59),
    )
    body = trainee.get(reverse("coursework:assignment_detail", args=[assignment.pk])).content
    body = body.decode()
    assert "（2099年12月2日（水）23:59まで）" in body
    assert "(まで" not in body


def test_time_left_is_natural_japanese(trainee, world):
    assignment = AssignmentFactory(
        cohort=world.cohort, due_at=timezone.now() + timedelta(hours=18, minutes=43, seconds=30)
    )
    body = trainee.get(reverse("coursework:assignment_detail", args=[assignment.pk])).content
    body = body.decode()
    assert "残り18時間43分" in body or "残り18時間42分" in body
    assert "時間, " not in body and "残り " not in body


def test_the_invitation_subject_has_no_stray_space(django_capture_on_commit_callbacks):
    cohort = CohortFactory(name="2027 第2期")
    with django_capture_on_commit_callbacks(execute=True):
        services.invite(cohort=cohort, email="new@example.com", name="新人 太郎", role="trainee")
    subject = mail.outbox[0].subject
    assert subject.startswith("2027 第2期へのご招待")
    assert "第2期 へ" not in subject
