"""Shared pieces of the browser tests: Playwright driving Debian's Chromium.

Test modules call `require_chromium()` at import: without Chromium, `make test` skips them
with a reason; CI sets REQUIRE_BROWSER=1, which turns a missing browser into a failure.
The `browser` and `demo` fixtures live in tests/conftest.py.
"""

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
SHOTS = Path(__file__).resolve().parent.parent / "build" / "screenshots"
PHONE, DESKTOP = (390, 844), (1280, 800)
VIEWPORTS = {"phone": PHONE, "desktop": DESKTOP}
DEMO_PASSWORD = "demo-pass-2026"
MARKS = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def require_chromium():
    if os.path.exists(CHROMIUM) or shutil.which("chromium"):
        os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        return
    if os.environ.get("REQUIRE_BROWSER"):
        raise RuntimeError("REQUIRE_BROWSER is set but Chromium is missing at /usr/bin/chromium")
    pytest.skip(
        "Chromium is not installed (apt-get install chromium fonts-noto-cjk): browser tests skipped",
        allow_module_level=True,
    )


def new_page(browser, size):
    width, height = size
    return browser.new_page(viewport={"width": width, "height": height}, locale="ja-JP")


def shoot(page, name):
    """A full-page screenshot in build/screenshots/, checked to be more than a blank page."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 5000
    return path


def sign_in(page, base_url, email, password=DEMO_PASSWORD):
    """Through the real login form, as shared/tools/screenshot.py does."""
    page.goto(f"{base_url}/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", password)
    page.click("form [type=submit]")
    page.wait_for_load_state()


BLOCKING_IMPACTS = ("serious", "critical")


def axe_problems(page):
    """axe-core (bundled by axe-playwright-python, no network) run on the page as it stands:
    its serious and critical violations, one readable line each. Checks that axe ran."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"resultTypes": ["violations"]}).response
    assert results["passes"], f"axe checked nothing on {page.url}"
    return [
        f"{page.url} {violation['id']} ({violation['impact']}): {violation['help']} — "
        + ", ".join(" ".join(node["target"]) for node in violation["nodes"][:5])
        for violation in results["violations"]
        if violation["impact"] in BLOCKING_IMPACTS
    ]
