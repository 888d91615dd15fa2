"""Who may read a lesson: staff and the cohorts following its course; 404 for anyone else."""

import pytest

from tests.conftest import client_for
from tests.factories import (
    UserFactory,
    build_course,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def course_and_lessons():
    return build_course(modules=2, lessons_per_module=2)


def test_anonymous_sign_in_first_and_signed_in_strangers_get_404(anonymous, course_and_lessons):
    _, lessons = course_and_lessons
    response = anonymous.get(lessons[0].url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    response = client_for(UserFactory()).get(lessons[0].url)
    assert response.status_code == 404
    assert "本文 1-1" not in response.content.decode()


def test_staff_read_a_lesson(staff, course_and_lessons):
    course, lessons = course_and_lessons
    response = staff.get(lessons[0].url)
    assert response.status_code == 200
    body = response.content.decode()
    assert "本文 1-1" in body
    assert response["Cache-Control"] == "private, no-store"
    assert lessons[1].url in body  # next lesson link
    assert course.url in body


def test_course_page_is_public_and_lists_the_syllabus_without_links(anonymous, course_and_lessons):
    course, lessons = course_and_lessons
    response = anonymous.get(course.url)
    assert response.status_code == 200
    body = response.content.decode()
    for lesson in lessons:
        assert lesson.title in body
        assert f'href="{lesson.url}"' not in body


def test_course_page_links_lessons_for_staff(staff, course_and_lessons):
    course, lessons = course_and_lessons
    body = staff.get(course.url).content.decode()
    for lesson in lessons:
        assert f'href="{lesson.url}"' in body


def test_module_page_is_public(anonymous, course_and_lessons):
    _, lessons = course_and_lessons
    module = lessons[0].get_parent()
    response = anonymous.get(module.url)
    assert response.status_code == 200
    assert lessons[0].title in response.content.decode()


def test_unpublished_lesson_is_404_even_for_staff(staff, course_and_lessons):
    _, lessons = course_and_lessons
    lessons[0].unpublish()
    assert staff.get(lessons[0].url).status_code == 404


# Lesson access for every role (the rules live in cohorts/access.py) -------------------------

ROLE_STATUS = {
    "anonymous": 302,  # the sign-in page first
    "trainee": 200,
    "other_trainee": 200,
    "trainee_other_cohort": 404,
    "mentor": 200,
    "other_mentor": 200,
    "staff": 200,
}


@pytest.mark.parametrize(("role", "status"), ROLE_STATUS.items())
def test_lesson_access_for_every_role(request, world, role, status):
    client = request.getfixturevalue(role)
    lesson = world.lesson
    assert client.get(lesson.url).status_code == status
    course_page = client.get(world.course.url)
    assert course_page.status_code == 200  # the syllabus is public
    body = course_page.content.decode()
    assert lesson.title in body
    assert (f'href="{lesson.url}"' in body) == (status == 200)


def test_a_deactivated_membership_closes_the_lessons(world, trainee):
    assert trainee.get(world.lesson.url).status_code == 200
    membership = world.memberships["trainee"]
    membership.is_active = False
    membership.save()
    assert trainee.get(world.lesson.url).status_code == 404
