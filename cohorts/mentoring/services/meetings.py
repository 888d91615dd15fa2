"""Recording and editing a meeting with its action items: one transaction, audited.

Nothing is lost: an edit carries the version it was based on; an edit based on an older
version is refused with MeetingConflict (the form keeps the text just typed and shows what
the other person saved). The check is a conditional update (`version = based_on`) inside
the transaction, so it holds on SQLite and PostgreSQL alike. An archived cohort's meetings
are read-only (Cohort.ARCHIVED_MESSAGE).
"""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from academy.audit import record_change, snapshot
from academy.sanitizer import clean_user_text
from cohorts.mentoring.models import ActionItem, Meeting

AUDITED = [
    "held_at",
    "mode",
    "place",
    "agenda",
    "notes",
    "decisions",
    "next_meeting_on",
    "version",
]
ITEM_AUDITED = ["text", "owner", "due_on", "done_at", "done_by"]


class MeetingRefused(Exception):
    """A change that may not be made, with translated messages (per form field in errors,
    per action item row in item_errors)."""

    def __init__(self, message, code="refused", errors=None, item_errors=None):
        super().__init__(str(message))
        self.message = message
        self.code = code
        self.errors = errors or {}
        self.item_errors = item_errors or {}


class MeetingConflict(MeetingRefused):
    """Someone saved the meeting after the version the form was based on."""

    def __init__(self, meeting):
        super().__init__(
            _(
                "Someone else saved this meeting while you were editing it. Nothing of yours "
                "was saved: your text is still in the form below. Check what they saved, then "
                "save again to replace their version."
            ),
            "conflict",
        )
        self.meeting = meeting


@dataclass
class ItemChange:
    """One row of the action items part of the form (pk None: a new item)."""

    pk: int | None
    text: str
    owner_id: int
    due_on: date | None = None
    delete: bool = False


@dataclass
class MeetingChanges:
    held_at: datetime
    mode: str
    place: str = ""
    agenda: str = ""
    notes: str = ""  # plain text or markup: cleaned by the sanitizer
    decisions: str = ""
    next_meeting_on: date | None = None
    items: list = field(default_factory=list)


def owner_choices(trainee):
    """Who may own an action item: the trainee, then their paired mentors (reading order)."""
    mentors = list(trainee.mentors.select_related("user").by_reading())
    return [trainee, *mentors]


def _refuse_archived(trainee):
    if trainee.cohort.is_archived:
        raise MeetingRefused(trainee.cohort.ARCHIVED_MESSAGE, "archived")


def _apply(meeting, changes):
    meeting.held_at = changes.held_at
    meeting.mode = changes.mode
    meeting.place = changes.place.strip()
    meeting.agenda = changes.agenda.strip()
    meeting.notes = clean_user_text(changes.notes) if changes.notes.strip() else ""
    meeting.decisions = changes.decisions.strip()
    meeting.next_meeting_on = changes.next_meeting_on


def _validate(meeting):
    try:
        meeting.full_clean(exclude=["trainee", "recorded_by", "updated_by"])
    except ValidationError as error:
        raise MeetingRefused(
            _("Please correct the marked fields."),
            "invalid",
            {
                name: " ".join(str(m) for m in messages)
                for name, messages in error.message_dict.items()
            },
        ) from None


def _save_items(actor, meeting, rows):
    """Create, change or remove the meeting's action items as the form's rows say; one audit
    entry per item changed."""
    existing = {item.pk: item for item in meeting.action_items.select_for_update()}
    errors = {}
    allowed = {meeting.trainee_id, *meeting.trainee.mentors.values_list("pk", flat=True)}
    for index, row in enumerate(rows):
        if row.pk is not None and row.pk not in existing:
            errors[index] = {"__all__": _("This action item is not part of this meeting.")}
        elif not row.delete and row.owner_id not in allowed:
            errors[index] = {"owner": _("The owner is the trainee or one of their mentors.")}
        elif not row.delete and not row.text.strip():
            errors[index] = {"text": _("Write what is to be done.")}
    if errors:
        raise MeetingRefused(_("Please correct the marked fields."), "invalid", item_errors=errors)
    for position, row in enumerate(rows):
        item = existing.get(row.pk)
        if row.delete:
            if item is not None:
                record_change(
                    actor=actor, obj=item, action="delete", before=snapshot(item, ITEM_AUDITED)
                )
                item.delete()
            continue
        if item is None:
            item = ActionItem(meeting=meeting)
            before = None
        else:
            before = snapshot(item, ITEM_AUDITED)
        item.text = row.text.strip()
        item.owner_id = row.owner_id
        item.due_on = row.due_on
        item.position = position
        item.save()
        record_change(
            actor=actor,
            obj=item,
            action="create" if before is None else "update",
            before=before,
            after=snapshot(item, ITEM_AUDITED),
        )


def record_meeting(actor, trainee, changes, *, key=""):
    """A new meeting of trainee (a trainee Membership) with its action items. The same key
    twice (a double click, a resent request) returns the first meeting."""
    _refuse_archived(trainee)
    if key:
        done = Meeting.objects.filter(trainee=trainee, create_key=key).first()
        if done is not None:
            return done
    meeting = Meeting(trainee=trainee, recorded_by=actor, updated_by=actor, create_key=key)
    _apply(meeting, changes)
    _validate(meeting)
    try:
        with transaction.atomic():
            meeting.save()
            _save_items(actor, meeting, changes.items)
            record_change(
                actor=actor, obj=meeting, action="create", after=snapshot(meeting, AUDITED)
            )
    except IntegrityError:
        done = key and Meeting.objects.filter(trainee=trainee, create_key=key).first()
        if done:
            return done
        raise
    return meeting


def update_meeting(actor, meeting, *, based_on, changes):
    """Save an edit of meeting made from version based_on; returns the saved meeting."""
    _refuse_archived(meeting.trainee)
    with transaction.atomic():
        stored = (
            Meeting.objects.select_for_update(of=("self",))
            .select_related("trainee__cohort")
            .get(pk=meeting.pk)
        )
        if stored.version != based_on:
            raise MeetingConflict(_current(meeting.pk))
        before = snapshot(stored, AUDITED)
        _apply(stored, changes)
        _validate(stored)
        updated = Meeting.objects.filter(pk=stored.pk, version=based_on).update(
            version=based_on + 1
        )
        if not updated:
            raise MeetingConflict(_current(meeting.pk))
        stored.version = based_on + 1
        stored.updated_by = actor
        stored.save()
        _save_items(actor, stored, changes.items)
        record_change(
            actor=actor,
            obj=stored,
            action="update",
            before=before,
            after=snapshot(stored, AUDITED),
        )
    return stored


def _current(pk):
    return Meeting.objects.select_related("updated_by", "recorded_by").get(pk=pk)
