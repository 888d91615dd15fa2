"""Plan fixtures on the shared world (tests/world.py): mentor ↔ trainee, other_mentor ↔
other_trainee in one cohort. `section` is the first section (会社概要) of trainee's plan,
written twice by the trainee; `comment` is mentor's open comment on its version 2."""

import pytest

from cohorts.plans.services.comments import add_comment
from cohorts.plans.services.plans import plan_for, save_section, sections_of
from tests.factories import AssignmentFactory


def first_section(membership):
    return sections_of(plan_for(membership))[0]


def write(membership, section, *bodies):
    """Save bodies one after the other as membership's user; returns the last version."""
    version = None
    for body in bodies:
        current = section.versions.count()
        version, _created = save_section(membership.user, section, body=body, based_on=current)
    return version


@pytest.fixture
def section(world):
    trainee = world.memberships["trainee"]
    section = first_section(trainee)
    write(trainee, section, "創業1968年の金属加工業。", "創業1968年の金属加工業。従業員32名。")
    return section


@pytest.fixture
def comment(world, section):
    return add_comment(
        world.users["mentor"],
        section,
        version=section.versions.get(number=2),
        body="取引先の売上比率も書きましょう。",
    )


@pytest.fixture
def plan_assignment(world):
    return AssignmentFactory(
        cohort=world.cohort, asks_for_plan=True, parts="text", max_attempts=None
    )
