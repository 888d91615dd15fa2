"""Deleting in the Wagtail admin: memberships through their service (audited, see
tests/test_audit_matrix.py); a delete the database refuses says why and keeps everything."""

from django.urls import reverse

from academy.models import AuditEntry
from cohorts.models import Cohort, Membership
from tests.factories import AssignmentFactory, submitted_attempt


def test_a_membership_holding_work_is_not_deleted_and_the_page_says_why(staff, world):
    trainee = world.memberships["trainee"]
    submitted_attempt(AssignmentFactory(cohort=world.cohort), trainee, key="k")
    response = staff.post(reverse("cohorts_membership:delete", args=[trainee.pk]), follow=True)
    assert response.redirect_chain[-1][0] == reverse("cohorts_membership:edit", args=[trainee.pk])
    assert "このメンバー登録には受講生の提出物があるため削除できません" in response.content.decode()
    assert Membership.objects.filter(pk=trainee.pk, is_active=True).exists()
    assert not AuditEntry.objects.exists()


def test_a_membership_without_work_is_deleted_with_one_entry(staff, world):
    mentor = world.memberships["other_mentor"]
    response = staff.post(reverse("cohorts_membership:delete", args=[mentor.pk]))
    assert response.status_code == 302
    assert not Membership.objects.filter(pk=mentor.pk).exists()
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.actor, entry.object_id) == ("delete", staff.user, str(mentor.pk))
    assert entry.before["role"] == "mentor" and entry.after is None


def test_a_cohort_with_members_is_not_deleted_and_the_page_says_why(staff, world):
    response = staff.post(reverse("cohorts_cohort:delete", args=[world.cohort.pk]), follow=True)
    assert response.redirect_chain[-1][0] == reverse("cohorts_cohort:edit", args=[world.cohort.pk])
    assert "この期にはメンバーがいるため削除できません" in response.content.decode()
    assert Cohort.objects.filter(pk=world.cohort.pk).exists()


def test_someone_who_may_delete_but_not_edit_lands_on_the_listing(world):
    """A refused delete never sends a person to a page they may not open."""
    from django.contrib.auth.models import Permission

    from tests.conftest import client_for
    from tests.factories import UserFactory

    user = UserFactory(is_staff=True)
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="delete_cohort"),
        Permission.objects.get(codename="view_cohort"),
    )
    client = client_for(user)
    response = client.post(reverse("cohorts_cohort:delete", args=[world.cohort.pk]))
    assert response.status_code == 302
    assert response.url == reverse("cohorts_cohort:index")
    assert Cohort.objects.filter(pk=world.cohort.pk).exists()


def test_a_membership_with_an_extension_is_not_deleted(staff, world):
    """The extension (an audited grant) would have gone with it."""
    from cohorts.coursework.models import Extension
    from tests.factories import ExtensionFactory

    trainee = world.memberships["trainee"]
    extension = ExtensionFactory(
        assignment=AssignmentFactory(cohort=world.cohort), membership=trainee
    )
    response = staff.post(reverse("cohorts_membership:delete", args=[trainee.pk]))
    assert response.status_code == 302
    assert Membership.objects.filter(pk=trainee.pk).exists()
    assert Extension.objects.filter(pk=extension.pk).exists()
    assert not AuditEntry.objects.exists()
