"""The audit trail as the office reads it: action labels, and before/after as field, old, new
(academy/audit_display.py, the audit screens in academy/admin.py)."""

from datetime import UTC, datetime

import pytest
from django.urls import reverse
from django.utils import translation

from academy.audit import record_change, snapshot
from academy.audit_display import action_label, changes
from cohorts.models import Membership
from tests.academy.visible_english import visible_texts
from tests.factories import AssignmentFactory, StaffFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def moved_due_date(world):
    """The office moves an assignment's due date: one entry, as the service writes it."""
    assignment = AssignmentFactory(
        cohort=world.cohort,
        title="自社の現状分析",
        opens_at=datetime(2026, 4, 1, 0, 0, tzinfo=UTC),
        due_at=datetime(2026, 5, 1, 14, 59, tzinfo=UTC),
        points=100,
    )
    fields = ["due_at", "points", "late_policy"]
    before = snapshot(assignment, fields)
    assignment.due_at = datetime(2026, 5, 8, 14, 59, tzinfo=UTC)
    return record_change(
        actor=StaffFactory(display_name="事務局 佐藤"),
        obj=assignment,
        action="update",
        before=before,
        after=snapshot(assignment, fields),
    )


def test_actions_have_labels_and_unknown_codes_show_as_stored():
    with translation.override("ja"):
        assert str(action_label("update")) == "変更"
        assert str(action_label("pair")) == "メンターの割り当て"
        assert action_label("something new") == "something new"


def test_before_and_after_read_as_fields_and_values(moved_due_date):
    with translation.override("ja"):
        rows = {row.label: row for row in changes(moved_due_date)}
    due = rows["締切"]
    assert due.changed
    assert due.before == "2026年5月1日（金）23:59"  # Tokyo time, from the one formatter
    assert due.after == "2026年5月8日（金）23:59"
    assert not rows["配点"].changed and rows["配点"].before == "100"


def test_a_related_object_is_shown_by_name_and_a_deleted_one_by_id(world):
    membership = Membership.objects.filter(role=Membership.Role.TRAINEE).first()
    entry = record_change(
        actor=None,
        obj=membership,
        action="update",
        before={"cohort": membership.cohort_id, "is_active": True},
        after={"cohort": 999999, "is_active": False},
    )
    with translation.override("ja"):
        rows = {row.label: row for row in changes(entry)}
    assert rows["期"].before == str(membership.cohort)
    assert rows["期"].after == "#999999（削除済み）"
    assert (rows["有効"].before, rows["有効"].after) == ("はい", "いいえ")


def test_the_inspect_screen_shows_a_table_not_json(staff, moved_due_date):
    body = staff.get(reverse("academy_audit:inspect", args=[moved_due_date.pk])).content.decode()
    assert "変更内容" in body
    assert "2026年5月8日（金）23:59" in body
    assert "&quot;due_at&quot;" not in body and '"due_at"' not in body
    assert "変更 自社の現状分析" in body  # the title says the action by its label


def test_the_listing_and_its_filter_use_the_labels(staff, moved_due_date):
    body = staff.get(reverse("academy_audit:index")).content.decode()
    texts = [text.strip() for text in visible_texts(body)]
    assert "変更" in texts and "update" not in texts
    assert '<option value="update">変更</option>' in body
    # Only the kinds of object the trail has entries for are offered.
    assert "課題" in body
    assert "レンディション" not in body and "rendition" not in body
