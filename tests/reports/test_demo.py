"""The default demo (seed_demo) shows something in every section of every dashboard: read
from the pages in Japanese, section by section, on what each section holds (not its status)."""

import re

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.urls import reverse

from tests.conftest import client_for

pytestmark = [pytest.mark.slow, pytest.mark.django_db]


def body_of(email, name):
    """The page as served (its markup untouched), in Japanese."""
    user = get_user_model().objects.get(email=email)
    response = client_for(user).get(reverse(name), HTTP_ACCEPT_LANGUAGE="ja")
    assert response.status_code == 200
    return response.content.decode()


def page_of(email, name):
    return BeautifulSoup(body_of(email, name), "html.parser")


def section(page, heading_id):
    """The <section> a heading names (aria-labelledby), or the heading's card."""
    found = page.find(attrs={"aria-labelledby": heading_id})
    assert found is not None, heading_id
    return found


def texts(nodes):
    return [" ".join(node.get_text(" ", strip=True).split()) for node in nodes]


def after_heading(block, heading):
    """The list that follows an <h3> with that text in block (its items' text)."""
    h3 = next(h for h in block.find_all("h3") if heading in h.get_text())
    following = h3.find_next_sibling(["ul", "p"])
    assert following is not None and following.name == "ul", f"{heading}: nothing listed"
    return texts(following.find_all("li"))


def check_the_trainees_dashboard():
    page = page_of("trainee1@example.com", "cohorts:dashboard")
    (resume,) = texts(page.select(".continue a"))
    assert resume.startswith("続きから学ぶ：") and len(resume) > len("続きから学ぶ：")
    due = texts(section(page, page.select_one(".due-panel h2")["id"]).select(".due-item"))
    assert due and all("締切：" in item and "課題" in item for item in due)
    feedback = texts(section(page, "new-feedback").find_all("li"))
    assert feedback and all("課題" in item for item in feedback)
    sessions = texts(section(page, "next-sessions").select(".session-list > li"))
    assert sessions and all("年" in item and "月" in item for item in sessions)
    progress = " ".join(texts([section(page, "my-cohorts")]))
    done, total = map(int, re.search(r"完了したレッスン (\d+) / (\d+)", progress).groups())
    assert 0 < done < total
    assert re.search(r"評価済みの課題 [1-9]\d* / \d+", progress)
    assert re.search(r"出席率 \d+(\.\d)?%", progress)
    assert "担当メンター" in progress and "石井 健太" in progress  # mentor1


def check_the_mentors_dashboard():
    page = page_of("mentor1@example.com", "cohorts:dashboard")
    sessions = texts(section(page, "next-sessions").select(".session-list > li"))
    assert sessions and all("出欠をとる" in item for item in sessions)
    trainees = section(page, "my-trainees")
    rows = trainees.select("table.trainee-rows tbody tr")
    assert len(rows) == 3  # trainees 1–3
    for row in rows:
        cells = {td["data-label"]: td.get_text(" ", strip=True) for td in row.find_all("td")}
        assert re.fullmatch(r"\d+ / \d+", cells["完了したレッスン"])
        assert "年" in cells["最後の提出"]  # each has handed something in
        assert cells["講評待ち"].isdigit() and cells["出席率"].endswith("%")
        # the state, then overdue action items of their meetings when there are some
        assert cells["状態"].startswith(("順調", "遅れ気味"))
    states = [row.find_all("td")[-1].get_text(" ", strip=True) for row in rows]
    assert any("締切を過ぎた宿題" in state for state in states)
    assert any(state.startswith("遅れ気味") for state in states)  # the flag shows
    assert any(state.startswith("順調") for state in states)
    links = texts(trainees.select(".report-links a"))
    assert {"成績表", "進捗レポート", "出欠レポート"} <= set(links)


def check_the_staff_dashboard_and_today():
    page = page_of("staff@example.com", "cohorts:dashboard")
    cohorts = section(page, "all-cohorts").select("table tbody tr")
    assert len(cohorts) == 3  # the two running cohorts and the archived 2025 第0期
    mentored = 0
    for row in cohorts:
        cells = {td["data-label"]: td.get_text(" ", strip=True) for td in row.find_all("td")}
        assert int(cells["受講生"]) > 0
        mentored += int(cells["メンター"]) > 0
        assert "成績表" in cells["レポート"]
    assert mentored >= 2
    today = page_of("staff@example.com", "reports:today")
    first = next(
        block for block in today.select(".today-cohort") if "2026 第1期" in block.h2.get_text()
    )
    missing = after_heading(first, "締切を過ぎた未提出の課題")
    assert missing and all("課題" in item for item in missing)
    assert after_heading(first, "2回連続の欠席")
    waiting = after_heading(first, "講評待ちの提出物")
    assert waiting and all("「課題" in item for item in waiting)
    assert after_heading(first, "今日と明日のセッション")
    seminars = texts(section(today, "seminars").find_all("li"))
    assert seminars and all("席が埋まっています" in item for item in seminars)


def test_every_dashboard_section_has_something(demo):
    """One seed_demo for the three roles (it takes seconds)."""
    check_the_trainees_dashboard()
    check_the_mentors_dashboard()
    check_the_staff_dashboard_and_today()


def test_the_demo_shows_a_new_assignment_and_reminders_sent_today(demo):
    trainee = body_of("trainee1@example.com", "cohorts:dashboard")
    assert "新しい課題" in trainee and "new-assignment" in trainee
    today = body_of("staff@example.com", "reports:today")
    assert today.count("がリマインド済み") == 2  # a trainee's missing work, today's session
    assert today.count('remind" disabled') == 2
    assert "受講生にリマインドを送る" in today and "メンターにリマインドを送る" in today
    mentor = body_of("mentor1@example.com", "cohorts:dashboard")
    assert "新しい課題" not in mentor
