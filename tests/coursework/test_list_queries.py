"""Lists that grow with the school are bounded: a page at a time, a fixed number of queries.

Each list is counted at two sizes (the same count), and shows one page of rows, a summary and
links to the next page.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cohorts.coursework.views.assignments import ASSIGNMENTS_PER_PAGE, TRAINEES_PER_PAGE
from tests.factories import (
    AssignmentFactory,
    CohortFactory,
    ExtensionFactory,
    MembershipFactory,
    submitted_attempt,
)

pytestmark = pytest.mark.django_db


def measured(client, url):
    client.get(url)  # warm what every request shares (site root paths)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def add_trainees(assignment, count, start):
    for number in range(start, start + count):
        membership = MembershipFactory(cohort=assignment.cohort)
        if number % 2:
            submitted_attempt(assignment, membership, key=f"t{number}")
        if number % 5 == 0:
            ExtensionFactory(assignment=assignment, membership=membership)


@pytest.mark.slow
def test_the_staff_assignment_page_shows_one_page_of_trainees_at_two_sizes(staff, world):
    assignment = AssignmentFactory(cohort=world.cohort)
    url = reverse("coursework:assignment_detail", args=[assignment.pk])
    add_trainees(assignment, 4, 0)
    small, html = measured(staff, url)
    assert 'rel="next"' not in html
    add_trainees(assignment, TRAINEES_PER_PAGE + 10, 4)
    large, html = measured(staff, url)
    assert large == small
    assert html.count("<tr>") == TRAINEES_PER_PAGE + 1  # the header row and one page
    assert 'rel="next"' in html
    total = TRAINEES_PER_PAGE + 14 + 2  # + the world's two trainees
    assert f"/ {total}" in html or f"of {total}" in html or f"{total}人" in html
    second, html = measured(staff, url + "?page=2")
    assert second == small
    assert html.count("<tr>") == total - TRAINEES_PER_PAGE + 1


def test_the_staff_assignment_page_filters_trainees(staff, world):
    assignment = AssignmentFactory(cohort=world.cohort)
    url = reverse("coursework:assignment_detail", args=[assignment.pk])
    submitted_attempt(assignment, world.memberships["trainee"], key="x")
    trainee_name = world.users["trainee"].display_name
    other_name = world.users["other_trainee"].display_name
    handed = staff.get(url, {"state": "handed_in"}).content.decode()
    assert trainee_name in handed and other_name not in handed
    waiting = staff.get(url, {"state": "not_started"}).content.decode()
    assert trainee_name not in waiting and other_name in waiting
    found = staff.get(url, {"q": other_name[-2:]}).content.decode()
    assert other_name in found
    assert staff.get(url, {"state": "nonsense", "page": "x"}).status_code == 200


@pytest.mark.slow
@pytest.mark.parametrize("who", ["staff", "trainee"])
def test_the_assignment_list_shows_one_page_at_two_sizes(who, request, world):
    client = request.getfixturevalue(who)
    url = reverse("coursework:assignment_list")
    for _ in range(3):
        AssignmentFactory(cohort=world.cohort)
    small, html = measured(client, url)
    assert html.count('class="card"') == 3
    for number in range(ASSIGNMENTS_PER_PAGE + 5):
        assignment = AssignmentFactory(cohort=world.cohort)
        if number % 2:
            submitted_attempt(assignment, world.memberships["trainee"], key=f"a{number}")
    large, html = measured(client, url)
    assert large == small
    assert html.count('class="card"') == ASSIGNMENTS_PER_PAGE
    assert 'rel="next"' in html
    _, html = measured(client, url + "?page=2")
    assert html.count('class="card"') == 8


def test_the_assignment_list_filters_by_cohort(staff, world):
    AssignmentFactory(cohort=world.cohort, title="第一期の課題")
    AssignmentFactory(cohort=world.other_cohort, title="実践期の課題")
    html = staff.get(reverse("coursework:assignment_list"), {"cohort": world.other_cohort.pk}).text
    assert "実践期の課題" in html and "第一期の課題" not in html
    everything = staff.get(reverse("coursework:assignment_list"), {"cohort": "999999"}).text
    assert "実践期の課題" in everything and "第一期の課題" in everything


@pytest.mark.slow
@pytest.mark.parametrize(
    "index",
    ["coursework_assignment:index", "coursework_extension:index"],
    ids=["assignments", "extensions"],
)
def test_admin_listings_join_what_each_row_shows(index, staff, world):
    url = reverse(index)

    def add(count):
        for _ in range(count):
            assignment = AssignmentFactory(cohort=CohortFactory(course=world.cohort.course))
            ExtensionFactory(
                assignment=assignment, membership=MembershipFactory(cohort=assignment.cohort)
            )

    add(2)
    small, _ = measured(staff, url)
    add(18)
    large, _ = measured(staff, url)
    assert large == small
