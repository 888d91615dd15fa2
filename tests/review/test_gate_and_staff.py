"""The release gate per cohort, staff acting on a mentor's behalf (recorded), the history
page, and what trainees may never see."""

import pytest
from django.core import mail
from django.urls import reverse

from academy.models import AuditEntry
from cohorts.review.models import ReleasePolicy, Review, ReviewRelease

from .conftest import released, review_post

pytestmark = pytest.mark.django_db


def url(submission):
    return reverse("review:review_detail", args=[submission.pk])


@pytest.fixture
def gated(world, staff):
    response = staff.post(
        reverse("review:cohort_policy", args=[world.cohort.pk]), {"staff_release": "on"}
    )
    assert response.status_code == 302
    return ReleasePolicy.objects.get()


def test_with_the_gate_mentors_mark_ready_and_staff_release_in_bulk(
    gated, mentor, staff, submission, criteria, django_capture_on_commit_callbacks
):
    assert gated.staff_release
    refused = mentor.post(url(submission), review_post(criteria, 0, "優", "良", action="release"))
    assert refused.status_code == 400 and not Review.objects.exists()
    page = mentor.get(url(submission)).content.decode()
    assert 'value="ready"' in page and 'value="release"' not in page
    assert (
        mentor.post(
            url(submission), review_post(criteria, 0, "優", "良", action="ready")
        ).status_code
        == 302
    )
    assert Review.objects.get().state == "ready"
    bulk = reverse("review:assignment_release", args=[submission.assignment_id])
    assert submission.membership.user.get_full_name() in staff.get(bulk).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        assert staff.post(bulk, {"submission": [submission.pk]}).status_code == 302
    release = ReviewRelease.objects.get()
    assert release.released_by == staff.user and release.on_behalf_of == mentor.user
    assert len(mail.outbox) == 1
    entry = AuditEntry.objects.filter(action="release").get()
    assert entry.actor == staff.user and "メンター 一郎" in entry.reason


def test_staff_return_on_behalf_is_recorded(world, mentor, staff, submission, criteria):
    mentor.post(url(submission), review_post(criteria, 0, "良", "良", feedback="下書き"))
    response = staff.post(
        url(submission),
        review_post(criteria, 1, "良", "良", action="return", revision_request="数字の根拠を"),
    )
    assert response.status_code == 302
    release = ReviewRelease.objects.get()
    assert (release.outcome, release.on_behalf_of) == ("returned", mentor.user)


def test_history_lists_every_change(world, mentor, staff, submission, criteria):
    mentor.post(url(submission), review_post(criteria, 0, "良", feedback="一回目"))
    mentor.post(url(submission), review_post(criteria, 1, "良", "優", action="release"))
    page = staff.get(reverse("review:history", args=[submission.pk]))
    assert page.status_code == 200
    assert [e["entry"].action for e in page.context["entries"]] == ["create", "release"]
    assert mentor.get(reverse("review:history", args=[submission.pk])).status_code == 404


def test_every_change_leaves_one_entry_with_before_and_after(mentor, submission, criteria):
    mentor.post(url(submission), review_post(criteria, 0, "良", "良"))
    mentor.post(
        url(submission),
        review_post(criteria, 1, "優", "良", adjustment="2", adjustment_reason="工夫"),
    )
    first, second = AuditEntry.objects.order_by("pk")
    assert first.before is None and first.after["points"] == "66.67"
    assert second.before["points"] == "66.67" and second.after["points"] == "85.33"
    assert second.actor == mentor.user


def test_released_points_survive_a_change_of_the_assignments_points(world, submission, criteria):
    released(world, submission, criteria, "優", "良")
    submission.assignment.points = 50
    submission.assignment.save()
    release = ReviewRelease.objects.get()
    assert (str(release.points), release.points_possible) == ("83.33", 100)


def test_trainees_never_see_drafts_notes_or_anothers_review(
    world, mentor, trainee, other_trainee, submission, criteria
):
    released(world, submission, criteria, "優", "良", feedback="<p>公開した講評</p>")
    mentor.post(
        url(submission),
        review_post(
            criteria, 1, "可", "可", feedback="訂正の下書き", private_note="内部メモの内容"
        ),
    )
    mine = trainee.get(reverse("coursework:submission_detail", args=[submission.pk])).content
    mine = mine.decode()
    assert "公開した講評" in mine and "訂正の下書き" not in mine and "内部メモの内容" not in mine
    theirs = other_trainee.get(reverse("coursework:submission_detail", args=[submission.pk]))
    assert theirs.status_code == 404
    assert other_trainee.get(url(submission)).status_code == 404
    assignment_page = trainee.get(
        reverse("coursework:assignment_detail", args=[submission.assignment_id])
    ).content.decode()
    assert "83.33 / 100" in assignment_page
