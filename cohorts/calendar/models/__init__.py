"""Calendar's model: one private feed token per person."""

from .feed import FeedToken, FeedTokenQuerySet, hash_token

__all__ = ["FeedToken", "FeedTokenQuerySet", "hash_token"]
