"""A trainee's confirmed completion, with its 修了証 (certificate) and verification code.

Confirming makes a row; undoing it (with a reason) marks it revoked, which also revokes the
certificate: the row stays for the record and the code no longer verifies. A trainee has at
most one completion that is not revoked.
"""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cohorts.uploads.storage import private_storage, random_name


def new_code():
    """An unguessable verification code (about 120 bits), short enough to type."""
    return secrets.token_urlsafe(15)


class CompletionQuerySet(models.QuerySet):
    def current(self):
        return self.filter(revoked_at__isnull=True)


class Completion(models.Model):
    membership = models.ForeignKey(
        "cohorts.Membership",
        verbose_name=_("trainee"),
        on_delete=models.PROTECT,
        related_name="completions",
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    confirmed_at = models.DateTimeField(_("confirmed at"))
    code = models.CharField(_("verification code"), max_length=40, unique=True, default=new_code)
    certificate = models.FileField(
        _("certificate"),
        storage=private_storage,
        upload_to=random_name,
        max_length=100,
        blank=True,
    )
    generated_at = models.DateTimeField(_("certificate made at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("undone at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("undone by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    revoke_reason = models.TextField(_("reason for undoing"), blank=True)

    objects = CompletionQuerySet.as_manager()

    class Meta:
        verbose_name = _("completion")
        verbose_name_plural = _("completions")
        ordering = ["-confirmed_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["membership"],
                condition=models.Q(revoked_at__isnull=True),
                name="completion_one_current_per_trainee",
            ),
        ]

    def __str__(self):
        return f"{self.membership} · {self.confirmed_at:%Y-%m-%d}"

    @property
    def is_revoked(self):
        return self.revoked_at is not None

    @property
    def is_ready(self):
        """The certificate file exists (the worker has made it)."""
        return bool(self.certificate) and not self.is_revoked
