"""Making, replacing and revoking a person's feed: one token per person, only its hash kept."""

from django.db import transaction
from django.utils import timezone

from cohorts.calendar.models import FeedToken
from cohorts.calendar.models.feed import hash_token, new_token


@transaction.atomic
def new_feed(user):
    """A new private token for user (the old URL stops working); returns the raw token."""
    token = new_token()
    FeedToken.objects.update_or_create(
        user=user, defaults={"token_hash": hash_token(token), "created_at": timezone.now()}
    )
    return token


@transaction.atomic
def revoke_feed(user):
    """The feed URL answers 404 from now on; returns whether there was one."""
    deleted, _detail = FeedToken.objects.filter(user=user).delete()
    return bool(deleted)


def note_fetch(user, moment=None):
    """Remember when the feed was last fetched (at most once an hour: calendar apps poll)."""
    moment = moment or timezone.now()
    FeedToken.objects.filter(user=user).exclude(
        last_used_at__gt=moment - timezone.timedelta(hours=1)
    ).update(last_used_at=moment)
