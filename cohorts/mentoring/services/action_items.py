"""Ticking an action item done (or not done again): audited, and safe to post twice."""

from django.db import transaction
from django.utils import timezone

from academy.audit import record_change, snapshot
from cohorts.mentoring.models import ActionItem

from .meetings import ITEM_AUDITED, MeetingRefused


def set_done(actor, item, done, *, now=None):
    """Mark item done (by actor, now) or open again. The state is set, not toggled, so a
    double click or a resent request changes nothing the second time."""
    cohort = item.meeting.trainee.cohort
    if cohort.is_archived:
        raise MeetingRefused(cohort.ARCHIVED_MESSAGE, "archived")
    with transaction.atomic():
        stored = ActionItem.objects.select_for_update().get(pk=item.pk)
        if stored.is_done == bool(done):
            return stored
        before = snapshot(stored, ITEM_AUDITED)
        if done:
            stored.done_at = now or timezone.now()
            stored.done_by = actor
        else:
            stored.done_at = None
            stored.done_by = None
        stored.save(update_fields=["done_at", "done_by"])
        record_change(
            actor=actor,
            obj=stored,
            action="done" if done else "reopen",
            before=before,
            after=snapshot(stored, ITEM_AUDITED),
        )
    return stored
