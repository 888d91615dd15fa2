"""Inviting a guest evaluator, withdrawing the invitation, and the link that signs them in."""

import hashlib
import secrets
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from academy.audit import record_change
from cohorts import access
from cohorts.review.models import GuestEvaluator

from .notifications import send_guest_invitation
from .reviews import ReviewRefused, refuse_if_archived

LINK_LIFETIME = timedelta(days=30)


def hash_token(token):
    return hashlib.sha256(token.encode()).hexdigest()


def _snapshot(guest):
    return {
        "assignment": guest.assignment_id,
        "user": guest.user_id,
        "criteria": sorted(c.pk for c in guest.criteria.all()),
        "trainees": sorted(m.pk for m in guest.trainees.all()),
        "revoked_at": guest.revoked_at,
    }


def invite_guest(actor, assignment, *, email, name, criteria, trainees, language="ja"):
    """Invite (or re-invite) a guest to score criteria for trainees; returns the guest.

    criteria: RubricCriterion rows of the assignment's rubric; trainees: trainee memberships
    of its cohort that actor may see."""
    refuse_if_archived(assignment.cohort)
    errors = {}
    criteria, trainees = list(criteria), list(trainees)
    rubric_ids = {c.rubric_id for c in criteria}
    if not criteria or rubric_ids != {assignment.rubric_id}:
        errors["criteria"] = _("Choose at least one criterion of this assignment's rubric.")
    taken = set(
        GuestEvaluator.objects.filter(assignment=assignment, revoked_at__isnull=True)
        .exclude(user__email__iexact=email)
        .values_list("criteria", flat=True)
    )
    if taken & {c.pk for c in criteria}:
        errors["criteria"] = _("Another guest already scores one of these criteria.")
    visible = set(
        access.trainees_visible_to(actor)
        .filter(cohort_id=assignment.cohort_id, is_active=True)
        .values_list("pk", flat=True)
    )
    if not trainees or any(t.pk not in visible for t in trainees):
        errors["trainees"] = _("Choose trainees of this cohort that you mentor.")
    if errors:
        raise ReviewRefused(_("Please correct the marked fields."), "invalid", errors)
    User = get_user_model()
    with transaction.atomic():
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            user = User.objects.create_user(
                email=email, display_name=name, preferred_language=language
            )
        token = secrets.token_urlsafe(32)
        now = timezone.now()
        guest = GuestEvaluator.objects.filter(
            assignment=assignment, user=user, revoked_at__isnull=True
        ).first()
        before = _snapshot(guest) if guest else None
        if guest is None:
            guest = GuestEvaluator(assignment=assignment, user=user)
        guest.token_hash = hash_token(token)
        guest.invited_by = actor
        guest.invited_at = now
        guest.expires_at = now + LINK_LIFETIME
        guest.save()
        guest.criteria.set(criteria)
        guest.trainees.set(trainees)
        record_change(
            actor=actor,
            obj=guest,
            action="invite" if before is None else "reinvite",
            before=before,
            after=_snapshot(guest),
        )
        transaction.on_commit(lambda: send_guest_invitation(guest, token))
    return guest


def revoke_guest(actor, guest):
    with transaction.atomic():
        before = _snapshot(guest)
        guest.revoked_at = timezone.now()
        guest.save(update_fields=["revoked_at"])
        record_change(
            actor=actor, obj=guest, action="revoke", before=before, after=_snapshot(guest)
        )


def guest_for_link(token):
    """The open invitation a link's token belongs to, or None (unknown, expired, withdrawn)."""
    if not token or len(token) > 100:
        return None
    return (
        GuestEvaluator.objects.select_related("user")
        .filter(
            token_hash=hash_token(token),
            revoked_at__isnull=True,
            expires_at__gt=timezone.now(),
        )
        .first()
    )


def link_may_sign_in(user):
    """A link signs in only a guest's own account: never staff, never an account with a
    password (they sign in as usual and find the invitation on their guest page)."""
    return user.is_active and not user.is_staff and not user.has_usable_password()
