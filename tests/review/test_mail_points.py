"""The release e-mail shows points as people write them (100, 72.5), never as 1E+2."""

import pytest
from django.core import mail

from cohorts.review.services.reviews import Changes, save_review

from .conftest import levels

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("titles", "shown"), [(("優", "優"), "100 / 100"), (("優", "可"), "66.67 / 100")]
)
def test_the_release_mail_shows_plain_points(
    world, submission, criteria, titles, shown, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        save_review(
            world.users["mentor"],
            submission,
            based_on=0,
            changes=Changes(levels=levels(criteria, *titles), feedback="<p>よい</p>"),
            action="release",
        )
    (message,) = mail.outbox
    assert shown in message.body
    assert "E+" not in message.body
