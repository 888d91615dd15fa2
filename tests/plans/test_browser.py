"""A trainee's and a mentor's journey with the succession plan at phone width, in Japanese.

trainee1 opens their plan from the header, edits 「後継者のビジョン」 (a new version);
mentor1 opens trainee1's plan from their trainee page, reads the section and comments on it;
trainee1 sees the open comment and resolves it. Screenshots land in
build/screenshots/plans-*.png.
"""

from cohorts.plans.models import SectionComment
from tests.browser import MARKS, PHONE, new_page, require_chromium, shoot, sign_in

require_chromium()
pytestmark = MARKS


def test_trainee_edits_mentor_comments_trainee_resolves_at_phone_width(browser, live_server, demo):
    base = live_server.url
    trainee = new_page(browser, PHONE)
    sign_in(trainee, base, "trainee1@example.com")
    trainee.click("nav >> text=事業承継計画書")
    assert trainee.locator("h1").inner_text() == "事業承継計画書"
    shoot(trainee, "plans-trainee-plan-phone")
    vision = trainee.locator("li.plan-section", has_text="後継者のビジョン")
    vision.locator("text=編集").click()
    assert trainee.locator("h1").inner_text() == "後継者のビジョン"
    trainee.fill(
        "textarea[name=body]", "医療機器分野の売上を5年で3割にする。\n\n主な製品は内視鏡の部品。"
    )
    shoot(trainee, "plans-trainee-edit-phone")
    trainee.click("button[type=submit]")
    assert "第3版として保存しました。" in trainee.locator(".messages").inner_text()
    section_url = trainee.url

    mentor = new_page(browser, PHONE)
    sign_in(mentor, base, "mentor1@example.com")
    mentor.click("text=佐藤 健太")  # trainee1 on the mentor's dashboard
    mentor.click("text=事業承継計画書")
    assert "閲覧の記録が事務局に残ります" in mentor.locator("main").inner_text()
    mentor.goto(section_url)
    assert "内視鏡の部品" in mentor.locator(".plan-section .body").inner_text()
    mentor.fill("textarea[name=body]", "内視鏡の部品の市場規模も調べておきましょう。")
    mentor.click("text=コメントを送信する")
    assert "コメントを送信しました。" in mentor.locator(".messages").inner_text()
    shoot(mentor, "plans-mentor-comment-phone")
    comment = SectionComment.objects.get(body__startswith="内視鏡の部品の市場規模")
    assert comment.version.number == 3 and comment.is_open

    trainee.goto(section_url)
    card = trainee.locator(f"#comment-{comment.pk}")
    assert "未解決" in card.inner_text()
    shoot(trainee, "plans-trainee-comment-phone")
    card.locator("text=解決済みにする").click()
    assert "コメントを解決済みにしました。" in trainee.locator(".messages").inner_text()
    comment.refresh_from_db()
    assert not comment.is_open and comment.resolved_by.email == "trainee1@example.com"
    shoot(trainee, "plans-trainee-resolved-phone")

    trainee.goto(f"{section_url}history/")
    trainee.click("form.compare-pick button[type=submit]")
    trainee.wait_for_load_state()
    assert trainee.locator("ins").count() > 0
    shoot(trainee, "plans-compare-phone")
    # Nothing runs off the side of a phone.
    width = trainee.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE[0]
