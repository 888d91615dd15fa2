"""The attendance report: trainees × sessions, totals and rates, filters, CSV (UTF-8 with BOM)
and XLSX through the export helper; a mentor's files hold only their own trainees."""

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.attendance.factories import AttendanceFactory, SessionFactory
from tests.conftest import client_for
from tests.factories import jst

pytestmark = pytest.mark.django_db


@pytest.fixture
def recorded(world):
    start = jst(2026, 10, 3, 13, 0)
    sessions = [
        SessionFactory(
            cohort=world.cohort, starts_at=start + timedelta(weeks=n), title=f"第{n + 1}回"
        )
        for n in range(3)
    ]
    trainee, other = world.memberships["trainee"], world.memberships["other_trainee"]
    for session, status in zip(sessions, ["present", "late", "absent"], strict=True):
        AttendanceFactory(session=session, membership=trainee, status=status)
    for session, status in zip(sessions, ["present", "excused", "present"], strict=True):
        AttendanceFactory(session=session, membership=other, status=status)
    return sessions


def url(world, name="attendance:report", **kwargs):
    return reverse(name, kwargs={"pk": world.cohort.pk, **kwargs})


def test_staff_see_the_grid_with_totals_and_rates(world, recorded):
    response = client_for(world.users["staff"]).get(url(world))
    grid = response.context["grid"]
    rows = {row.membership.user.display_name: row for row in grid.rows}
    assert rows["受講生 花子"].rate == pytest.approx(66.7)
    assert rows["受講生 次郎"].rate == 100.0
    assert grid.session_totals == [2, 1, 1]
    body = response.content.decode()
    assert "遅刻" in body and "欠席（届出あり）" in body


def test_a_mentor_sees_only_their_trainees(world, recorded):
    response = client_for(world.users["mentor"]).get(url(world))
    names = [row.membership.user.display_name for row in response.context["grid"].rows]
    assert names == ["受講生 花子"]


def test_filters_narrow_the_rows_and_columns(world, recorded):
    staff = client_for(world.users["staff"])
    grid = staff.get(url(world), {"q": "次郎"}).context["grid"]
    assert [r.membership.user.display_name for r in grid.rows] == ["受講生 次郎"]
    grid = staff.get(url(world), {"start": "2026-10-10", "end": "2026-10-10"}).context["grid"]
    assert [s.title for s in grid.sessions] == ["第2回"]
    grid = staff.get(url(world), {"below": "on"}).context["grid"]
    assert [r.membership.user.display_name for r in grid.rows] == ["受講生 花子"]
    response = staff.get(url(world), {"start": "2026-10-10", "end": "2026-10-01"})
    assert (
        "終了日は開始日より前にできません" in response.content.decode()
        or response.context["form"].errors
    )


@pytest.mark.parametrize("size", [2, 40])
def test_the_report_has_a_fixed_query_count(world, recorded, size, django_assert_num_queries):
    from tests.attendance.test_roster import add_trainees

    add_trainees(world.cohort, size)
    staff = client_for(world.users["staff"])
    with django_assert_num_queries(7):
        staff.get(url(world))


def test_the_csv_has_a_bom_and_a_mentors_file_only_their_trainees(world, recorded):
    response = client_for(world.users["mentor"]).get(
        url(world, "attendance:report_export", fmt="csv")
    )
    content = b"".join(response.streaming_content).decode("utf-8")
    assert content.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(content.lstrip("\ufeff"))))
    assert rows[0][0] == "受講生"
    assert "第1回" in rows[0][2]
    assert [row[0] for row in rows[1:]] == ["受講生 花子"]
    assert rows[1][2:5] == ["出席", "遅刻", "欠席"]
    assert "受講生 次郎" not in content


def test_the_xlsx_holds_the_same_rows(world, recorded):
    response = client_for(world.users["staff"]).get(
        url(world, "attendance:report_export", fmt="xlsx")
    )
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    rows = list(workbook.active.iter_rows(values_only=True))
    by_name = {row[0]: row for row in rows[1:]}
    assert sorted(by_name) == ["受講生 次郎", "受講生 花子"]
    assert by_name["受講生 花子"][-1] == pytest.approx(66.7)


def test_the_report_is_linked_from_the_site(world, recorded):
    mentor = client_for(world.users["mentor"])
    body = mentor.get(reverse("attendance:report_index")).content.decode()
    assert url(world) in body
    trainee_page = client_for(world.users["trainee"]).get(reverse("attendance:report_index"))
    assert url(world) not in trainee_page.content.decode()
    assert "66.7%" in trainee_page.content.decode()  # the trainee's own rate
