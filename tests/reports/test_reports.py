"""Reports: the dashboards, a trainee's page, the gradebook, the progress report, today.

Every page runs a fixed number of queries, the same at two sizes (3 trainees and 5
assignments, 300 trainees and 60 assignments, built in bulk); mentors' files hold only their
trainees (read from the file itself).
"""

import csv
import io
from datetime import datetime, timedelta
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from cohorts.attendance.models import Attendance, AttendancePolicy, Session
from cohorts.coursework.models import Assignment, Submission
from cohorts.models import Membership
from cohorts.review.models import Review, ReviewRelease
from courses.models import LessonProgress
from tests.conftest import client_for

pytestmark = pytest.mark.django_db

SIZES = [(3, 5), pytest.param(300, 60, marks=pytest.mark.slow)]


def school(world, trainees=3, assignments=5):
    """`trainees` paired with the world's mentor (花子 among them); half the assignments past
    due; attempts submitted by every other trainee, released grades for one in three; two
    past sessions with absences; a lesson done."""
    mentor = world.memberships["mentor"]
    now = timezone.now()
    users = get_user_model().objects.bulk_create(
        get_user_model()(
            email=f"r{n:03d}@example.com",
            display_name=f"受講生 {n:03d}",
            name_reading=f"ア{n:03d}",
        )
        for n in range(trainees - 1)
    )
    added = Membership.objects.bulk_create(
        Membership(cohort=world.cohort, user=user, role="trainee") for user in users
    )
    added = list(Membership.objects.filter(user__in=users).order_by("user__email"))
    Membership.mentors.through.objects.bulk_create(
        Membership.mentors.through(from_membership=member, to_membership=mentor) for member in added
    )
    members = [world.memberships["trainee"], *added]
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


# Every dashboard and report page (and file) for each role that may open it, with its query
# count: the same at both sizes (SIZES). `args` reads the ids from (world, members, sessions).
PAGES = [
    # 23 + open action items of their meetings + new assignments not yet opened
    # + the completion panel (the cohort's rules, the trainee's completions)
    ("trainee", "cohorts:dashboard", lambda w, m, s: [], {}, 27),
    ("trainee", "attendance:report_index", lambda w, m, s: [], {}, 5),
    ("mentor", "cohorts:dashboard", lambda w, m, s: [], {}, 19),  # + overdue action items
    ("mentor", "reports:index", lambda w, m, s: [], {}, 5),
    ("mentor", "reports:trainee", lambda w, m, s: [m[0].pk], {}, 16),
    ("mentor", "reports:gradebook", lambda w, m, s: [w.cohort.pk], {}, 16),
    ("mentor", "reports:gradebook", lambda w, m, s: [w.cohort.pk], {"sort": "-percent"}, 17),
    ("mentor", "reports:gradebook_export", lambda w, m, s: [w.cohort.pk, "csv"], {}, 12),
    ("mentor", "reports:gradebook_export", lambda w, m, s: [w.cohort.pk, "xlsx"], {}, 12),
    ("mentor", "reports:progress", lambda w, m, s: [w.cohort.pk], {}, 8),
    ("mentor", "reports:progress_export", lambda w, m, s: [w.cohort.pk, "csv"], {}, 7),
    ("mentor", "attendance:report_index", lambda w, m, s: [], {}, 5),
    ("mentor", "attendance:report", lambda w, m, s: [w.cohort.pk], {}, 8),
    ("mentor", "attendance:report_export", lambda w, m, s: [w.cohort.pk, "csv"], {}, 7),
    ("mentor", "attendance:sign_in_sheet", lambda w, m, s: [s[0].pk], {}, 5),
    ("staff", "cohorts:dashboard", lambda w, m, s: [], {}, 6),
    ("staff", "reports:index", lambda w, m, s: [], {}, 3),
    # 15 + meeting policies + trainees' last meetings + reminders sent today
    ("staff", "reports:today", lambda w, m, s: [], {}, 18),
    ("staff", "reports:trainee", lambda w, m, s: [m[0].pk], {}, 15),
    ("staff", "reports:gradebook", lambda w, m, s: [w.cohort.pk], {}, 15),
    ("staff", "reports:gradebook", lambda w, m, s: [w.cohort.pk], {"page": "2", "cols": "2"}, 15),
    ("staff", "reports:gradebook", lambda w, m, s: [w.cohort.pk], {"sort": "percent"}, 16),
    ("staff", "reports:gradebook_export", lambda w, m, s: [w.cohort.pk, "csv"], {}, 12),
    ("staff", "reports:gradebook_export", lambda w, m, s: [w.cohort.pk, "xlsx"], {}, 12),
    ("staff", "reports:progress", lambda w, m, s: [w.cohort.pk], {}, 7),
    ("staff", "reports:progress_export", lambda w, m, s: [w.cohort.pk, "xlsx"], {}, 7),
    ("staff", "attendance:report_index", lambda w, m, s: [], {}, 4),
    ("staff", "attendance:report", lambda w, m, s: [w.cohort.pk], {}, 7),
    ("staff", "attendance:report_export", lambda w, m, s: [w.cohort.pk, "xlsx"], {}, 7),
    ("staff", "attendance:sign_in_sheet", lambda w, m, s: [s[0].pk], {}, 4),
]


@pytest.mark.parametrize(("trainees", "assignments"), SIZES)
def test_every_page_runs_a_fixed_number_of_queries(world, trainees, assignments):
    """The counts are fixed numbers, so they are the same at 3 × 5 and at 300 × 60."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    members, _tasks = school(world, trainees, assignments)
    sessions = list(Session.objects.filter(cohort=world.cohort).order_by("starts_at"))
    clients = {role: client_for(world.users[role]) for role in ("trainee", "mentor", "staff")}
    counted, expected = {}, {}
    for role, name, args, query, count in PAGES:
        url = reverse(name, args=args(world, members, sessions))
        label = f"{role} {name} {url.rsplit('.', 1)[-1] if '.' in url else ''} {query}"
        with CaptureQueriesContext(connection) as queries:
            response = clients[role].get(url, query)
            assert response.status_code == 200, label
            if response.streaming:  # a file is read to its end: rows may be read as it streams
                b"".join(response.streaming_content)
        counted[label], expected[label] = len(queries), count
    assert counted == expected


def test_the_gradebook_pages_keep_the_order_and_statistics_of_every_trainee(world):
    """25 trainees, 12 assignments: pages of trainees and windows of assignments; the order by
    percentage and the statistics cover every trainee, the files every trainee and column."""
    from cohorts.reports.views.gradebook import COLUMNS, PAGE_SIZE

    members, tasks = school(world, PAGE_SIZE + 5, COLUMNS + 2)
    staff = client_for(world.users["staff"])
    cohort = world.cohort.pk
    first = get(staff, "reports:gradebook", cohort, sort="-percent")
    second = get(staff, "reports:gradebook", cohort, sort="-percent", page="2")
    shown = [*first.context["rows"], *second.context["rows"]]
    everyone = Membership.objects.filter(cohort=world.cohort, role="trainee", is_active=True)
    assert len(first.context["rows"]) == PAGE_SIZE and len(shown) == everyone.count()
    assert {row.membership.pk for row in shown} == set(everyone.values_list("pk", flat=True))
    percents = [row.percent for row in shown]
    graded = [p for p in percents if p is not None]
    assert graded == sorted(graded, reverse=True) and percents[: len(graded)] == graded
    assert [len(row.shown_cells) for row in first.context["rows"]][0] == COLUMNS
    later = get(staff, "reports:gradebook", cohort, cols="2")
    assert [a.pk for a in later.context["assignments"]] == [t.pk for t in tasks[COLUMNS:]]
    assert len(later.context["rows"][0].shown_cells) == 2
    body = later.content.decode()
    assert tasks[-1].title in body and f">{tasks[0].title}<" not in body
    submitted = sum(1 for i, _m in enumerate(members) if i % 2 == 0)  # every other one
    assert [stat["submitted"] for stat in later.context["stats"]] == [submitted, submitted]
    rows = _csv(staff.get(reverse("reports:gradebook_export", args=[cohort, "csv"])))
    assert len(rows) == 1 + everyone.count()
    assert len(rows[0]) == 4 + 2 * len(tasks) + 4  # every assignment, with its late mark


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
    rows = response.context["rows"]
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
