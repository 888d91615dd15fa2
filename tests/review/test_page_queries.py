"""The review page and the trainee's feedback pages answer in a fixed number of queries,
whatever the number of earlier attempts and published versions."""

import pytest
from django.urls import reverse

from cohorts.review.services.reviews import Changes, save_review
from tests.factories import AssignmentFactory, RubricFactory, submitted_attempt

from .conftest import levels

pytestmark = pytest.mark.django_db


def returned_chain(world, criteria_count, attempts):
    """attempts of trainee, each returned for revision but the last; returns the last."""
    assignment = AssignmentFactory(
        cohort=world.cohort, rubric=RubricFactory(criteria=criteria_count), max_attempts=None
    )
    from cohorts.review.services.reviews import criteria_of

    criteria = criteria_of(assignment)
    for n in range(attempts):
        attempt = submitted_attempt(assignment, world.memberships["trainee"], key=f"k{n}")
        if n < attempts - 1:
            save_review(
                world.users["mentor"],
                attempt,
                based_on=0,
                changes=Changes(
                    levels=levels(criteria, *["可"] * criteria_count),
                    feedback=f"第{n + 1}回の講評",
                    revision_request="直してください",
                ),
                action="return",
            )
    return attempt


@pytest.mark.parametrize(("criteria", "attempts"), [(2, 2), (5, 6)])
def test_review_page_queries(
    world, mentor, private_root, criteria, attempts, django_assert_num_queries
):
    last = returned_chain(world, criteria, attempts)
    with django_assert_num_queries(21):
        assert mentor.get(reverse("review:review_detail", args=[last.pk])).status_code == 200


@pytest.mark.parametrize(("criteria", "attempts"), [(2, 2), (5, 6)])
def test_trainee_assignment_page_queries(
    world, trainee, private_root, criteria, attempts, django_assert_num_queries
):
    last = returned_chain(world, criteria, attempts)
    with django_assert_num_queries(17):  # 16 + marking an announced assignment opened
        page = trainee.get(reverse("coursework:assignment_detail", args=[last.assignment_id]))
    assert page.status_code == 200
