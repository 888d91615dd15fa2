"""The admin's script-drawn text in Japanese, as Chromium shows it to the office.

test_admin_japanese.py reads the HTML the server sends; what Wagtail's scripts draw (the
StreamField block picker, Draftail's placeholder 「文章を入力するか、「/」を入力して…」, the
side panels, the autosave notices) only exists in a browser. Here the demo staff member
opens the page editor, adds a rich-text block and reads every visible text, placeholder and
label. Screenshots of the editor at desktop and phone sizes land in build/screenshots/.
"""

from courses.models import LessonPage, ModulePage
from tests.browser import MARKS, VIEWPORTS, require_chromium, shoot, sign_in

from . import admin_screens
from .visible_english import english_in

require_chromium()
pytestmark = MARKS

READ = """() => {
  const out = [document.body.innerText];
  for (const el of document.querySelectorAll(
      '[placeholder], [aria-label], [title], [data-placeholder], [aria-description]')) {
    for (const name of ['placeholder', 'aria-label', 'title', 'data-placeholder',
                        'aria-description']) {
      const value = el.getAttribute(name);
      if (value) out.push(value);
    }
  }
  return out;
}"""


def english_shown(page, data):
    found = []
    for text in page.evaluate(READ):
        for line in text.split("\n"):
            if english_in(line, data) and line.strip() not in found:
                found.append(line.strip())
    return found


def settle(page):
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)


def test_the_page_editor_draws_japanese(browser, live_server, demo):
    data = admin_screens.data_strings()
    module = ModulePage.objects.order_by("path").first()
    lesson = LessonPage.objects.order_by("path").first()
    found = {}
    for label, (width, height) in VIEWPORTS.items():
        page = browser.new_page(viewport={"width": width, "height": height}, locale="ja-JP")
        sign_in(page, live_server.url, "staff@example.com")

        page.goto(f"{live_server.url}/admin/pages/{lesson.pk}/edit/")
        settle(page)
        found["editor"] = english_shown(page, data)
        shoot(page, f"admin-editor-{label}")

        page.goto(f"{live_server.url}/admin/pages/add/courses/lessonpage/{module.pk}/")
        settle(page)
        page.locator("button.c-sf-add-button").first.click()
        page.wait_for_timeout(300)
        found["block picker"] = english_shown(page, data)
        assert page.locator(".w-combobox input").first.get_attribute("placeholder") == (
            "オプションを検索…"
        )
        page.locator(".w-combobox [role=option]").first.click()
        page.wait_for_timeout(300)
        found["new rich-text block"] = english_shown(page, data)
        assert "文章を入力するか、「/」を入力してブロックを挿入" in page.content()
        shoot(page, f"admin-new-block-{label}")
        page.close()
    assert {name: english for name, english in found.items() if english} == {}
