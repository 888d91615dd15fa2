"""Browser smoke test: Playwright drives Debian's Chromium against a live server.

Each demo role signs in through the real login form; phone and desktop screenshots land in
build/screenshots/ for a person to look at. Without Chromium, `make test` skips these with
a reason; CI sets REQUIRE_BROWSER=1, which turns a missing browser into a failure.
"""

import pytest

from tests.browser import MARKS, VIEWPORTS, require_chromium, shoot, sign_in

require_chromium()
pytestmark = MARKS


def test_home_page_in_japanese_at_phone_and_desktop(browser, live_server):
    for label, (width, height) in VIEWPORTS.items():
        page = browser.new_page(viewport={"width": width, "height": height}, locale="ja-JP")
        page.goto(live_server.url + "/")
        assert page.locator("html").get_attribute("lang") == "ja"
        assert page.get_by_role("link", name="ログイン").is_visible()
        shoot(page, f"home-{label}")
        page.close()


def test_language_switch_in_the_browser(browser, live_server):
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(live_server.url + "/")
    page.click("button[value=en]")
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("link", name="Sign in").is_visible()


@pytest.mark.parametrize(
    "email", ["staff@example.com", "mentor1@example.com", "trainee1@example.com"]
)
def test_each_demo_role_signs_in(browser, live_server, demo, email):
    role = email.split("@")[0].rstrip("0123456789")
    for label, (width, height) in VIEWPORTS.items():
        page = browser.new_page(viewport={"width": width, "height": height})
        sign_in(page, live_server.url, email)
        assert page.get_by_role("button", name="ログアウト").is_visible()
        shoot(page, f"{role}-{label}")
        page.close()
