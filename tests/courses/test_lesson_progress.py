"""Lesson progress: mark done and undo, counts on course and lesson pages, navigation."""

import pytest
from django.db import IntegrityError
from django.urls import reverse

from courses import services
from courses.models import LessonProgress
from courses.outline import CourseOutline
from tests.conftest import client_for
from tests.factories import UserFactory, build_course

pytestmark = pytest.mark.django_db


@pytest.fixture
def course_and_lessons():
    return build_course(modules=2, lessons_per_module=3)


def done_url(lesson):
    return reverse("courses:lesson_done", args=[lesson.pk])


def undo_url(lesson):
    return reverse("courses:lesson_undo", args=[lesson.pk])


def test_marking_a_lesson_done_and_undoing_it(staff, course_and_lessons):
    _, lessons = course_and_lessons
    lesson = lessons[1]
    response = staff.post(done_url(lesson))
    assert response.status_code == 302
    assert response["Location"] == lesson.url
    progress = LessonProgress.objects.get()
    assert (progress.user, progress.lesson_id) == (staff.user, lesson.pk)
    assert progress.completed_at is not None

    staff.post(done_url(lesson))  # twice is harmless and keeps the first date
    assert LessonProgress.objects.get().completed_at == progress.completed_at

    staff.post(undo_url(lesson))
    assert not LessonProgress.objects.exists()
    assert staff.post(undo_url(lesson)).status_code == 302  # undoing twice is harmless too


def test_progress_is_unique_per_person_and_lesson(course_and_lessons):
    _, lessons = course_and_lessons
    user = UserFactory()
    services.mark_done(user, lessons[0])
    with pytest.raises(IntegrityError):
        LessonProgress.objects.create(
            user=user, lesson=lessons[0], completed_at=lessons[0].first_published_at
        )


def test_get_is_405_and_changes_nothing(staff, course_and_lessons):
    _, lessons = course_and_lessons
    assert staff.get(done_url(lessons[0])).status_code == 405
    assert staff.get(undo_url(lessons[0])).status_code == 405
    assert not LessonProgress.objects.exists()


def test_people_who_cannot_read_the_lesson_get_404(anonymous, course_and_lessons):
    _, lessons = course_and_lessons
    stranger = client_for(UserFactory())
    for client in (anonymous, stranger):
        assert client.post(done_url(lessons[0])).status_code == 404
    assert stranger.post(reverse("courses:lesson_done", args=[999999])).status_code == 404
    assert not LessonProgress.objects.exists()


def test_the_course_and_lesson_pages_show_progress(staff, course_and_lessons):
    course, lessons = course_and_lessons
    for lesson in lessons[:2]:
        services.mark_done(staff.user, lesson)
    course_body = staff.get(course.url).content.decode()
    # the course page shows staff their trainees' progress, not their own
    # (tests/courses/test_course_page_followed.py); the lesson pages keep their own
    assert "followed-progress" in course_body and "2 / 6" not in course_body
    lesson_body = staff.get(lessons[2].url).content.decode()
    assert "2 / 6" in lesson_body
    assert undo_url(lessons[2]) not in lesson_body
    assert done_url(lessons[2]) in lesson_body
    assert undo_url(lessons[0]) in staff.get(lessons[0].url).content.decode()


def test_previous_and_next_follow_the_tree_order_across_modules(staff, course_and_lessons):
    _, lessons = course_and_lessons
    outline = CourseOutline(lessons[0].specific.course, staff.user)
    assert [lesson.pk for lesson in outline.opened_lessons] == [lesson.pk for lesson in lessons]
    previous, following = outline.neighbours(lessons[2])
    assert (previous.pk, following.pk) == (lessons[1].pk, lessons[3].pk)  # into module 2
    assert outline.neighbours(lessons[0])[0] is None
    assert outline.neighbours(lessons[-1])[1] is None
    body = staff.get(lessons[3].url).content.decode()
    assert f'rel="prev" href="{lessons[2].url}"' in body
    assert f'rel="next" href="{lessons[4].url}"' in body


def test_reordering_lessons_changes_the_navigation(staff, course_and_lessons):
    _, lessons = course_and_lessons
    lessons[2].move(lessons[0], pos="left")  # the third lesson becomes the first
    body = staff.get(lessons[0].url).content.decode()
    lessons[2].refresh_from_db()
    assert f'rel="prev" href="{lessons[2].url}"' in body


def test_a_trainee_marks_lessons_of_their_course_only(world, trainee):
    assert trainee.post(done_url(world.lesson)).status_code == 302
    assert trainee.post(done_url(world.lesson2)).status_code == 404
    assert list(LessonProgress.objects.for_user(trainee.user).values_list("lesson", flat=True)) == [
        world.lesson.pk
    ]
    body = trainee.get(world.course.url).content.decode()
    assert "1 / 1" in body


def test_progress_is_personal(world, trainee, other_trainee):
    trainee.post(done_url(world.lesson))
    assert "0 / 1" in other_trainee.get(world.course.url).content.decode()
    assert "1 / 1" in trainee.get(world.course.url).content.decode()
