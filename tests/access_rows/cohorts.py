"""Access rows for the cohorts kernel: dashboard, invitations, admin views."""

from cohorts.models import Invitation, Membership
from tests.factories import UserFactory

from . import SIGNED_IN, STAFF_ADMIN, Row, expect


def build(world):
    """A pending trainee (no password yet) with an open invitation link."""
    invitee = UserFactory(email="w-invitee@example.com", display_name="招待 四郎")
    invitee.set_unusable_password()
    invitee.save(update_fields=["password"])
    membership = Membership.objects.create(user=invitee, cohort=world.cohort, role="trainee")
    invitation, token = Invitation.build(membership)
    invitation.save()
    world.objects["invitation_token"] = token


ROWS = [
    Row("cohorts:dashboard", SIGNED_IN),
    Row(
        "cohorts:invitation_accept",
        expect(200),
        kwargs=lambda w: {"token": w.invitation_token},
        label="open link",
    ),
    Row(
        "cohorts:invitation_accept",
        expect(404),
        kwargs=lambda w: {"token": "x" * 43},
        label="unknown link",
    ),
    Row(
        "cohorts:invitation_accept",
        expect(405),
        kwargs=lambda w: {"token": w.invitation_token},
        method="put",
        label="PUT",
    ),
    Row("cohorts_admin:invite", STAFF_ADMIN),
    Row(
        "cohorts_admin:reinvite", STAFF_ADMIN, kwargs=lambda w: {"pk": w.memberships["trainee"].pk}
    ),
    Row("cohorts_admin:roster_import", STAFF_ADMIN),
    Row("cohorts_admin:roster_template", STAFF_ADMIN),
    Row("cohorts_cohort:index", STAFF_ADMIN),
    Row("cohorts_cohort:index_results", STAFF_ADMIN),
    Row("cohorts_membership:index", STAFF_ADMIN),
    Row("cohorts_membership:index_results", STAFF_ADMIN),
    Row(
        "cohorts_cohort:delete",
        STAFF_ADMIN,
        kwargs=lambda w: {"pk": w.cohort.pk},
        label="confirmation page",
    ),
    Row("cohorts_membership:add", STAFF_ADMIN),
    Row(
        "cohorts_membership:edit",
        STAFF_ADMIN,
        kwargs=lambda w: {"pk": w.memberships["trainee"].pk},
    ),
    Row(
        "cohorts_membership:delete",
        STAFF_ADMIN,
        kwargs=lambda w: {"pk": w.memberships["other_mentor"].pk},
        label="confirmation page",
    ),
]
