"""Who joined, left or was paired: every change to a membership leaves one audit entry."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from academy.audit import record_change, record_changes, snapshot
from cohorts.models import Membership

from .archive import refuse_if_archived

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
    """A new membership (and its pairing); raises ValidationError on a bad pairing, and
    CohortArchived (a ValidationError) when the cohort is archived."""
    refuse_if_archived(cohort)
    membership = Membership(user=user, cohort=cohort, role=role, is_active=is_active)
    membership.full_clean(exclude=["mentors"])
    membership.save()
    if mentors:
        membership.set_mentors(mentors)  # raises on a bad pairing: nothing is kept
    record_change(
        actor=actor,
        obj=membership,
        action="create",
        after=membership_snapshot(membership, [m.pk for m in mentors]),
        reason=reason,
    )
    return membership


@transaction.atomic
def add_members_in_bulk(*, actor, cohort, people, pairs=(), reason=""):
    """Many new memberships at once (a roster import), in a handful of queries.

    people: [(user, role)], users already saved; pairs: [(trainee user, mentor user)], the
    mentor new here or already an active mentor of cohort. Each pairing passes the same rule
    as one added by hand (Membership.validate_mentors); one audit entry per person.
    Returns the new memberships in the order of people.
    """
    refuse_if_archived(cohort)
    memberships = Membership.objects.bulk_create(
        [Membership(user=user, cohort=cohort, role=role) for user, role in people],
        batch_size=500,
    )
    by_user = {m.user_id: m for m in memberships}
    mentor_of = {
        m.user_id: m for m in Membership.objects.filter(cohort=cohort).mentors().active()
    } | {user_id: m for user_id, m in by_user.items() if m.is_mentor}
    mentor_ids = {}
    for trainee, mentor in dict.fromkeys(pairs):
        membership, mentor_membership = by_user[trainee.pk], mentor_of.get(mentor.pk)
        if mentor_membership is None:
            raise ValidationError(_("%(name)s is not a mentor of this cohort.") % {"name": mentor})
        membership.validate_mentors([mentor_membership])
        mentor_ids.setdefault(membership.pk, []).append(mentor_membership.pk)
    Through = Membership.mentors.through
    Through.objects.bulk_create(
        [
            Through(from_membership_id=trainee_id, to_membership_id=mentor_id)
            for trainee_id, mentors in mentor_ids.items()
            for mentor_id in mentors
        ],
        batch_size=500,
    )
    record_changes(
        actor=actor,
        changes=[
            (m, "create", None, membership_snapshot(m, mentor_ids.get(m.pk, [])))
            for m in memberships
        ],
        reason=reason,
    )
    return memberships


@transaction.atomic
def update_member(*, actor, membership, mentors=None, reason=""):
    """Save membership's changed fields (already set on the instance) and, when given, its
    mentors; the audit entry compares with the stored row."""
    stored = Membership.objects.select_for_update().get(pk=membership.pk)
    before = membership_snapshot(stored)
    membership.full_clean(exclude=["mentors"])
    membership.save()
    if mentors is not None:
        membership.set_mentors(mentors)  # raises on a bad pairing: nothing is kept
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
