"""A mentor's and a trainee's journey at phone width, in Japanese, in a real browser.

mentor1 opens the queue, scores trainee1's attempt on the rubric, writes feedback, saves a
draft and returns it for revision; trainee1 sees the feedback and hands in a new attempt;
mentor1 finds it back in the queue, scores it, saves a draft and releases it; trainee1 reads
the released feedback. Screenshots land in build/screenshots/review-*.png.
"""

from cohorts.coursework.models import Submission
from cohorts.review.models import ReviewRelease
from tests.browser import MARKS, PHONE, new_page, require_chromium, shoot, sign_in

require_chromium()
pytestmark = MARKS


def score_every_criterion(page, nth=0):
    for fieldset in page.locator("fieldset.rubric-row").all():
        fieldset.locator("label.level").nth(nth).click()


def test_mentor_reviews_and_trainee_resubmits_at_phone_width(browser, live_server, demo):
    base = live_server.url
    first = Submission.objects.get(
        membership__user__email="trainee1@example.com",
        assignment__title__startswith="課題1",
        attempt=1,
    )

    mentor = new_page(browser, PHONE)
    sign_in(mentor, base, "mentor1@example.com")
    mentor.goto(f"{base}/review/")
    assert mentor.locator("h1").inner_text() == "講評待ち一覧"
    shoot(mentor, "review-queue-phone")
    mentor.click(f"a[href='/review/submissions/{first.pk}/']")
    score_every_criterion(mentor, nth=2)
    mentor.fill("textarea[name=feedback]", "現状の整理はできています。数字を加えましょう。")
    assert mentor.locator("[data-total]").inner_text() != "–"  # the script adds up live
    mentor.click("button[value=save]")
    assert "下書きとして保存しました" in mentor.locator(".messages").inner_text()
    mentor.fill("textarea[name=revision_request]", "売上の推移を表にしてください。")
    shoot(mentor, "review-page-phone")
    mentor.click("button[value=return]")
    assert "再提出依頼をしました" in mentor.locator(".messages").inner_text()

    trainee = new_page(browser, PHONE)
    sign_in(trainee, base, "trainee1@example.com")
    assert trainee.locator("#new-feedback").is_visible()
    shoot(trainee, "review-trainee-dashboard-phone")
    trainee.goto(f"{base}/submissions/{first.pk}/")
    assert "売上の推移を表にしてください。" in trainee.locator(".feedback").inner_text()
    shoot(trainee, "review-trainee-returned-phone")
    trainee.goto(f"{base}/assignments/{first.assignment_id}/")
    trainee.fill("textarea[name=text]", "売上の推移の表を加えました。")
    trainee.click("button[value=submit]")
    second = Submission.objects.get(
        assignment=first.assignment, membership=first.membership, attempt=2
    )

    mentor.goto(f"{base}/review/")
    mentor.click(f"a[href='/review/submissions/{second.pk}/']")
    assert mentor.locator("details.earlier").count() == 1  # attempt 1 with its feedback
    score_every_criterion(mentor, nth=0)
    mentor.fill("textarea[name=feedback]", "表が加わり、説得力が増しました。")
    mentor.click("button[value=save]")
    mentor.click("button[value=release]")
    assert "講評を公開しました" in mentor.locator(".messages").inner_text()
    assert ReviewRelease.objects.filter(review__submission=second, outcome="released").exists()

    trainee.goto(f"{base}/submissions/{second.pk}/")
    feedback = trainee.locator(".feedback").inner_text()
    assert "表が加わり、説得力が増しました。" in feedback and "100 / 100" in feedback
    shoot(trainee, "review-trainee-released-phone")
