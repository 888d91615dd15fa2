"""A single-use, expiring link that lets an invited person set a password and sign in."""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

INVITATION_LIFETIME = timedelta(days=14)


def hash_token(token):
    return hashlib.sha256(token.encode()).hexdigest()


def new_token():
    return secrets.token_urlsafe(32)


def default_expiry():
    return timezone.now() + INVITATION_LIFETIME


class InvitationQuerySet(models.QuerySet):
    def open(self):
        """Links that still work: not used, not voided, not expired."""
        return self.filter(
            used_at__isnull=True, voided_at__isnull=True, expires_at__gt=timezone.now()
        )

    def by_token(self, token):
        """The invitation a raw token belongs to (whatever its state), or None."""
        if not token or len(token) > 100:
            return None
        return (
            self.select_related("membership__user", "membership__cohort")
            .filter(token_hash=hash_token(token))
            .first()
        )


class Invitation(models.Model):
    """Only the token's hash is stored: the raw token exists only in the e-mail."""

    class State(models.TextChoices):
        OPEN = "open", _("Waiting")
        USED = "used", _("Accepted")
        VOIDED = "voided", _("Replaced by a newer invitation")
        EXPIRED = "expired", _("Expired")

    membership = models.ForeignKey(
        "cohorts.Membership",
        verbose_name=_("membership"),
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("sent at"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires at"), default=default_expiry)
    used_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    voided_at = models.DateTimeField(_("voided at"), null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.membership.user.email} → {self.membership.cohort}"

    @classmethod
    def build(cls, membership, *, invited_by=None):
        """An unsaved invitation and its raw token (to put in the e-mail, never stored)."""
        token = new_token()
        now = timezone.now()
        invitation = cls(
            membership=membership,
            token_hash=hash_token(token),
            invited_by=invited_by,
            created_at=now,
            expires_at=now + INVITATION_LIFETIME,
        )
        return invitation, token

    @property
    def state(self):
        if self.used_at:
            return self.State.USED
        if self.voided_at:
            return self.State.VOIDED
        if self.expires_at <= timezone.now():
            return self.State.EXPIRED
        return self.State.OPEN

    def get_state_display(self):
        return self.State(self.state).label

    @property
    def is_open(self):
        return self.state == self.State.OPEN and self.membership.is_active
