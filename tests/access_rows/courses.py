"""Access rows for the courses app: public pages, seminar registration, progress.

Registration links are secrets (a random token), not accounts: anyone holding one may see or
cancel that registration. Lesson progress follows the lesson rule (tests/access_rows/pages.py).
"""

from tests.factories import SeminarPageFactory, SeminarRegistrationFactory

from . import PUBLIC, STAFF_ADMIN, Row, expect


def build(world):
    seminar = SeminarPageFactory(title="アクセス確認セミナー", slug="matrix-seminar")
    world.objects["seminar"] = seminar
    world.objects["registration"] = SeminarRegistrationFactory(seminar=seminar)
    draft = SeminarPageFactory(title="非公開セミナー", slug="matrix-draft")
    draft.unpublish()
    world.objects["draft_seminar"] = draft


def _registration_form(world):
    return {"name": "確認 太郎", "company": "確認商事", "email": "matrix@example.com"}


LESSON_1 = expect(302, anonymous=404, trainee_other_cohort=404)  # the world's course
LESSON_2 = expect(404, trainee_other_cohort=302, staff=302)  # the other course
METHOD_NOT_ALLOWED = expect(405)


def _token(world):
    return {"token": world.registration.token}


def _lesson(world):
    return {"page_id": world.lesson.pk}


def _lesson2(world):
    return {"page_id": world.lesson2.pk}


ROWS = [
    # Public Wagtail pages (lessons themselves: tests/access_rows/pages.py).
    Row("wagtail_serve", PUBLIC, path=lambda w: w.course.get_parent().url, label="courses"),
    Row("wagtail_serve", PUBLIC, path=lambda w: w.course.url, label="course page"),
    Row("wagtail_serve", PUBLIC, path=lambda w: w.lesson.get_parent().url, label="module page"),
    Row("wagtail_serve", PUBLIC, path=lambda w: w.seminar.url, label="seminar page"),
    Row("wagtail_serve", PUBLIC, path=lambda w: w.seminar.get_parent().url, label="seminars"),
    Row(
        "wagtail_serve",
        expect(404),
        path=lambda w: "/seminars/matrix-draft/",
        label="unpublished seminar",
    ),
    # Seminar registration: no account needed.
    Row(
        "courses:seminar_register",
        expect(302),
        kwargs=lambda w: {"page_id": w.seminar.pk},
        method="post",
        data=_registration_form,
        label="register",
    ),
    Row(
        "courses:seminar_register",
        expect(404),
        kwargs=lambda w: {"page_id": w.draft_seminar.pk},
        method="post",
        data=_registration_form,
        label="unpublished seminar",
    ),
    Row(
        "courses:seminar_register",
        expect(404),
        kwargs=lambda w: {"page_id": w.lesson.pk},
        method="post",
        data=_registration_form,
        label="not a seminar",
    ),
    Row(
        "courses:seminar_register",
        METHOD_NOT_ALLOWED,
        kwargs=lambda w: {"page_id": w.seminar.pk},
        label="get",
    ),
    Row("courses:registration_detail", PUBLIC, kwargs=_token, label="with the link"),
    Row(
        "courses:registration_detail",
        expect(404),
        kwargs=lambda w: {"token": "not-a-token"},
        label="bad token",
    ),
    Row("courses:registration_cancel", expect(302), kwargs=_token, method="post"),
    Row("courses:registration_cancel", METHOD_NOT_ALLOWED, kwargs=_token, label="get"),
    Row("courses:registration_ics", PUBLIC, kwargs=_token),
    Row(
        "courses:registration_ics",
        expect(404),
        kwargs=lambda w: {"token": "not-a-token"},
        label="bad token",
    ),
    # Lesson progress: whoever may read the lesson.
    Row("courses:lesson_done", LESSON_1, kwargs=_lesson, method="post", label="course 1"),
    Row("courses:lesson_done", LESSON_2, kwargs=_lesson2, method="post", label="course 2"),
    Row("courses:lesson_done", METHOD_NOT_ALLOWED, kwargs=_lesson, label="get"),
    Row("courses:lesson_undo", LESSON_1, kwargs=_lesson, method="post", label="course 1"),
    Row("courses:lesson_undo", LESSON_2, kwargs=_lesson2, method="post", label="course 2"),
    Row("courses:lesson_undo", METHOD_NOT_ALLOWED, kwargs=_lesson, label="get"),
    # Registrants in the Wagtail admin.
    Row(
        "courses_admin:seminar_registrants",
        STAFF_ADMIN,
        kwargs=lambda w: {"page_id": w.seminar.pk},
    ),
    Row(
        "courses_admin:seminar_registrants_csv",
        STAFF_ADMIN,
        kwargs=lambda w: {"page_id": w.seminar.pk},
    ),
]
