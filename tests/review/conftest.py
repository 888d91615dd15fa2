"""Review fixtures on the shared world (tests/world.py): mentor ↔ trainee, other_mentor ↔
other_trainee in one cohort; an assignment of 100 points with a rubric of two criteria
(優 3, 良 2, 可 1 each: 6 points in all), and trainee's first submitted attempt."""

import pytest
from django.core import mail

from cohorts.review.services.reviews import Changes, criteria_of, save_review
from tests.factories import AssignmentFactory, RubricFactory, submitted_attempt


@pytest.fixture
def private_root(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings.PRIVATE_MEDIA_ROOT


@pytest.fixture
def assignment(world, private_root):
    return AssignmentFactory(
        cohort=world.cohort, rubric=RubricFactory(), points=100, max_attempts=3
    )


@pytest.fixture
def criteria(assignment):
    return criteria_of(assignment)


@pytest.fixture
def submission(world, assignment):
    return submitted_attempt(assignment, world.memberships["trainee"], key="t1")


def levels(criteria, *titles):
    """{criterion pk: level pk} choosing the level titled titles[i] for criterion i."""
    chosen = {}
    for criterion, title in zip(criteria, titles, strict=False):
        chosen[criterion.pk] = next(lv.pk for lv in criterion.levels.all() if lv.title == title)
    return chosen


def review_post(criteria, version, *titles, action="save", **fields):
    data = {"version": version, "action": action, "adjustment": "0"}
    for criterion, level in levels(criteria, *titles).items():
        data[f"criterion_{criterion}"] = level
    data.update(fields)
    return data


def released(world, submission, criteria, *titles, feedback="<p>よくできました</p>"):
    """A review of submission released by the world's mentor; returns it."""
    review = save_review(
        world.users["mentor"],
        submission,
        based_on=0,
        changes=Changes(levels=levels(criteria, *titles), feedback=feedback),
        action="release",
    )
    mail.outbox.clear()
    return review
