"""Two clicks at once: the same release or return posted twice publishes once, mails once."""

import pytest
from django.core import mail
from django.urls import reverse

from cohorts.review.models import ReviewRelease
from tests.conftest import client_for

from .conftest import review_post

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("action", ["release", "return"])
def test_a_double_click_publishes_once(
    world, submission, criteria, action, django_capture_on_commit_callbacks
):
    client = client_for(world.users["mentor"])
    url = reverse("review:review_detail", args=[submission.pk])
    data = review_post(
        criteria, 0, "優", "良", action=action, feedback="<p>よい</p>", revision_request="表を直す"
    )
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(url, data)
        second = client.post(url, data)  # the same form, the same version: a second click
    assert first.status_code == 302
    assert second.status_code == 302
    assert ReviewRelease.objects.filter(review__submission=submission).count() == 1
    assert len(mail.outbox) == 1
