"""The append-only audit trail: record_change, what can't be done to an entry, the admin view."""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import ProtectedError
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from academy.audit import record_change, snapshot
from academy.models import AuditEntry
from tests.conftest import client_for
from tests.factories import StaffFactory, UserFactory

pytestmark = pytest.mark.django_db

User = get_user_model()


@pytest.fixture
def actor():
    return StaffFactory(display_name="事務局 花子")


@pytest.fixture
def subject():
    return UserFactory(display_name="受講生 一郎", preferred_language="ja")


@pytest.fixture
def entry(actor, subject):
    return record_change(
        actor=actor,
        obj=subject,
        action="language changed",
        before={"preferred_language": "ja"},
        after={"preferred_language": "en"},
        reason="本人の依頼",
    )


# ---- record_change ---------------------------------------------------------------------


def test_record_change_writes_who_when_what_before_and_after(actor, subject):
    moment = timezone.now()
    before = snapshot(subject, ["display_name", "preferred_language", "is_active"])
    subject.preferred_language = "en"
    subject.save()
    after = snapshot(subject, ["display_name", "preferred_language", "is_active"])

    entry = record_change(actor=actor, obj=subject, action="updated", before=before, after=after)

    stored = AuditEntry.objects.get(pk=entry.pk)
    assert stored.actor == actor
    assert stored.created_at >= moment
    assert stored.content_type == ContentType.objects.get_for_model(User)
    assert stored.object_id == str(subject.pk)
    assert stored.object_repr == "受講生 一郎"
    assert stored.action == "updated"
    assert stored.before == {
        "display_name": "受講生 一郎",
        "preferred_language": "ja",
        "is_active": True,
    }
    assert stored.after == {
        "display_name": "受講生 一郎",
        "preferred_language": "en",
        "is_active": True,
    }
    assert list(AuditEntry.objects.for_object(subject)) == [stored]


def test_identical_before_and_after_writes_nothing(actor, subject):
    state = snapshot(subject, ["display_name", "preferred_language"])
    assert (
        record_change(actor=actor, obj=subject, action="saved", before=state, after=state) is None
    )
    assert not AuditEntry.objects.exists()


def test_values_equal_once_stored_count_as_unchanged(actor, subject):
    # a Decimal and the string it is stored as are the same value in the trail
    result = record_change(
        actor=actor, obj=subject, action="x", before={"p": Decimal("1.5")}, after={"p": "1.5"}
    )
    assert result is None
    assert not AuditEntry.objects.exists()


def test_creation_and_removal_are_recorded_with_one_side_empty(actor, subject):
    created = record_change(actor=actor, obj=subject, action="created", after={"a": 1})
    removed = record_change(actor=actor, obj=subject, action="removed", before={"a": 1})
    assert (created.before, created.after) == (None, {"a": 1})
    assert (removed.before, removed.after) == ({"a": 1}, None)
    assert AuditEntry.objects.for_object(subject).count() == 2


def test_snapshot_and_values_become_json(actor, subject):
    entry = record_change(
        actor=actor,
        obj=subject,
        action="graded",
        before={"points": Decimal("7.50"), "on": date(2026, 4, 1)},
        after={"points": Decimal("8.00"), "at": datetime(2026, 4, 1, 1, 0, tzinfo=UTC)},
    )
    entry = AuditEntry.objects.get(pk=entry.pk)
    assert entry.before == {"points": "7.50", "on": "2026-04-01"}
    assert entry.after == {"points": "8.00", "at": "2026-04-01T01:00:00Z"}
    # foreign keys by id
    assert snapshot(entry, ["actor", "action"]) == {"actor": actor.pk, "action": "graded"}


def test_anonymous_or_missing_actor_is_stored_as_the_system(subject):
    from django.contrib.auth.models import AnonymousUser

    first = record_change(actor=AnonymousUser(), obj=subject, action="a", after={"x": 1})
    second = record_change(actor=None, obj=subject, action="b", after={"x": 2})
    assert first.actor is None
    assert second.actor is None


def test_an_unsaved_object_cannot_be_audited(actor):
    with pytest.raises(ValueError):
        record_change(actor=actor, obj=User(email="new@example.com"), action="x", after={})
    assert not AuditEntry.objects.exists()


def test_entries_for_any_model(actor, subject):
    record_change(actor=actor, obj=subject, action="user", after={"n": 1})
    ct_entry = record_change(
        actor=actor, obj=ContentType.objects.get_for_model(User), action="ct", after={"n": 2}
    )
    assert ct_entry.content_type == ContentType.objects.get_for_model(ContentType)
    assert AuditEntry.objects.for_object(subject).get().action == "user"


# ---- append-only ---------------------------------------------------------------------


def test_an_entry_cannot_be_saved_again(entry):
    entry.action = "tampered"
    with pytest.raises(PermissionDenied):
        entry.save()
    fresh = AuditEntry.objects.get(pk=entry.pk)
    with pytest.raises(PermissionDenied):
        fresh.save(update_fields=["action"])
    assert AuditEntry.objects.get(pk=entry.pk).action == "language changed"


def test_an_entry_cannot_be_overwritten_through_a_new_instance_with_its_pk(entry):
    with pytest.raises(PermissionDenied):
        AuditEntry(pk=entry.pk, object_id="1", object_repr="x", action="forged").save()
    assert AuditEntry.objects.get(pk=entry.pk).action == "language changed"


def test_an_entry_cannot_be_deleted(entry):
    with pytest.raises(PermissionDenied):
        entry.delete()
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_querysets_refuse_update_and_delete(entry):
    with pytest.raises(PermissionDenied):
        AuditEntry.objects.filter(pk=entry.pk).update(action="tampered")
    with pytest.raises(PermissionDenied):
        AuditEntry.objects.all().delete()
    with pytest.raises(PermissionDenied):
        AuditEntry._base_manager.filter(pk=entry.pk).update(action="tampered")
    with pytest.raises(PermissionDenied):
        AuditEntry.objects.update_or_create(pk=entry.pk, defaults={"action": "tampered"})
    entry.action = "tampered"
    with pytest.raises(PermissionDenied), transaction.atomic():
        AuditEntry.objects.bulk_update([entry], ["action"])
    stored = AuditEntry.objects.get(pk=entry.pk)
    assert stored.action == "language changed"
    assert stored.after == {"preferred_language": "en"}


def test_the_actor_of_an_entry_cannot_be_deleted(entry, actor):
    with pytest.raises(ProtectedError):
        actor.delete()
    assert AuditEntry.objects.get(pk=entry.pk).actor_id == actor.pk


def test_deleting_the_audited_object_keeps_its_trail(entry, subject):
    object_id = str(subject.pk)
    subject.delete()
    stored = AuditEntry.objects.get(pk=entry.pk)
    assert stored.object_id == object_id
    assert stored.object_repr == "受講生 一郎"


# ---- Wagtail admin ---------------------------------------------------------------------


def test_staff_list_entries_in_the_admin(staff, entry):
    response = staff.get(reverse("academy_audit:index"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "受講生 一郎" in body
    assert "language changed" in body  # a code with no label is shown as stored
    assert reverse("academy_audit:inspect", args=[entry.pk]) in body
    assert "/admin/audit/new/" not in body
    assert f"/admin/audit/edit/{entry.pk}/" not in body
    assert f"/admin/audit/delete/{entry.pk}/" not in body


def test_the_admin_listing_does_not_query_per_row(
    staff, actor, subject, django_assert_max_num_queries
):
    for n in range(3):
        record_change(actor=actor, obj=subject, action=f"a{n}", after={"n": n})
    staff.get(reverse("academy_audit:index"))  # warm caches (site, permissions)
    with django_assert_max_num_queries(20) as captured:
        staff.get(reverse("academy_audit:index"))
    queries_for_3 = len(captured)
    for n in range(20):
        record_change(actor=StaffFactory(), obj=UserFactory(), action=f"b{n}", after={"n": n})
    with django_assert_max_num_queries(queries_for_3):
        response = staff.get(reverse("academy_audit:index"))
    assert response.status_code == 200


def test_staff_inspect_an_entry(staff, entry):
    response = staff.get(reverse("academy_audit:inspect", args=[entry.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "本人の依頼" in body
    # The field by its name and the values by their labels (test_audit_display.py has more).
    assert "preferred_language" not in body
    assert "日本語" in body and "英語" in body
    assert f"/admin/audit/edit/{entry.pk}/" not in body


def test_times_are_shown_in_tokyo_time(staff, actor, subject):
    with time_machine.travel(datetime(2026, 4, 1, 1, 5, tzinfo=UTC), tick=False):
        entry = record_change(actor=actor, obj=subject, action="moved", after={"x": 1})
    assert str(entry) == "2026年4月1日（水）10:05 moved 受講生 一郎"
    body = staff.get(reverse("academy_audit:inspect", args=[entry.pk])).content.decode()
    assert "2026年4月1日（水）10:05:00" in body  # staff read the admin in Japanese by default


def test_a_non_superuser_staff_member_can_read_the_trail(entry):
    office = client_for(UserFactory(is_staff=True, is_superuser=False))
    from django.contrib.auth.models import Permission

    office.user.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    assert office.get(reverse("academy_audit:index")).status_code == 200
    assert office.get(reverse("academy_audit:inspect", args=[entry.pk])).status_code == 200


@pytest.mark.parametrize("name", ["add", "edit", "delete", "copy", "history", "usage"])
def test_there_is_no_url_to_change_an_entry(name):
    args = [] if name == "add" else [1]
    with pytest.raises(NoReverseMatch):
        reverse(f"academy_audit:{name}", args=args)


@pytest.mark.parametrize(
    "path", ["new/", "edit/{pk}/", "delete/{pk}/", "copy/{pk}/", "history/{pk}/", "usage/{pk}/"]
)
@pytest.mark.parametrize("method", ["get", "post"])
def test_change_urls_answer_404_and_change_nothing(staff, entry, path, method):
    url = "/admin/audit/" + path.format(pk=entry.pk)
    response = getattr(staff, method)(url, {"action": "tampered", "reason": "x"})
    assert response.status_code == 404
    stored = AuditEntry.objects.get(pk=entry.pk)
    assert (stored.action, stored.reason) == ("language changed", "本人の依頼")
    assert AuditEntry.objects.count() == 1


def test_posting_to_the_read_only_views_changes_nothing(staff, entry):
    for url in (reverse("academy_audit:index"), reverse("academy_audit:inspect", args=[entry.pk])):
        response = staff.post(url, {"action": "tampered"})
        assert response.status_code == 405
    assert AuditEntry.objects.get(pk=entry.pk).action == "language changed"
    assert AuditEntry.objects.count() == 1


def test_the_policy_refuses_changes_even_to_superusers(actor):
    from wagtail.permission_policies.base import BasePermissionPolicy
    from wagtail.permissions import policy_registry

    policy = policy_registry.get_by_type(AuditEntry)
    assert isinstance(policy, BasePermissionPolicy)
    assert actor.is_superuser
    assert policy.user_has_permission(actor, "view")
    for action in ("add", "change", "delete"):
        assert not policy.user_has_permission(actor, action)
    assert actor in policy.users_with_permission("view")
    assert not policy.users_with_permission("change").exists()


def test_people_without_admin_access_cannot_read_the_trail(entry):
    trainee = client_for(UserFactory())
    for url in (reverse("academy_audit:index"), reverse("academy_audit:inspect", args=[entry.pk])):
        response = trainee.get(url)
        assert response.status_code in (302, 403)
        assert "受講生 一郎" not in response.content.decode()
    anonymous = client_for(None)
    response = anonymous.get(reverse("academy_audit:index"))
    assert response.status_code == 302


def test_the_same_moment_in_two_time_zones_is_no_change(db):
    """A date read back from the database (UTC) and the same one typed in Japan time write
    no entry: an admin save that changes nothing leaves nothing in the audit trail."""
    import datetime
    from zoneinfo import ZoneInfo

    from academy.audit import record_change
    from tests.factories import UserFactory

    user = UserFactory()
    utc = datetime.datetime(2026, 12, 9, 14, 59, tzinfo=datetime.UTC)
    tokyo = utc.astimezone(ZoneInfo("Asia/Tokyo"))
    assert (
        record_change(
            actor=user, obj=user, action="update", before={"due_at": utc}, after={"due_at": tokyo}
        )
        is None
    )
    later = record_change(
        actor=user,
        obj=user,
        action="update",
        before={"due_at": utc},
        after={"due_at": tokyo + datetime.timedelta(minutes=1)},
    )
    assert later.before == {"due_at": "2026-12-09T14:59:00Z"}
    assert later.after == {"due_at": "2026-12-09T15:00:00Z"}
