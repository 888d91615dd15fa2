"""Who joined, left or was paired: every change to a membership leaves one audit entry."""

from django.db import transaction

from academy.audit import record_change, record_changes, snapshot
from cohorts.models import Membership

AUDITED = ["user", "cohort", "role", "is_active"]


def membership_snapshot(membership, mentor_ids=None):
    """The audited state: the fields above and the paired mentors' membership ids."""
    values = snapshot(membership, AUDITED)
    if mentor_ids is None:
        mentor_ids = membership.mentors.values_list("pk", flat=True) if membership.pk else []
    values["mentors"] = sorted(mentor_ids)
    return values


def _action(before, after):
    if before["is_active"] and not after["is_active"]:
        return "deactivate"
    if not before["is_active"] and after["is_active"]:
        return "reactivate"
    only_mentors_changed = all(before[name] == after[name] for name in after if name != "mentors")
    return "pair" if only_mentors_changed else "update"


@transaction.atomic
def add_member(*, actor, user, cohort, role, is_active=True, mentors=(), reason=""):
    """A new membership (and its pairing); raises ValidationError on a bad pairing."""
    membership = Membership(user=user, cohort=cohort, role=role, is_active=is_active)
    membership.validate_unique()
    membership.validate_mentors(mentors)
    membership.save()
    if mentors:
        membership.set_mentors(mentors)
    record_change(
        actor=actor,
        obj=membership,
        action="create",
        after=membership_snapshot(membership, [m.pk for m in mentors]),
        reason=reason,
    )
    return membership


def add_members_in_bulk(*, actor, memberships, mentor_ids, reason=""):
    """Audit entries for memberships a roster import created in bulk (one per person).

    mentor_ids: {membership pk: [mentor membership pks]}. Runs inside the import's transaction.
    """
    record_changes(
        actor=actor,
        changes=[
            (m, "create", None, membership_snapshot(m, mentor_ids.get(m.pk, [])))
            for m in memberships
        ],
        reason=reason,
    )


@transaction.atomic
def update_member(*, actor, membership, mentors=None, reason=""):
    """Save membership's changed fields (already set on the instance) and, when given, its
    mentors; the audit entry compares with the stored row."""
    stored = Membership.objects.select_for_update().get(pk=membership.pk)
    before = membership_snapshot(stored)
    membership.full_clean(exclude=["mentors"], validate_constraints=True)
    if mentors is not None:
        membership.validate_mentors(mentors)
    membership.save()
    if mentors is not None:
        membership.mentors.set(mentors)
    after = membership_snapshot(membership)
    record_change(
        actor=actor,
        obj=membership,
        action=_action(before, after),
        before=before,
        after=after,
        reason=reason,
    )
    return membership


@transaction.atomic
def remove_member(*, actor, membership, reason=""):
    """Delete a membership that holds no work (the database refuses one that does); audited.

    Leaving a cohort is normally a deactivation (update_member with is_active False), which
    keeps the person's history.
    """
    before = membership_snapshot(membership)
    record_change(actor=actor, obj=membership, action="delete", before=before, reason=reason)
    membership.delete()
