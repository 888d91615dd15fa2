"""The phone journeys in Japanese (Playwright): a signed-out trainee opens a scanned check-in
link, logs in, lands back on the check-in with the code and checks in; a mentor takes a
roster ("all present", one exception, one submit). Screenshots: build/screenshots/attendance-*.
"""

from tests.browser import MARKS, PHONE, new_page, require_chromium
from tests.browser import shoot as save_screenshot

require_chromium()
pytestmark = MARKS


def shoot(page, name):
    save_screenshot(page, f"attendance-{name}")


def todays_session():
    from django.utils import timezone

    from cohorts.attendance.models import Session

    now = timezone.now()
    return next(
        s for s in Session.objects.filter(cohort__name="2026 第1期") if s.checkin_is_open(now)
    )


def test_a_scanned_link_survives_the_login_and_checks_the_trainee_in(browser, live_server, demo):
    from cohorts.attendance.models import Attendance

    session = todays_session()
    page = new_page(browser, PHONE)
    page.goto(f"{live_server.url}/sessions/{session.pk}/check-in/?code={session.checkin_code}")
    assert "/accounts/login/" in page.url
    shoot(page, "login-phone")
    page.fill("input[name=login]", "trainee1@example.com")
    page.fill("input[name=password]", "demo-pass-2026")
    page.click("form [type=submit]")
    page.wait_for_load_state()
    assert page.url.endswith(f"/sessions/{session.pk}/check-in/?code={session.checkin_code}")
    assert page.input_value("input[name=code]") == session.checkin_code
    shoot(page, "checkin-phone")
    page.get_by_role("button", name="チェックインする").click()
    page.wait_for_load_state()
    assert "チェックインしました：出席" in page.content()
    shoot(page, "checked-in-phone")
    record = Attendance.objects.get(session=session, membership__user__email="trainee1@example.com")
    assert (record.status, record.how) == ("present", "self_checkin")


def test_a_mentor_takes_the_roster_on_a_phone(browser, live_server, demo):
    from cohorts.attendance.models import Attendance
    from tests.browser import sign_in

    session = todays_session()
    page = new_page(browser, PHONE)
    sign_in(page, live_server.url, "mentor1@example.com")
    page.goto(live_server.url + "/sessions/")
    shoot(page, "sessions-mentor-phone")
    page.goto(f"{live_server.url}/sessions/{session.pk}/roster/")
    page.get_by_role("button", name="全員出席").click()
    row = page.locator(".roster-row", has_text="佐藤 健太")  # trainee1
    row.get_by_label("欠席（届出あり）").check()
    row.locator("input[type=text]").fill("家業の繁忙期のため")
    shoot(page, "roster-phone")
    page.get_by_role("button", name="出欠を保存する").click()
    page.wait_for_load_state()
    assert "出欠を保存しました" in page.content()
    shoot(page, "roster-saved-phone")
    records = Attendance.objects.filter(session=session)
    assert records.filter(status="excused", membership__user__email="trainee1@example.com").exists()
    assert records.count() == 6  # every trainee of the cohort, in one submit
