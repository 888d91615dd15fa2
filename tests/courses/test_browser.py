"""Browser walk-through of the courses pages at phone and desktop widths (Playwright).

A visitor registers for a seminar on a phone; a trainee reads a lesson and marks it done on
a desktop. Screenshots land in build/screenshots/courses-*.png. Skipped without Chromium,
like tests/test_browser.py (CI sets REQUIRE_BROWSER=1).
"""

from tests.browser import DESKTOP, MARKS, PHONE, new_page, require_chromium
from tests.browser import shoot as save_screenshot

require_chromium()
pytestmark = MARKS


def shoot(page, name):
    save_screenshot(page, f"courses-{name}")


def test_a_visitor_registers_for_a_seminar_on_a_phone(browser, live_server, demo):
    from courses.models import SeminarRegistration

    page = new_page(browser, PHONE)
    page.goto(live_server.url + "/seminars/")
    shoot(page, "seminars-phone")
    page.get_by_role("link", name="公開セミナー「先代と後継者の対話」").click()
    honeypot = page.locator("input[name=website]").bounding_box()
    assert honeypot["x"] + honeypot["width"] <= 0  # off-screen: people never see it
    page.fill("input[name=name]", "佐藤 一郎")
    page.fill("input[name=company]", "佐藤商店")
    page.fill("input[name=email]", "ichiro.sato@example.com")
    shoot(page, "seminar-form-phone")
    page.get_by_role("button", name="参加登録する").click()
    page.wait_for_load_state()
    assert (
        "入力されたアドレスにメールをお送りしました" in page.content()
    )  # the link comes by e-mail
    shoot(page, "registration-phone")
    assert SeminarRegistration.objects.get(email="ichiro.sato@example.com").status == "confirmed"


def test_a_trainee_reads_a_lesson_and_marks_it_done_on_a_desktop(browser, live_server, demo):
    page = new_page(browser, DESKTOP)
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=login]", "trainee1@example.com")
    page.fill("input[name=password]", "demo-pass-2026")
    page.click("form [type=submit]")
    page.wait_for_load_state()
    page.goto(live_server.url + "/programme/successor-course/")
    shoot(page, "course-desktop")
    page.get_by_role("link", name="業界と競合の分析").click()
    page.get_by_role("button", name="完了にする").click()
    page.wait_for_load_state()
    assert page.get_by_role("button", name="未完了に戻す").is_visible()
    shoot(page, "lesson-desktop")


def test_a_refused_registration_shows_its_message_in_view_on_a_phone(browser, live_server, demo):
    """A second registration with the same address reads like the first (no "already registered"
    message), and the phone lands on the form (#register), not the page top."""
    from courses.models import SeminarRegistration

    page = new_page(browser, PHONE)
    seminar_url = live_server.url + "/seminars/dialogue-between-generations/"
    for _ in range(2):  # the second time with the same e-mail, differently written
        page.goto(seminar_url)
        page.fill("input[name=name]", "佐藤 一郎")
        page.fill("input[name=company]", "佐藤商店")
        page.fill("input[name=email]", "Dup.Sato@example.com")
        page.get_by_role("button", name="参加登録する").click()
        page.wait_for_load_state()
    # The second time reads like the first (the form never says an address is registered).
    notice = page.get_by_text("入力されたアドレスにメールをお送りしました", exact=False)
    assert notice.is_visible()
    shoot(page, "registration-duplicate-phone")
    assert SeminarRegistration.objects.filter(email__iexact="dup.sato@example.com").count() == 1
