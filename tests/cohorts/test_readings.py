"""Names with their reading (フリガナ) in the invitation and the roster CSV, and every list of
people in the kernel and on assignment pages in あいうえお order by reading."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation

from academy.demo import reading_of
from cohorts import roster
from cohorts.forms import InvitePersonForm
from cohorts.services import invitations as services
from tests.conftest import client_for
from tests.factories import (
    AssignmentFactory,
    CohortFactory,
    MembershipFactory,
    StaffFactory,
    UserFactory,
)

# By code point 伊藤 < 佐藤 < 渡辺 < 田中 < 鈴木 < 高橋; by reading this order.
PEOPLE = [
    ("伊藤 翔太", "イトウ ショウタ"),
    ("佐藤 健太", "サトウ ケンタ"),
    ("鈴木 美咲", "スズキ ミサキ"),
    ("高橋 大輔", "タカハシ ダイスケ"),
    ("田中 陽菜", "タナカ ヒナ"),
    ("渡辺 拓也", "ワタナベ タクヤ"),
]


def in_order(body, names):
    positions = [body.index(name) for name in names]
    return positions == sorted(positions)


@pytest.fixture
def cohort_of_six(db):
    cohort = CohortFactory(name="2026 第1期")
    mentor = MembershipFactory(
        cohort=cohort, role="mentor", user=UserFactory(display_name="メンター 一郎")
    )
    for name, reading in reversed(PEOPLE):
        MembershipFactory(
            cohort=cohort,
            mentors=[mentor],
            user=UserFactory(display_name=name, name_reading=reading),
        )
    return cohort, mentor


def test_mentor_dashboard_lists_trainees_by_reading(cohort_of_six):
    _cohort, mentor = cohort_of_six
    body = client_for(mentor.user).get(reverse("cohorts:dashboard")).content.decode()
    assert in_order(body, [name for name, _ in PEOPLE])


def test_assignment_page_lists_trainees_by_reading(cohort_of_six):
    cohort, mentor = cohort_of_six
    assignment = AssignmentFactory(cohort=cohort)
    url = reverse("coursework:assignment_detail", args=[assignment.pk])
    for client in (client_for(mentor.user), client_for(StaffFactory())):
        assert in_order(client.get(url).content.decode(), [name for name, _ in PEOPLE])


def test_membership_admin_lists_people_by_reading(cohort_of_six):
    staff = client_for(StaffFactory())
    body = staff.get(reverse("cohorts_membership:index")).content.decode()
    assert in_order(body, [name for name, _ in PEOPLE])


def test_invitation_takes_a_reading(db, django_capture_on_commit_callbacks):
    cohort = CohortFactory()
    with django_capture_on_commit_callbacks(execute=True):
        membership = services.invite(
            cohort=cohort,
            email="new@example.com",
            name="新人 太郎",
            reading="しんじん たろう",
            role="trainee",
        )
    assert membership.user.name_reading == "シンジン タロウ"


def test_invitation_fills_a_blank_reading_but_never_overwrites_one(
    db, django_capture_on_commit_callbacks
):
    blank = UserFactory(email="blank@example.com", name_reading="")
    known = UserFactory(email="known@example.com", name_reading="キチ")
    for user in (blank, known):
        with django_capture_on_commit_callbacks(execute=True):
            services.invite(
                cohort=CohortFactory(), email=user.email, name="", reading="アラタ", role="trainee"
            )
        user.refresh_from_db()
    assert (blank.name_reading, known.name_reading) == ("アラタ", "キチ")


def test_invite_form_refuses_a_reading_that_is_not_kana(db):
    cohort = CohortFactory()
    data = {
        "cohort": cohort.pk,
        "email": "new@example.com",
        "name": "新人 太郎",
        "reading": "新人",
        "role": "trainee",
        "language": "ja",
    }
    with translation.override("ja"):
        form = InvitePersonForm(data)
        assert not form.is_valid()
        assert "カタカナ" in form.errors["reading"][0]


def test_invite_screen_shows_the_reading_field(db):
    body = client_for(StaffFactory()).get(reverse("cohorts_admin:invite")).content.decode()
    assert 'name="reading"' in body


ROSTER = """email,name,フリガナ,role,mentors,language
a@example.com,佐藤 健太,さとう けんた,trainee,,ja
b@example.com,鈴木 美咲,,trainee,,ja
known@example.com,,ｷﾁ,trainee,,
"""


def test_roster_reading_column_is_optional_and_normalised(db, django_capture_on_commit_callbacks):
    cohort = CohortFactory()
    UserFactory(email="known@example.com", name_reading="")
    preview = roster.parse(ROSTER, cohort)
    assert preview.is_valid, [(r.line, r.errors) for r in preview.rows]
    assert [r.reading for r in preview.rows] == ["サトウ ケンタ", "", "キチ"]
    with django_capture_on_commit_callbacks(execute=True):
        roster.save(preview)
    readings = dict(get_user_model().objects.values_list("email", "name_reading"))
    assert readings["a@example.com"] == "サトウ ケンタ"
    assert readings["b@example.com"] == ""
    assert readings["known@example.com"] == "キチ"
    # A file without the column still works (existing rosters and templates).
    assert roster.parse("email,name,role\nc@example.com,山田 一郎,trainee\n", cohort).is_valid


def test_roster_row_with_a_bad_reading_is_an_error_and_nothing_is_saved(db):
    cohort = CohortFactory()
    with translation.override("ja"):
        preview = roster.parse("email,name,reading,role\nx@example.com,山田,山田,trainee\n", cohort)
    assert not preview.is_valid
    assert "カタカナ" in str(preview.rows[0].errors[0])
    with pytest.raises(ValueError):
        roster.save(preview)
    assert not get_user_model().objects.filter(email="x@example.com").exists()


def test_roster_template_has_the_reading_column():
    assert "reading" in roster.COLUMNS
    assert all(len(row) == len(roster.COLUMNS) for row in roster.TEMPLATE_ROWS)


def test_demo_people_have_readings():
    assert reading_of("佐藤", "健太") == "サトウ ケンタ"
