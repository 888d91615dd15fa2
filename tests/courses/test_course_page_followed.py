"""A course page shows a mentor their trainees' progress (lessons done / total, per trainee)
and staff every trainee of the course's running cohorts, instead of the reader's own
「0 / 14」; a trainee still sees their own. A fixed number of queries whatever the number of
trainees or lessons."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from courses import services
from tests.conftest import client_for
from tests.factories import (
    CohortFactory,
    MembershipFactory,
    StaffFactory,
    UserFactory,
    build_course,
)

pytestmark = pytest.mark.django_db


def school(trainees=2, modules=2, lessons_per_module=3):
    course, lessons = build_course(modules=modules, lessons_per_module=lessons_per_module)
    cohort = CohortFactory(course=course)
    mentor = MembershipFactory(cohort=cohort, role="mentor")
    other_mentor = MembershipFactory(cohort=cohort, role="mentor")
    mine = []
    for n in range(trainees):
        membership = MembershipFactory(
            cohort=cohort,
            user=UserFactory(display_name=f"受講生 {n:02d}"),
            mentors=[mentor],
        )
        for lesson in lessons[: n + 1]:
            services.mark_done(membership.user, lesson)
        mine.append(membership)
    theirs = MembershipFactory(
        cohort=cohort, user=UserFactory(display_name="別の 受講生"), mentors=[other_mentor]
    )
    return course, lessons, mentor, mine, theirs


def test_a_mentor_sees_their_trainees_not_their_own_progress():
    course, lessons, mentor, mine, theirs = school()
    body = client_for(mentor.user).get(course.url).content.decode()
    assert "担当の受講生の進み具合" in body
    assert f"1 / {len(lessons)}レッスン完了" in body and f"2 / {len(lessons)}レッスン完了" in body
    assert reverse("reports:trainee", args=[mine[0].pk]) in body
    assert "別の 受講生" not in body
    assert 'class="lesson-progress"' not in body  # the mentor's own 0 / 6 is gone


def test_staff_see_a_summary_per_cohort_with_the_progress_report_link():
    course, lessons, _mentor, mine, theirs = school()
    body = client_for(StaffFactory()).get(course.url).content.decode()
    # three trainees with 1, 2 and 0 lessons done: 1.0 on average, nobody finished
    assert "受講生の進み具合" in body and "受講生3人" in body
    assert f"平均 1.0 / {len(lessons)}レッスン完了" in body and "全レッスン完了" not in body
    assert "別の 受講生" not in body  # a summary, not every name
    assert reverse("reports:progress", args=[mine[0].cohort_id]) in body
    assert 'class="lesson-progress"' not in body


def test_a_trainee_sees_their_own_progress_and_no_one_elses():
    course, lessons, _mentor, mine, theirs = school()
    body = client_for(mine[1].user).get(course.url).content.decode()
    assert 'class="lesson-progress"' in body and f"2 / {len(lessons)}" in body
    assert "followed-progress" not in body and "受講生 00" not in body


def test_a_mentor_without_trainees_in_this_course_is_told_so():
    course, _lessons, _mentor, _mine, _theirs = school()
    elsewhere = MembershipFactory(cohort=CohortFactory(), role="mentor")
    body = client_for(elsewhere.user).get(course.url).content.decode()
    assert "このコースを受講している担当の受講生はいません。" in body
    assert 'class="lesson-progress"' not in body


@pytest.mark.slow
def test_queries_do_not_grow_with_trainees_or_lessons():
    counts = set()
    for trainees, modules, per_module in ((2, 2, 3), (12, 6, 10)):
        course, _lessons, mentor, mine, _theirs = school(trainees, modules, per_module)
        for user in (mentor.user, StaffFactory()):
            client = client_for(user)
            client.get(course.url)  # warm: the route and the course structure are cached
            with CaptureQueriesContext(connection) as queries:
                response = client.get(course.url)
            assert response.status_code == 200
            counts.add((user.is_staff, len(queries)))
    assert len(counts) == 2, counts  # one count for mentors, one for staff, at both sizes
