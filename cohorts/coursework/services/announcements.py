"""A trainee opening an announced assignment: it is no longer new on their dashboard."""

from django.utils import timezone

from cohorts.coursework.models import Announcement


def mark_opened(assignment, membership, now=None):
    """Record the first opening (a conditional UPDATE: one query, nothing when already
    opened or never announced)."""
    return Announcement.objects.filter(
        assignment=assignment, membership=membership, opened_at__isnull=True
    ).update(opened_at=now or timezone.now())
