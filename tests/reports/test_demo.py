"""The default demo shows something in every section of every dashboard (read from the
pages, in Japanese)."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from tests.conftest import client_for

pytestmark = [pytest.mark.slow, pytest.mark.django_db]


def body_of(email, name):
    user = get_user_model().objects.get(email=email)
    response = client_for(user).get(reverse(name), HTTP_ACCEPT_LANGUAGE="ja")
    assert response.status_code == 200
    return response.content.decode()


def test_every_dashboard_section_has_something(demo):
    trainee = body_of("trainee1@example.com", "cohorts:dashboard")
    assert "続きから学ぶ" in trainee  # continue where I left off
    assert "due-item" in trainee  # something is due
    assert "new-feedback" in trainee
    assert "session-list" in trainee
    assert "評価済みの課題" in trainee and "出席率" in trainee
    mentor = body_of("mentor1@example.com", "cohorts:dashboard")
    assert mentor.count('class="behind"') >= 1 and "順調" in mentor
    today = body_of("staff@example.com", "reports:today")
    for empty in (
        "未提出の課題はありません。",
        "該当者はいません。",
        "長く講評待ちになっている提出物はありません。",
        "満席が近い公開セミナーはありません。",
    ):
        assert today.count(empty) < today.count("today-cohort"), empty
    assert "満席が近い公開セミナー" in today and "席が埋まっています" in today


def test_the_demo_shows_a_new_assignment_and_reminders_sent_today(demo):
    trainee = body_of("trainee1@example.com", "cohorts:dashboard")
    assert "新しい課題" in trainee and "new-assignment" in trainee
    today = body_of("staff@example.com", "reports:today")
    assert today.count("がリマインド済み") == 2  # a trainee's missing work, today's session
    assert today.count('remind" disabled') == 2
    assert "受講生にリマインドを送る" in today and "メンターにリマインドを送る" in today
    mentor = body_of("mentor1@example.com", "cohorts:dashboard")
    assert "新しい課題" not in mentor
