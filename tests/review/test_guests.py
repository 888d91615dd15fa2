"""Guest evaluators: invited by e-mail for their own criteria on one assignment, for named
trainees; they see only that (anything else is a 404); their scores go out with the mentor's."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from academy.models import AuditEntry
from cohorts.review.models import GuestEvaluator, Review, ReviewRelease
from tests.factories import AssignmentFactory, RubricFactory, submitted_attempt

from .conftest import review_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def invited(world, mentor, assignment, criteria, django_capture_on_commit_callbacks):
    """mentor invites a guest for criterion 2, for trainee only; returns the guest's client."""
    with django_capture_on_commit_callbacks(execute=True):
        response = mentor.post(
            reverse("review:guest_list", args=[assignment.pk]),
            {
                "email": "owner@example.com",
                "name": "現社長 山田",
                "language": "ja",
                "criteria": [criteria[1].pk],
                "trainees": [world.memberships["trainee"].pk],
            },
        )
    assert response.status_code == 302
    message = mail.outbox[-1]
    assert message.to == ["owner@example.com"]
    link = re.search(r"https?://\S+/review/guest/link/\S+/", message.body).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]
    client = Client()
    assert client.get(f"/{path}").status_code == 200  # a link checker's GET signs nobody in
    assert client.post(f"/{path}").status_code == 302
    client.guest = GuestEvaluator.objects.get()
    return client


def test_the_guest_scores_only_their_criterion(invited, submission, criteria):
    guest = invited.guest
    assert AuditEntry.objects.filter(action="invite").count() == 1
    home = invited.get(reverse("review:guest_home"))
    assert home.status_code == 200
    url = reverse("review:guest_score", args=[guest.pk, submission.pk])
    page = invited.get(url)
    assert page.status_code == 200
    assert "観点2" in page.content.decode() and "観点1" not in page.content.decode()
    first_level = criteria[0].levels.all()[0].pk
    their_level = criteria[1].levels.all()[1].pk
    response = invited.post(
        url,
        {
            "version": 0,
            f"criterion_{criteria[1].pk}": their_level,
            f"criterion_{criteria[0].pk}": first_level,
        },
    )
    assert response.status_code == 302
    scores = {s.criterion_id: s for s in Review.objects.get().scores.all()}
    assert list(scores) == [criteria[1].pk]  # the other criterion was ignored
    assert scores[criteria[1].pk].guest == guest


def test_mentor_cannot_change_the_guests_criterion_and_releases_with_it(
    invited, mentor, submission, criteria
):
    url = reverse("review:guest_score", args=[invited.guest.pk, submission.pk])
    invited.post(url, {"version": 0, f"criterion_{criteria[1].pk}": criteria[1].levels.all()[2].pk})
    review_url = reverse("review:review_detail", args=[submission.pk])
    page = mentor.get(review_url).content.decode()
    assert "現社長 山田" in page
    response = mentor.post(review_url, review_post(criteria, 1, "優", "優", action="release"))
    assert response.status_code == 302
    release = ReviewRelease.objects.get()
    assert [row["level"] for row in release.scores] == ["優", "可"]  # the guest's 可 stands


def test_release_waits_for_the_guests_criterion(invited, mentor, submission, criteria):
    review_url = reverse("review:review_detail", args=[submission.pk])
    response = mentor.post(review_url, review_post(criteria, 0, "優", action="release"))
    assert response.status_code == 400
    assert "観点2" in response.content.decode()


def test_guest_outside_their_assignment_or_trainees_gets_404(
    world, invited, assignment, submission
):
    guest = invited.guest
    others = submitted_attempt(assignment, world.memberships["other_trainee"], key="o")
    other_task = AssignmentFactory(cohort=world.cohort, rubric=RubricFactory())
    elsewhere = submitted_attempt(other_task, world.memberships["trainee"], key="e")
    for pk in (others.pk, elsewhere.pk):
        assert invited.get(reverse("review:guest_score", args=[guest.pk, pk])).status_code == 404
    assert invited.get(reverse("review:review_detail", args=[submission.pk])).status_code == 404
    assert invited.get(reverse("review:queue")).status_code == 404
    assert (
        invited.get(reverse("coursework:submission_detail", args=[submission.pk])).status_code
        == 404
    )


def test_a_withdrawn_guest_sees_nothing(mentor, invited, submission):
    guest = invited.guest
    assert mentor.post(reverse("review:guest_revoke", args=[guest.pk])).status_code == 302
    url = reverse("review:guest_score", args=[guest.pk, submission.pk])
    assert invited.get(url).status_code == 404
    assert invited.get(reverse("review:guest_home")).status_code == 404


def test_a_link_never_signs_in_an_account_with_a_password(world, assignment):
    """Inviting a mentor's (or staff member's) address must not mint a sign-in link for them."""
    from datetime import timedelta

    from django.utils import timezone

    from cohorts.review.services.guests import hash_token

    GuestEvaluator.objects.create(
        assignment=assignment,
        user=world.users["other_mentor"],
        token_hash=hash_token("has-a-password"),
        expires_at=timezone.now() + timedelta(days=1),
    )
    client = Client()
    response = client.post(reverse("review:guest_link", args=["has-a-password"]))
    assert response.status_code == 302 and "/accounts/login/" in response.url
    assert "_auth_user_id" not in client.session


def test_mentor_cannot_invite_for_another_mentors_trainee(world, mentor, assignment, criteria):
    response = mentor.post(
        reverse("review:guest_list", args=[assignment.pk]),
        {
            "email": "x@example.com",
            "name": "x",
            "language": "ja",
            "criteria": [criteria[0].pk],
            "trainees": [world.memberships["other_trainee"].pk],
        },
    )
    assert response.status_code == 400
    assert not GuestEvaluator.objects.exists()
