"""Dashboards and reports in a real browser, in Japanese, at 390 px and at 1280 px.

- axe-core finds no serious or critical violation on any dashboard or report, for each role
  that may open it, at both widths (tables are tables on a desktop and cards on a phone);
- a journey per role: dashboard → a report → an item, with what each page shows.
Screenshots land in build/screenshots/reports-*.png.
"""

import csv
import io
from pathlib import Path

import pytest

from tests.browser import (
    MARKS,
    VIEWPORTS,
    axe_problems,
    new_page,
    require_chromium,
    shoot,
    sign_in,
)

require_chromium()
pytestmark = MARKS

TRAINEE, MENTOR, STAFF = "trainee1@example.com", "mentor1@example.com", "staff@example.com"


def demo_ids():
    from cohorts.attendance.models import Session
    from cohorts.models import Membership

    trainee = Membership.objects.get(user__email=TRAINEE, role="trainee")
    session = Session.objects.filter(cohort=trainee.cohort).order_by("starts_at").first()
    return {"cohort": trainee.cohort_id, "trainee": trainee.pk, "session": session.pk}


def pages_of(role, ids):
    """Every dashboard and report role may open (the access rows say who may)."""
    cohort, trainee, session = ids["cohort"], ids["trainee"], ids["session"]
    mentor_pages = [
        "/dashboard/",
        f"/reports/trainees/{trainee}/",
        "/reports/",
        f"/reports/cohorts/{cohort}/gradebook/",
        f"/reports/cohorts/{cohort}/gradebook/?sort=-percent",
        f"/reports/cohorts/{cohort}/progress/",
        "/attendance/",
        f"/attendance/cohorts/{cohort}/",
        f"/sessions/{session}/sign-in-sheet/",
    ]
    return {
        TRAINEE: ["/dashboard/", "/attendance/"],
        MENTOR: mentor_pages,
        STAFF: [*mentor_pages, "/reports/today/"],
    }[role]


@pytest.mark.parametrize("role", [TRAINEE, MENTOR, STAFF])
def test_axe_finds_no_serious_violation_on_dashboards_and_reports(browser, live_server, demo, role):
    ids = demo_ids()
    problems = []
    for size in VIEWPORTS.values():
        page = new_page(browser, size)
        sign_in(page, live_server.url, role)
        for path in pages_of(role, ids):
            response = page.goto(live_server.url + path)
            assert response.status == 200, path
            assert page.locator("main h1").count() == 1, path  # the page itself, not an error
            problems += [f"{size[0]} px {line}" for line in axe_problems(page)]
        page.close()
    assert problems == []


def test_trainee_sees_what_is_due_and_where_to_continue(browser, live_server, demo):
    for name, size in VIEWPORTS.items():
        page = new_page(browser, size)
        sign_in(page, live_server.url, TRAINEE)
        assert page.url.endswith("/dashboard/")
        assert page.locator("h1").inner_text() == "ダッシュボード"
        due = page.locator(".due-item").first
        assert (
            "締切" in due.inner_text() and "残り" in due.inner_text() or "時間" in due.inner_text()
        )
        title = due.locator("a").inner_text()
        continue_button = page.locator(".continue a")
        lesson = continue_button.inner_text().split("：", 1)[1]
        assert page.locator(".session-list").count() == 1  # the next sessions
        assert "出席率" in page.locator("#my-cohorts").locator("..").inner_text()
        shoot(page, f"reports-trainee-dashboard-{name}")
        # a report: all of one's assignments; then the item itself
        page.click("text=すべての課題")
        assert page.locator("h1").inner_text() == "課題"
        assert title in page.locator("main").inner_text()
        page.go_back()
        page.click(f".due-item a:has-text('{title}')")
        assert page.locator("h1").inner_text() == title
        page.go_back()
        continue_button.click()
        assert page.locator("h1").inner_text() == lesson
        shoot(page, f"reports-trainee-lesson-{name}")
        page.close()


def test_mentor_opens_a_trainees_page_and_the_gradebook(browser, live_server, demo):
    for name, size in VIEWPORTS.items():
        page = new_page(browser, size)
        sign_in(page, live_server.url, MENTOR)
        trainees = page.locator("#my-trainees").locator("..")
        names = page.locator("table.trainee-rows th[scope=row] a").all_inner_texts()
        assert len(names) == 3  # mentor1's trainees 1–3, no one else's
        assert page.locator("table.trainee-rows tr.behind").count() >= 1
        assert "講評待ち" in trainees.inner_text()
        shoot(page, f"reports-mentor-dashboard-{name}")
        page.click(f"table.trainee-rows a:has-text('{names[0]}')")
        assert page.locator("h1").inner_text() == names[0]
        for heading in ("モジュールごとのレッスン", "課題", "出欠", "公開した講評"):
            assert page.locator(f"h2:has-text('{heading}')").count() == 1, heading
        assert page.locator("#assignments ~ table tbody tr").count() >= 3
        shoot(page, f"reports-mentor-trainee-{name}")
        page.click("#assignments ~ table tbody tr >> nth=0 >> a")  # the item: an assignment
        assert page.locator("h1").count() == 1
        assert "/submissions/" in page.url or "/assignments/" in page.url
        page.goto(f"{live_server.url}/dashboard/")
        page.click(
            "#my-trainees ~ .report-links a:has-text('成績表'), .report-links >> text=成績表"
        )
        assert page.locator("h1").inner_text().startswith("成績表")
        rows = page.locator("table.gradebook tbody tr")
        assert rows.count() == 3
        shoot(page, f"reports-mentor-gradebook-{name}")
        page.close()


def test_staff_open_today_the_gradebook_and_download_its_csv(browser, live_server, demo):
    from cohorts.models import Membership

    ids = demo_ids()
    trainees = Membership.objects.filter(cohort_id=ids["cohort"], role="trainee", is_active=True)
    emails = set(trainees.values_list("user__email", flat=True))
    for name, size in VIEWPORTS.items():
        page = new_page(browser, size)
        sign_in(page, live_server.url, STAFF)
        assert page.locator("#all-cohorts").count() == 1
        shoot(page, f"reports-staff-dashboard-{name}")
        page.click("text=今日の対応事項")
        assert page.locator("h1").inner_text() == "今日の対応事項"
        cohort = page.locator(".today-cohort", has_text="2026 第1期")
        assert "締切を過ぎた未提出の課題" in cohort.inner_text()
        assert cohort.locator("li").count() >= 1  # something needs a person today
        shoot(page, f"reports-staff-today-{name}")
        cohort.locator("a:has-text('成績表')").click()
        assert page.locator("h1").inner_text() == "成績表：2026 第1期"
        assert page.locator("table.gradebook tbody tr").count() == len(emails)
        shoot(page, f"reports-staff-gradebook-{name}")
        with page.expect_download() as download:
            page.click("text=CSV をダウンロード")
        content = Path(download.value.path()).read_bytes()
        assert content.startswith(b"\xef\xbb\xbf")
        rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
        assert rows[0][:4] == ["ID", "受講生", "フリガナ", "メールアドレス"]
        assert {row[3] for row in rows[1:]} == emails  # every trainee of the cohort
        first = page.locator("table.gradebook tbody th[scope=row] a").first
        who = first.inner_text()
        first.click()
        assert page.locator("h1").inner_text() == who  # the item: a trainee's page
        page.close()
