"""Wagtail performance: course, module and lesson pages run a fixed, small number of queries.

Counted with the test settings' database sessions (one query for the session; production's
cached_db sessions read it from the cache). Warm means a second visit: the route hint and the
course structure (the same for every visitor) are cached; the person's access and progress
never are. A 60-lesson course costs what a 6-lesson one does.
"""

import inspect

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction

from courses import services
from tests.conftest import client_for
from tests.factories import (
    CohortFactory,
    MembershipFactory,
    SeminarPageFactory,
    SeminarRegistrationFactory,
    StaffFactory,
    build_course,
    seminar_index,
)

pytestmark = pytest.mark.django_db

# session, user, the page (one query by URL path), its view restrictions (one query for it
# and its ancestors), this person's lessons with a done flag (the access rules, asked once
# for both the access check and the outline), role for the header. The site with its root
# page and the course structure come from the cache once warm.
SIGNED_IN_PAGE_QUERIES = 6
# no session, user, progress or role to read
ANONYMOUS_COURSE_QUERIES = 2


def count(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        assert response.status_code == 200, url
    return len(queries), response


def enrolled_trainee(course):
    membership = MembershipFactory(cohort=CohortFactory(course=course))
    return client_for(membership.user)


@pytest.fixture
def two_sizes():
    small = build_course(modules=2, lessons_per_module=3, slug="small")
    large = build_course(modules=6, lessons_per_module=10, slug="large")  # 60 lessons
    return small, large


@pytest.mark.slow
def test_lesson_and_course_pages_for_a_trainee_at_two_sizes(two_sizes):
    counts = {}
    for course, lessons in two_sizes:
        client = enrolled_trainee(course)
        for lesson in lessons[: len(lessons) // 2]:
            services.mark_done(client.user, lesson)
        for name, url in (("course", course.url), ("lesson", lessons[1].url)):
            cold, _ = count(client, url)
            warm, response = count(client, url)
            # first visit only: the site and its root page, site root paths, the route hint,
            # the course structure, the session remembering the person's language
            assert cold <= warm + 8
            counts[(name, len(lessons))] = warm
        body = response.content.decode()
        assert f"{len(lessons) // 2} / {len(lessons)}" in body  # progress
        assert 'rel="prev"' in body and 'rel="next"' in body  # previous / next
        assert "Mark as not done" in body or "完了を取り消す" in body or "未完了" in body
    assert counts == {
        ("course", 6): SIGNED_IN_PAGE_QUERIES,
        ("lesson", 6): SIGNED_IN_PAGE_QUERIES,
        ("course", 60): SIGNED_IN_PAGE_QUERIES,
        ("lesson", 60): SIGNED_IN_PAGE_QUERIES,
    }


@pytest.mark.slow
@pytest.mark.parametrize("who", ["anonymous", "staff"])
def test_course_and_module_pages_at_two_sizes(who, request, two_sizes):
    client = request.getfixturevalue(who)
    expected = ANONYMOUS_COURSE_QUERIES if who == "anonymous" else SIGNED_IN_PAGE_QUERIES - 1
    for course, lessons in two_sizes:
        module = lessons[-1].get_parent()
        for url in (module.url, course.url):
            count(client, url)
            warm, response = count(client, url)
            # staff's course page asks which trainees they follow there instead of their own
            # progress (tests/courses/test_course_page_followed.py): one query, none here
            followed = 1 if who == "staff" and url == course.url else 0
            assert warm == expected + followed, url
    assert response.content.decode().count("レッスン 6-") == 10
    assert response.content.decode().count("レッスン 1-") == 10


@pytest.mark.slow
def test_a_lesson_page_as_staff_and_outside_the_course(two_sizes):
    (course, lessons), (large, _) = two_sizes
    staff = client_for(StaffFactory())
    count(staff, lessons[0].url)
    assert count(staff, lessons[0].url)[0] == SIGNED_IN_PAGE_QUERIES - 1  # no role to look up
    outsider = enrolled_trainee(large)  # follows the other course
    assert outsider.get(lessons[0].url).status_code == 404


def test_no_stale_completion_and_no_one_elses_state():
    """Progress is read per person and per request: never from a cache."""
    course, lessons = build_course(modules=1, lessons_per_module=3)
    cohort = CohortFactory(course=course)
    first = client_for(MembershipFactory(cohort=cohort).user)
    second = client_for(MembershipFactory(cohort=cohort).user)
    assert "0 / 3" in first.get(lessons[0].url).text
    assert first.post(f"/lesson-progress/{lessons[0].pk}/done/").status_code == 302
    services.mark_done(first.user, lessons[1])
    assert "2 / 3" in first.get(lessons[0].url).text
    assert "0 / 3" in second.get(lessons[0].url).text
    services.mark_not_done(first.user, lessons[1])
    assert "1 / 3" in first.get(course.url).text


def test_publishing_refreshes_the_cached_outline(staff, django_capture_on_commit_callbacks):
    course, lessons = build_course(modules=1, lessons_per_module=2)
    assert "レッスン 1-2" in staff.get(course.url).text
    lesson = lessons[1]
    lesson.title = "改題したレッスン"
    with django_capture_on_commit_callbacks(execute=True):
        lesson.save_revision().publish()
    assert "改題したレッスン" in staff.get(course.url).text
    with django_capture_on_commit_callbacks(execute=True):
        lesson.unpublish()
    body = staff.get(course.url).text
    assert "改題したレッスン" not in body


def test_a_private_module_leaves_the_syllabus(staff, django_capture_on_commit_callbacks):
    course, lessons = build_course(modules=2, lessons_per_module=1)
    module = lessons[1].get_parent()
    assert "第2章" in staff.get(course.url).text
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=module, restriction_type="login")
    assert "第2章" not in staff.get(course.url).text


def test_a_moved_or_renamed_page_is_not_served_from_a_stale_route(staff):
    course, lessons = build_course(modules=1, lessons_per_module=1)
    old_url = lessons[0].url
    assert staff.get(old_url).status_code == 200  # the route hint is cached now
    lesson = lessons[0]
    lesson.slug = "renamed"
    lesson.save_revision().publish()
    lesson.refresh_from_db()
    assert staff.get(old_url).status_code == 404
    assert staff.get(lesson.url).status_code == 200


def test_no_page_type_with_children_overrides_routing():
    """The one-query routing (courses/models/fast_pages.py) finds the page Wagtail's walk
    would find only while no page that has children routes its own sub-paths."""
    for model in apps.get_models():
        if issubclass(model, Page) and model is not Page and model.allowed_subpage_models():
            if model._meta.label == "courses.HomePage":
                continue  # the root, whose route is the one-query one
            assert inspect.getattr_static(model, "route") is inspect.getattr_static(
                Page, "route"
            ), model


@pytest.mark.slow
def test_seminar_index_queries_do_not_grow_with_seminars(
    anonymous, django_assert_num_queries, settings, tmp_path
):
    """50 seminars, each with an image and registrations: renditions are prefetched."""
    from wagtail_factories import ImageFactory

    settings.MEDIA_ROOT = str(tmp_path)
    index = seminar_index()

    def add(count):
        for _ in range(count):
            seminar = SeminarPageFactory(parent=index, image=ImageFactory())
            SeminarRegistrationFactory(seminar=seminar)
        anonymous.get(index.url)  # first view makes the new renditions

    add(5)
    with CaptureQueriesContext(connection) as five:
        assert anonymous.get(index.url).status_code == 200
    expected = len(five)  # read now: the query log is a bounded deque
    add(45)
    with django_assert_num_queries(expected):
        response = anonymous.get(index.url)
    body = response.content.decode()
    assert body.count('class="card seminar-card"') == 50
    assert body.count('class="card-image"') == 50
