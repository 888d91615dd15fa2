"""The review queue: oldest waiting first, filters, counts per state, next in queue, and a
fixed number of queries at 3 and at 40 trainees × 60 assignments."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from cohorts.coursework.models import Assignment, Submission
from cohorts.models import Membership
from cohorts.review.models import Review
from tests.factories import MembershipFactory, UserFactory

from .conftest import review_post

pytestmark = pytest.mark.django_db

QUEUE = reverse("review:queue")


def school(world, trainees, assignments=60):
    """trainees paired with the world's mentor, each with a submitted attempt at every one of
    `assignments` assignments; one in five reviewed as a draft, one in five released."""
    mentor = world.memberships["mentor"]
    now = timezone.now()
    members = [world.memberships["trainee"]]
    for n in range(trainees - 1):
        user = UserFactory(email=f"q{n}@example.com", display_name=f"受講生 {n}")
        members.append(MembershipFactory(cohort=world.cohort, user=user, mentors=[mentor]))
    tasks = Assignment.objects.bulk_create(
        Assignment(cohort=world.cohort, title=f"課題{n}", due_at=now + timedelta(days=n))
        for n in range(assignments)
    )
    rows = Submission.objects.bulk_create(
        Submission(
            assignment=task,
            membership=member,
            attempt=1,
            status="submitted",
            submitted_at=now - timedelta(minutes=i * len(tasks) + j),
            is_late=(i + j) % 7 == 0,
            text="<p>回答</p>",
        )
        for i, member in enumerate(members)
        for j, task in enumerate(tasks)
    )
    Review.objects.bulk_create(
        Review(
            submission=row,
            state="draft" if n % 5 == 1 else "released",
            author=world.users["mentor"],
            version=1,
        )
        for n, row in enumerate(rows)
        if n % 5 in (1, 2)
    )
    return rows


@pytest.mark.slow
@pytest.mark.parametrize("trainees", [3, 40])
def test_queue_queries_do_not_grow(world, mentor, trainees, django_assert_num_queries):
    rows = school(world, trainees)
    with django_assert_num_queries(9):
        response = mentor.get(QUEUE)
    assert response.status_code == 200
    counts = response.context["counts"]
    assert sum(counts.values()) == len(rows)
    assert counts["released"] == counts["draft"] == len(rows) // 5
    with django_assert_num_queries(9):
        assert mentor.get(QUEUE, {"state": "all", "late": "1", "page": "2"}).status_code == 200


def test_oldest_waiting_first_and_filters(world, mentor, other_mentor, submission, criteria):
    response = mentor.get(QUEUE)
    rows = list(response.context["page"].object_list)
    assert [r.pk for r in rows] == [submission.pk]
    assert response.context["counts"]["to_review"] == 1
    assert list(other_mentor.get(QUEUE).context["page"].object_list) == []
    mentor.post(
        reverse("review:review_detail", args=[submission.pk]),
        review_post(criteria, 0, "優", feedback="途中"),
    )
    counts = mentor.get(QUEUE).context["counts"]
    assert (counts["to_review"], counts["draft"]) == (0, 1)
    assert len(mentor.get(QUEUE, {"state": "released"}).context["page"].object_list) == 0
    assert len(mentor.get(QUEUE, {"late": "1"}).context["page"].object_list) == 0  # on time
    other = world.other_cohort.pk
    assert len(mentor.get(QUEUE, {"cohort": other}).context["page"].object_list) == 1  # ignored


def test_next_in_queue_from_the_review_page(world, mentor, assignment, criteria):
    from tests.factories import submitted_attempt

    second = MembershipFactory(cohort=world.cohort, mentors=[world.memberships["mentor"]])
    first = submitted_attempt(assignment, world.memberships["trainee"], key="a")
    later = submitted_attempt(assignment, second, key="b")
    page = mentor.get(reverse("review:review_detail", args=[first.pk]))
    assert page.context["next_pk"] == later.pk
    response = mentor.post(
        reverse("review:review_detail", args=[first.pk]),
        review_post(criteria, 0, "優", "優", action="release", then="next"),
    )
    assert response.url == reverse("review:review_detail", args=[later.pk])


def test_trainees_and_strangers_have_no_queue(trainee, anonymous):
    assert trainee.get(QUEUE).status_code == 404
    assert anonymous.get(QUEUE).status_code == 302


def test_reassigned_work_moves_to_the_other_mentors_queue(
    world, staff, mentor, other_mentor, submission
):
    other = world.memberships["other_mentor"]
    response = staff.post(
        reverse("review:reassign", args=[submission.pk]), {"mentor": other.pk, "reason": "休暇"}
    )
    assert response.status_code == 302
    assert Review.objects.get().assigned_to == other
    assert list(mentor.get(QUEUE).context["page"].object_list) == []
    assert [s.pk for s in other_mentor.get(QUEUE).context["page"].object_list] == [submission.pk]
    assert (
        other_mentor.get(reverse("review:review_detail", args=[submission.pk])).status_code == 200
    )
    assert Membership.objects.paired_with(world.users["other_mentor"]).count() == 1
