"""Inviting people, re-inviting, accepting an invitation.

Plain functions; views and the roster import call them; the membership itself is made by
cohorts.services.memberships (audited). E-mails are queued only once the
transaction commits, so a rolled-back import sends nothing.
"""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone, translation

from academy.datetimes import format_date
from academy.links import absolute_reverse
from academy.mail import language_for, send_email
from academy.readings import normalize_reading
from cohorts.models import Invitation

from .archive import refuse_if_archived
from .memberships import add_member

INVITATION_EMAIL = "cohorts/email/invitation"
ADDED_EMAIL = "cohorts/email/added_to_cohort"


def needs_password(user):
    """A person who has never set a password gets a link to set one."""
    return not user.has_usable_password()


def invitation_context(invitation, token):
    membership = invitation.membership
    with translation.override(language_for(membership.user)):
        expires_on = format_date(invitation.expires_at)  # in the invitee's language
    return {
        "name": membership.user.get_full_name(),
        "cohort": membership.cohort.name,
        "course": membership.cohort.course.title,
        "role": membership.role,
        "url": absolute_reverse("cohorts:invitation_accept", token=token),
        "expires_on": expires_on,
    }


def queue_invitation_email(invitation, token):
    """Queue the link's e-mail for after the commit (the raw token lives only there)."""
    user = invitation.membership.user
    context = invitation_context(invitation, token)
    transaction.on_commit(lambda: send_email(user.email, INVITATION_EMAIL, context, user=user))


def _send_added(membership):
    user = membership.user
    context = {
        "name": user.get_full_name(),
        "cohort": membership.cohort.name,
        "course": membership.cohort.course.title,
        "role": membership.role,
        "url": absolute_reverse("cohorts:dashboard"),
    }
    transaction.on_commit(lambda: send_email(user.email, ADDED_EMAIL, context, user=user))


def find_or_build_user(email, name="", language=""):
    """(user, created): an existing account by e-mail (case-insensitive) or a new one with no
    usable password yet."""
    User = get_user_model()
    email = User.objects.normalize_email(email).strip().lower()
    existing = User.objects.filter(email__iexact=email).first()
    if existing is not None:
        return existing, False
    user = User(email=email, display_name=name, preferred_language=language or "ja")
    user.set_unusable_password()
    return user, True


def notify(membership, *, invited_by=None):
    """Send the right e-mail: a set-password link to a new person, a note to an existing one.

    Returns the Invitation when a link was sent, else None.
    """
    if needs_password(membership.user):
        return send_invitation(membership, invited_by=invited_by)
    _send_added(membership)
    return None


@transaction.atomic
def send_invitation(membership, *, invited_by=None):
    """A new link for membership; every earlier open link for it stops working."""
    now = timezone.now()
    Invitation.objects.filter(
        membership=membership, used_at__isnull=True, voided_at__isnull=True
    ).update(voided_at=now)
    invitation, token = Invitation.build(membership, invited_by=invited_by)
    invitation.save()
    queue_invitation_email(invitation, token)
    return invitation


@transaction.atomic
def invite(*, cohort, email, name, role, mentors=(), language="", reading="", invited_by=None):
    """Invite one person to cohort: find or create the account, add the membership, pair
    mentors, e-mail them. Raises ValidationError on a bad pairing; returns the membership."""
    user, created = find_or_build_user(email, name, language)
    reading = normalize_reading(reading)
    if created:
        user.name_reading = reading
        user.save()
    elif reading and not user.name_reading:  # fill a blank reading, never overwrite one
        user.name_reading = reading
        user.save(update_fields=["name_reading"])
    membership = add_member(
        actor=invited_by, user=user, cohort=cohort, role=role, mentors=list(mentors)
    )
    notify(membership, invited_by=invited_by)
    return membership


def reinvite(membership, *, invited_by=None):
    """Send again: a fresh link (voiding the old) or, for an account with a password, a note.
    CohortArchived when the cohort is archived."""
    refuse_if_archived(membership.cohort_id)
    return notify(membership, invited_by=invited_by)


class InvitationUnusable(Exception):
    """The link was used, replaced or expired meanwhile."""


@transaction.atomic
def accept_invitation(invitation, password):
    """Set the invited person's password, confirm their address, spend the link.

    The link is claimed with a conditional UPDATE, so two simultaneous submissions cannot
    both use it; the loser gets InvitationUnusable.
    """
    from allauth.account.models import EmailAddress

    refuse_if_archived(invitation.membership.cohort_id)
    now = timezone.now()
    claimed = (
        Invitation.objects.open()
        .filter(pk=invitation.pk, membership__is_active=True)
        .update(used_at=now)
    )
    if not claimed:
        raise InvitationUnusable
    user = invitation.membership.user
    user.set_password(password)
    user.save(update_fields=["password"])
    EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
    # The person's other open links (other cohorts) would set the password again: void them.
    Invitation.objects.filter(
        membership__user=user, used_at__isnull=True, voided_at__isnull=True
    ).update(voided_at=now)
    invitation.used_at = now
    return user
