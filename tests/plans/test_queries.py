"""The plan pages answer in a fixed number of queries, whatever the number of sections,
versions, comments, snapshots or trainees."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from cohorts.coursework.models import Submission
from cohorts.plans.models import Plan, PlanHeading, PlanSnapshot
from cohorts.plans.services.comments import add_comment
from cohorts.plans.services.plans import plan_for, save_section, sections_of
from cohorts.plans.services.snapshots import submit_plan
from tests.factories import AssignmentFactory, MembershipFactory

pytestmark = pytest.mark.django_db


def grow(world, headings, versions, comments, snapshots):
    """trainee's plan with `headings` course titles, each written `versions` times, with
    `comments` open comments per section and `snapshots` milestones handed in."""
    course = world.objects["course"]
    PlanHeading.objects.bulk_create(
        [PlanHeading(course=course, position=n, title=f"項目{n}") for n in range(headings)]
    )
    membership = world.memberships["trainee"]
    sections = sections_of(plan_for(membership))
    for section in sections:
        for n in range(versions):
            version, _ = save_section(membership.user, section, body=f"第{n + 1}版", based_on=n)
        for n in range(comments):
            add_comment(world.users["mentor"], section, version=version, body=f"コメント{n}")
    assignment = AssignmentFactory(
        cohort=world.cohort, asks_for_plan=True, parts="text", max_attempts=None
    )
    for n in range(snapshots):
        submit_plan(membership.user, assignment, membership, key=f"s{n}")
    for model in (Plan, PlanSnapshot, Submission):  # the content types the log names, cached
        ContentType.objects.get_for_model(model)
    return sections[0]


SIZES = [(2, 1, 1, 1), (9, 4, 3, 3)]


@pytest.mark.parametrize("size", SIZES)
def test_plan_page_as_the_trainee(world, trainee, size, django_assert_num_queries):
    grow(world, *size)
    url = reverse("plans:plan_detail", args=[world.memberships["trainee"].pk])
    with django_assert_num_queries(10):
        assert trainee.get(url).status_code == 200


@pytest.mark.parametrize("size", SIZES)
def test_plan_page_as_the_mentor(world, mentor, size, django_assert_num_queries):
    grow(world, *size)
    url = reverse("plans:plan_detail", args=[world.memberships["trainee"].pk])
    with django_assert_num_queries(11):  # + the confidential log row
        assert mentor.get(url).status_code == 200


@pytest.mark.parametrize("size", SIZES)
def test_section_page_as_the_mentor(world, mentor, size, django_assert_num_queries):
    section = grow(world, *size)
    with django_assert_num_queries(8):
        assert mentor.get(reverse("plans:section_detail", args=[section.pk])).status_code == 200


@pytest.mark.parametrize("size", SIZES)
def test_history_and_compare_pages(world, trainee, size, django_assert_num_queries):
    section = grow(world, *size)
    with django_assert_num_queries(5):
        assert trainee.get(reverse("plans:section_history", args=[section.pk])).status_code == 200
    with django_assert_num_queries(5):
        assert trainee.get(reverse("plans:section_compare", args=[section.pk])).status_code == 200


@pytest.mark.parametrize("size", SIZES)
def test_snapshot_page(world, mentor, size, django_assert_num_queries):
    grow(world, *size)
    snapshot = world.memberships["trainee"].plan.snapshots.last()
    with django_assert_num_queries(9):
        assert mentor.get(reverse("plans:snapshot_detail", args=[snapshot.pk])).status_code == 200


@pytest.mark.parametrize("trainees", [2, 12])
def test_plan_list_for_staff(world, staff, trainees, django_assert_num_queries):
    for _ in range(trainees):
        MembershipFactory(cohort=world.cohort)
    ContentType.objects.get_for_model(Plan)
    with django_assert_num_queries(5):
        assert staff.get(reverse("plans:plan_list")).status_code == 200
