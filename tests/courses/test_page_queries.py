"""Wagtail performance: the course page and the seminar index run a fixed number of queries."""

import pytest

from tests.factories import (
    SeminarPageFactory,
    SeminarRegistrationFactory,
    build_course,
    seminar_index,
)

pytestmark = pytest.mark.django_db


@pytest.mark.slow
@pytest.mark.parametrize("who", ["anonymous", "staff"])
def test_course_page_queries_do_not_grow_with_lessons(who, request, django_assert_num_queries):
    client = request.getfixturevalue(who)
    small, _ = build_course(modules=2, lessons_per_module=3, slug="small")
    large, _ = build_course(modules=6, lessons_per_module=10, slug="large")  # 60 lessons
    client.get(small.url)  # warm caches shared by every request (site root paths)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small_queries:
        assert client.get(small.url).status_code == 200
    with django_assert_num_queries(len(small_queries)):
        response = client.get(large.url)
    assert response.status_code == 200
    assert response.content.decode().count("レッスン 6-") == 10


@pytest.mark.slow
def test_seminar_index_queries_do_not_grow_with_seminars(
    anonymous, django_assert_num_queries, settings, tmp_path
):
    """50 seminars, each with an image and registrations: renditions are prefetched."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
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
