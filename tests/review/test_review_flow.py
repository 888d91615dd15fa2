"""The review page: draft, release, return for revision, resubmission, correction."""

from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse

from academy.models import AuditEntry
from cohorts.coursework.models import Submission
from cohorts.review.models import Review, ReviewRelease
from tests.factories import submitted_attempt

from .conftest import review_post

pytestmark = pytest.mark.django_db


def url(submission):
    return reverse("review:review_detail", args=[submission.pk])


def test_mentor_saves_a_draft_the_trainee_does_not_see(mentor, trainee, submission, criteria):
    page = mentor.get(url(submission))
    assert page.status_code == 200
    assert "観点1" in page.content.decode()
    response = mentor.post(
        url(submission),
        review_post(criteria, 0, "優", "良", feedback="下書きの講評", private_note="内部のメモ"),
    )
    assert response.status_code == 302
    review = Review.objects.get()
    assert (review.state, review.version, review.points) == ("draft", 1, Decimal("83.33"))
    assert review.author == mentor.user
    shown = trainee.get(reverse("coursework:submission_detail", args=[submission.pk])).content
    assert "下書きの講評".encode() not in shown and "内部のメモ".encode() not in shown
    assert mail.outbox == []


def test_release_tells_the_trainee_and_shows_scores(
    mentor, trainee, submission, criteria, django_capture_on_commit_callbacks
):
    mentor.post(url(submission), review_post(criteria, 0, "優", "優", feedback="見事です"))
    with django_capture_on_commit_callbacks(execute=True):
        response = mentor.post(
            url(submission),
            review_post(
                criteria, 1, "優", "優", action="release", feedback="見事です", private_note="秘密"
            ),
        )
    assert response.status_code == 302
    submission.refresh_from_db()
    assert submission.status == Submission.Status.GRADED
    release = ReviewRelease.objects.get()
    assert (release.points, release.points_possible, release.outcome) == (
        Decimal("100.00"),
        100,
        "released",
    )
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [trainee.user.email]
    dashboard = trainee.get(reverse("cohorts:dashboard")).content.decode()
    assert "新しい講評" in dashboard or "New feedback" in dashboard
    page = trainee.get(reverse("coursework:submission_detail", args=[submission.pk])).content
    page = page.decode()
    assert "見事です" in page and "100 / 100" in page and "秘密" not in page
    release.refresh_from_db()
    assert release.seen_at is not None
    dashboard = trainee.get(reverse("cohorts:dashboard")).content.decode()
    assert "new-feedback" not in dashboard
    assert submission.assignment.rubric.__class__.objects.get().is_locked


def test_return_for_revision_and_the_resubmission_goes_back_to_the_queue(
    world, mentor, trainee, submission, criteria, django_capture_on_commit_callbacks
):
    refused = mentor.post(url(submission), review_post(criteria, 0, "可", action="return"))
    assert refused.status_code == 400
    assert not Review.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = mentor.post(
            url(submission),
            review_post(criteria, 0, "可", action="return", revision_request="表を加えてください"),
        )
    assert response.status_code == 302
    submission.refresh_from_db()
    assert submission.status == Submission.Status.RETURNED
    assert "表を加えてください" in mail.outbox[0].body
    page = trainee.get(reverse("coursework:submission_detail", args=[submission.pk])).content
    assert "表を加えてください" in page.decode()
    second = submitted_attempt(submission.assignment, world.memberships["trainee"], key="t2")
    queue = mentor.get(reverse("review:queue")).content.decode()
    assert reverse("review:review_detail", args=[second.pk]) in queue
    earlier = mentor.get(url(second)).content.decode()
    assert "表を加えてください" in earlier


def test_a_correction_keeps_the_earlier_version(
    mentor, trainee, submission, criteria, django_capture_on_commit_callbacks
):
    mentor.post(url(submission), review_post(criteria, 0, "良", "良", action="release"))
    mail.outbox.clear()
    mentor.post(url(submission), review_post(criteria, 1, "優", "良", feedback="訂正しました"))
    page = mentor.get(url(submission)).content.decode()
    assert "まだ表示されていない変更" in page
    with django_capture_on_commit_callbacks(execute=True):
        mentor.post(
            url(submission),
            review_post(criteria, 2, "優", "良", action="release", feedback="訂正しました"),
        )
    releases = list(ReviewRelease.objects.order_by("number"))
    assert [r.number for r in releases] == [1, 2]
    assert [r.points for r in releases] == [Decimal("66.67"), Decimal("83.33")]
    assert "訂正" in mail.outbox[0].subject or "Corrected" in mail.outbox[0].subject
    page = trainee.get(reverse("coursework:submission_detail", args=[submission.pk])).content
    assert "訂正しました" in page.decode()


def test_adjustment_needs_a_reason_and_cannot_exceed_the_points(mentor, submission, criteria):
    no_reason = mentor.post(url(submission), review_post(criteria, 0, "良", "良", adjustment="5"))
    assert no_reason.status_code == 400
    too_much = mentor.post(
        url(submission),
        review_post(criteria, 0, "優", "優", adjustment="1", adjustment_reason="独自の工夫"),
    )
    assert too_much.status_code == 400
    assert "100" in too_much.content.decode()
    assert not Review.objects.exists() and not AuditEntry.objects.exists()
    ok = mentor.post(
        url(submission),
        review_post(criteria, 0, "良", "良", adjustment="-6.67", adjustment_reason="引用なし"),
    )
    assert ok.status_code == 302
    assert Review.objects.get().points == Decimal("60.00")


def test_release_needs_every_criterion(mentor, submission, criteria):
    response = mentor.post(url(submission), review_post(criteria, 0, "優", action="release"))
    assert response.status_code == 400
    assert not ReviewRelease.objects.exists()


def test_the_page_shows_what_was_saved(mentor, submission, criteria):
    mentor.post(
        url(submission),
        review_post(criteria, 0, "優", feedback="保存した講評", private_note="メモ"),
    )
    form = mentor.get(url(submission)).context["form"]
    assert form.initial["version"] == 1
    assert form.initial["feedback"] == "保存した講評" and form.initial["private_note"] == "メモ"
    assert form.initial[f"criterion_{criteria[0].pk}"] == str(criteria[0].levels.all()[0].pk)
