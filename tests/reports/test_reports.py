"""Reports: the dashboards, a trainee's page, the gradebook, the progress report, today.

Every page runs a fixed number of queries at two sizes (3 vs 30 trainees, 5 vs 20
assignments); mentors' files hold only their trainees (read from the file itself).
"""

import csv
import io
from datetime import datetime, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from cohorts.attendance.models import Attendance, AttendancePolicy, Session
from cohorts.coursework.models import Assignment, Submission
from cohorts.review.models import Review, ReviewRelease
from courses.models import LessonProgress
from tests.conftest import client_for
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

SIZES = [(3, 5), (30, 20)]


def school(world, trainees=3, assignments=5):
    """`trainees` paired with the world's mentor (花子 among them); half the assignments past
    due; attempts submitted by every other trainee, released grades for one in three; two
    past sessions with absences; a lesson done."""
    mentor = world.memberships["mentor"]
    now = timezone.now()
    members = [world.memberships["trainee"]]
    for n in range(trainees - 1):
        user = UserFactory(
            email=f"r{n:02d}@example.com", display_name=f"受講生 {n:02d}", name_reading=f"ア{n:02d}"
        )
        members.append(MembershipFactory(cohort=world.cohort, user=user, mentors=[mentor]))
    tasks = Assignment.objects.bulk_create(
        Assignment(
            cohort=world.cohort,
            title=f"課題{n}",
            opens_at=now - timedelta(days=30),
            due_at=now + timedelta(days=n - assignments // 2),
            points=10,
        )
        for n in range(assignments)
    )
    attempts = Submission.objects.bulk_create(
        Submission(
            assignment=task,
            membership=member,
            attempt=1,
            status="graded" if (i + j) % 3 == 0 else "submitted",
            submitted_at=now - timedelta(days=10, minutes=j),
            is_late=j == 0,
            text="<p>回答</p>",
        )
        for i, member in enumerate(members)
        if i % 2 == 0
        for j, task in enumerate(tasks)
    )
    reviews = Review.objects.bulk_create(
        Review(submission=s, state="released", author=world.users["mentor"], version=1)
        for s in attempts
        if s.status == "graded"
    )
    ReviewRelease.objects.bulk_create(
        ReviewRelease(
            review=review,
            number=1,
            outcome="released",
            points=Decimal("7.5"),
            points_possible=10,
            released_at=now - timedelta(days=1),
        )
        for review in reviews
    )
    sessions = Session.objects.bulk_create(
        Session(
            cohort=world.cohort,
            title=f"集合研修{n}",
            starts_at=now - timedelta(days=14 - 7 * n),
            ends_at=now - timedelta(days=14 - 7 * n, hours=-3),
        )
        for n in range(2)
    )
    Attendance.objects.bulk_create(
        Attendance(
            session=session,
            membership=member,
            status="absent" if i % 3 == 1 else "present",
            how="roster",
        )
        for session in sessions
        for i, member in enumerate(members)
    )
    AttendancePolicy.objects.create(cohort=world.cohort, threshold=75)
    lesson = world.objects.get("lesson")
    if lesson is not None:
        LessonProgress.objects.create(user=members[0].user, lesson=lesson, completed_at=now)
    return members, tasks


def get(client, name, *args, **query):
    response = client.get(reverse(name, args=args), query)
    assert response.status_code == 200, response.status_code
    return response


@pytest.mark.parametrize(("trainees", "assignments"), SIZES)
def test_trainee_dashboard_fixed_queries(world, trainees, assignments, django_assert_num_queries):
    school(world, trainees, assignments)
    client = client_for(world.users["trainee"])
    # 23, and 2 for the completion panel (the cohort's rules, the trainee's completions).
    with django_assert_num_queries(25):
        body = get(client, "cohorts:dashboard").content.decode()
    assert "What is due" in body or "締切" in body or "提出" in body


@pytest.mark.parametrize(("trainees", "assignments"), SIZES)
def test_mentor_dashboard_fixed_queries(world, trainees, assignments, django_assert_num_queries):
    members, _tasks = school(world, trainees, assignments)
    client = client_for(world.users["mentor"])
    with django_assert_num_queries(18):
        body = get(client, "cohorts:dashboard").content.decode()
    assert reverse("reports:trainee", args=[members[-1].pk]) in body
    assert "受講生 次郎" not in body  # another mentor's trainee


@pytest.mark.parametrize(("trainees", "assignments"), SIZES)
def test_pages_fixed_queries(world, trainees, assignments, django_assert_num_queries):
    members, _tasks = school(world, trainees, assignments)
    mentor = client_for(world.users["mentor"])
    staff = client_for(world.users["staff"])
    cohort = world.cohort.pk
    with django_assert_num_queries(16):
        get(mentor, "reports:trainee", members[0].pk)
    with django_assert_num_queries(13):
        get(mentor, "reports:gradebook", cohort)
    with django_assert_num_queries(12):
        get(staff, "reports:gradebook", cohort, sort="-percent", page="1")
    with django_assert_num_queries(8):
        get(mentor, "reports:progress", cohort)
    with django_assert_num_queries(15):
        get(staff, "reports:today")
    with django_assert_num_queries(5):
        get(mentor, "reports:index")
    with django_assert_num_queries(6):
        get(staff, "cohorts:dashboard")


def test_trainee_dashboard_sections(world):
    school(world, 3, 5)
    body = get(client_for(world.users["trainee"]), "cohorts:dashboard").content.decode()
    assert body.index("課題0") < body.index("課題3")  # past due first
    assert "次のセッション" in body or "セッション" in body
    assert "1 / " in body  # a lesson done
    assert reverse("calendar:feed_settings") in body  # header: calendar
    assert reverse("reports:my_course") in body  # header: courses


def test_mentor_flag_and_trainee_page(world):
    members, tasks = school(world, 3, 5)
    mentor = client_for(world.users["mentor"])
    body = get(mentor, "cohorts:dashboard").content.decode()
    assert "behind" in body  # someone has overdue work
    page = get(mentor, "reports:trainee", members[0].pk).content.decode()
    assert tasks[0].title in page and "7.5" in page
    assert "集合研修0" in page


def test_trainee_page_is_only_for_their_mentor_and_staff(world):
    members, _tasks = school(world, 3, 5)
    url = reverse("reports:trainee", args=[members[1].pk])
    assert client_for(world.users["mentor"]).get(url).status_code == 200
    assert client_for(world.users["staff"]).get(url).status_code == 200
    for role in ("other_mentor", "trainee", "other_trainee", "trainee_other_cohort"):
        assert client_for(world.users[role]).get(url).status_code == 404, role


def _csv(response):
    content = b"".join(response.streaming_content)
    assert content.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def _xlsx(response):
    content = b"".join(response.streaming_content)
    return load_workbook(io.BytesIO(content)).active


def test_gradebook_exports_hold_only_a_mentors_trainees(world):
    members, tasks = school(world, 3, 5)
    cohort = world.cohort.pk
    mentor = client_for(world.users["mentor"])
    rows = _csv(mentor.get(reverse("reports:gradebook_export", args=[cohort, "csv"])))
    assert rows[0][:4] == ["ID", "受講生", "フリガナ", "メールアドレス"]  # the reader's language
    emails = {row[3] for row in rows[1:]}
    assert emails == {m.user.email for m in members}
    assert "w-trainee2@example.com" not in emails
    sheet = _xlsx(mentor.get(reverse("reports:gradebook_export", args=[cohort, "xlsx"])))
    values = list(sheet.iter_rows(values_only=True))
    assert {row[3] for row in values[1:]} == {m.user.email for m in members}
    assert all(isinstance(row[0], str) for row in values[1:])  # IDs as text
    assert isinstance(values[1][5], bool)  # late marks are booleans
    submitted = [row[-1] for row in values[1:] if row[-1]]
    assert submitted and all(isinstance(when, datetime) for when in submitted)  # dates as dates
    staff = client_for(world.users["staff"])
    rows = _csv(staff.get(reverse("reports:gradebook_export", args=[cohort, "csv"])))
    assert "w-trainee2@example.com" in {row[3] for row in rows[1:]}
    progress = _csv(mentor.get(reverse("reports:progress_export", args=[cohort, "csv"])))
    assert {row[3] for row in progress[1:]} == {m.user.email for m in members}


def test_gradebook_in_reading_order_with_stats(world):
    members, tasks = school(world, 3, 5)
    response = get(client_for(world.users["staff"]), "reports:gradebook", world.cohort.pk)
    rows = response.context["page"].object_list
    readings = [row.user.name_reading or row.user.display_name for row in rows]
    assert readings == sorted(readings)
    stats = response.context["stats"]
    assert stats[0]["submitted"] >= 1 and stats[0]["mean"] == Decimal("7.5")


def test_unknown_export_format_is_404(world):
    url = reverse("reports:gradebook_export", args=[world.cohort.pk, "pdf"])
    assert client_for(world.users["staff"]).get(url).status_code == 404


def test_today_lists_missing_work_and_absences(world):
    members, tasks = school(world, 4, 5)
    body = get(client_for(world.users["staff"]), "reports:today").content.decode()
    assert members[1].user.get_full_name() in body  # missing work and absent twice
    assert "2026 第1期" in body
