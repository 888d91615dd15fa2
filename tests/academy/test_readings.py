"""Readings (フリガナ): normalised to katakana, validated, and the あいうえお order of people."""

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from academy.readings import normalize_reading, reading_sort_key, validate_reading
from tests.conftest import client_for
from tests.factories import StaffFactory, UserFactory

# Code-point order of these kanji is 伊藤, 佐藤, 渡辺, 田中, 鈴木, 高橋; by reading it is this.
PEOPLE = [
    ("伊藤 翔太", "イトウ ショウタ"),
    ("佐藤 健太", "サトウ ケンタ"),
    ("鈴木 美咲", "スズキ ミサキ"),
    ("高橋 大輔", "たかはし だいすけ"),  # typed in hiragana
    ("田中 陽菜", "ﾀﾅｶ ﾋﾅ"),  # typed in half-width katakana
    ("渡辺 拓也", "ワタナベ　タクヤ"),  # full-width space
]


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("さとう けんた", "サトウ ケンタ"),
        ("ｻﾄｳ ｹﾝﾀ", "サトウ ケンタ"),
        ("  サトウ　　ケンタ ", "サトウ ケンタ"),
        ("ゔぁーじにあ", "ヴァージニア"),
        ("", ""),
    ],
)
def test_readings_are_stored_in_katakana(typed, stored):
    assert normalize_reading(typed) == stored


@pytest.mark.parametrize("bad", ["佐藤", "Sato", "サトウ1", "サトウ<script>", "さとう\nけんた"])
def test_anything_but_kana_is_refused_with_a_clear_message(bad):
    with translation.override("ja"), pytest.raises(ValidationError) as error:
        validate_reading(bad)
    assert "カタカナ" in error.value.messages[0]


def make_people():
    users = [UserFactory(display_name=name, name_reading=reading) for name, reading in PEOPLE]
    UserFactory(display_name="阿部 誠", name_reading="")  # no reading: sorts by name, last
    return users


def test_users_sort_in_aiueo_order_by_reading(db):
    make_people()
    names = [u.display_name for u in get_user_model().objects.filter(email__startswith="person")]
    assert names == [name for name, _reading in PEOPLE] + ["阿部 誠"]
    by_method = list(get_user_model().objects.filter(email__startswith="person").by_reading())
    assert [u.display_name for u in by_method] == names
    assert sorted(by_method, key=reading_sort_key) == by_method


def test_existing_rows_without_reading_fall_back_to_the_name(db):
    UserFactory(display_name="", last_name="山田", first_name="一郎", email="b@example.com")
    UserFactory(display_name="", email="a@example.com")
    UserFactory(display_name="", name_reading="アベ", email="c@example.com")
    emails = [
        u.email
        for u in get_user_model().objects.filter(
            email__in=["a@example.com", "b@example.com", "c@example.com"]
        )
    ]
    # Reading アベ, then the family + given names 山田一郎; an address (ASCII) comes first.
    assert emails == ["a@example.com", "c@example.com", "b@example.com"]


def test_save_stores_the_normalised_reading(db):
    user = UserFactory(name_reading="さとう けんた")
    user.refresh_from_db()
    assert user.name_reading == "サトウ ケンタ"


def test_admin_user_list_is_in_reading_order_and_forms_have_the_reading(db):
    make_people()
    staff = client_for(StaffFactory(display_name="事務局", name_reading="ジムキョク"))
    body = staff.get(reverse("wagtailusers_users:index")).content.decode()
    positions = [body.index(name) for name, _reading in PEOPLE]
    assert positions == sorted(positions)
    assert 'name="name_reading"' in staff.get(reverse("wagtailusers_users:add")).content.decode()
    person = get_user_model().objects.get(display_name="佐藤 健太")
    edit_url = reverse("wagtailusers_users:edit", args=[person.pk])
    edit = staff.get(edit_url).content.decode()
    assert 'name="name_reading"' in edit and "サトウ ケンタ" in edit


def test_admin_edit_refuses_a_bad_reading_and_changes_nothing(db):
    person = UserFactory(display_name="佐藤 健太", name_reading="サトウ ケンタ")
    staff = client_for(StaffFactory())
    data = {
        "email": person.email,
        "first_name": "",
        "last_name": "",
        "display_name": "佐藤 健太",
        "name_reading": "佐藤",
        "preferred_language": "ja",
        "is_active": "on",
    }
    response = staff.post(reverse("wagtailusers_users:edit", args=[person.pk]), data)
    assert response.status_code == 200
    assert "カタカナ" in response.content.decode()
    person.refresh_from_db()
    assert person.name_reading == "サトウ ケンタ"
    data["name_reading"] = "さとう たろう"
    response = staff.post(reverse("wagtailusers_users:edit", args=[person.pk]), data)
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.name_reading == "サトウ タロウ"
