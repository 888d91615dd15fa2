"""Browser smoke test: Playwright drives Debian's Chromium against a live server.

Each demo role signs in through the real login form; phone and desktop screenshots land in
build/screenshots/ for a person to look at. Without Chromium, `make test` skips these with
a reason; CI sets REQUIRE_BROWSER=1, which turns a missing browser into a failure.
"""

import os
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
SHOTS = Path(__file__).resolve().parent.parent / "build" / "screenshots"
VIEWPORTS = {"phone": (390, 844), "desktop": (1280, 800)}
DEMO_PASSWORD = "demo-pass-2026"

if not (os.path.exists(CHROMIUM) or shutil.which("chromium")):
    if os.environ.get("REQUIRE_BROWSER"):
        raise RuntimeError("REQUIRE_BROWSER is set but Chromium is missing at /usr/bin/chromium")
    pytest.skip(
        "Chromium is not installed (apt-get install chromium fonts-noto-cjk): browser tests skipped",
        allow_module_level=True,
    )

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def demo(settings):
    settings.DEBUG = False
    call_command("seed_demo", "--i-know-this-is-not-production", verbosity=0)


def sign_in(page, base_url, email):
    page.goto(f"{base_url}/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.click("form [type=submit]")  # as shared/tools/screenshot.py does
    page.wait_for_load_state()


def shoot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 5000
    return path


def test_home_page_in_japanese_at_phone_and_desktop(browser, live_server):
    for label, (width, height) in VIEWPORTS.items():
        page = browser.new_page(viewport={"width": width, "height": height}, locale="ja-JP")
        page.goto(live_server.url + "/")
        assert page.locator("html").get_attribute("lang") == "ja"
        assert page.get_by_role("link", name="サインイン").is_visible()
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
        assert page.get_by_role("button", name="サインアウト").is_visible()
        shoot(page, f"{role}-{label}")
        page.close()
