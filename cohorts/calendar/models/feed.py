"""A person's private calendar feed: only the token's hash is stored.

The raw token is shown once, when it is made; a lost URL is replaced by a new one (which
also ends the old). Deleting the row revokes the feed: its URL answers 404 from then on.
"""

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

MAX_TOKEN_LENGTH = 100


def hash_token(token):
    return hashlib.sha256(token.encode()).hexdigest()


def new_token():
    return secrets.token_urlsafe(32)


class FeedTokenQuerySet(models.QuerySet):
    def by_token(self, token):
        """The feed a raw token belongs to, or None."""
        if not token or len(token) > MAX_TOKEN_LENGTH:
            return None
        return self.select_related("user").filter(token_hash=hash_token(token)).first()


class FeedToken(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="calendar_feed",
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    last_used_at = models.DateTimeField(_("last fetched at"), null=True, blank=True)

    objects = FeedTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self):
        return str(self.user)
