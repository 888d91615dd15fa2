"""The one way to leave an audit entry; grades and attendance call it on every change."""

import datetime
import json

from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models.fields.files import FieldFile
from django.utils import timezone

from .models import AuditEntry


class _AuditEncoder(DjangoJSONEncoder):
    """Dates, times, decimals, UUIDs and lazy strings as DjangoJSONEncoder writes them;
    model instances by primary key, files by name."""

    def default(self, o):
        if isinstance(o, datetime.datetime) and timezone.is_aware(o):
            # One spelling per moment (UTC), so a value read back from the database and the
            # same value typed in Japan time compare equal and write no entry.
            o = o.astimezone(datetime.UTC)
        if isinstance(o, FieldFile):
            return o.name or None
        if hasattr(o, "_meta") and hasattr(o, "pk"):
            return o.pk
        if isinstance(o, set | frozenset):
            return sorted(o, key=str)
        return super().default(o)


def _as_json(value):
    """value as it will be stored and read back, so that before == after compares like for like."""
    if value is None:
        return None
    return json.loads(json.dumps(value, cls=_AuditEncoder))


def snapshot(obj, fields):
    """The audited fields of obj as JSON-ready values (foreign keys by id)."""
    values = {}
    for name in fields:
        field = obj._meta.get_field(name)
        attname = getattr(field, "attname", name)
        values[name] = getattr(obj, attname)
    return _as_json(values)


def _entry(*, actor, obj, action, before, after, reason):
    """An unsaved entry, or None when before and after are the same."""
    if obj.pk is None:
        raise ValueError("Only a saved object can be audited.")
    before, after = _as_json(before), _as_json(after)
    if before is not None and after is not None and before == after:
        return None
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    return AuditEntry(
        actor=actor,
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
        object_id=str(obj.pk),
        object_repr=str(obj)[:255],
        action=action,
        before=before,
        after=after,
        reason=reason,
    )


def record_change(*, actor, obj, action, before=None, after=None, reason=""):
    """Append one entry; must run in the same transaction as the change it describes.

    before / after: JSON-ready dicts (snapshot() makes them); an unchanged value writes
    nothing and returns None. actor: the user who made the change (None for the system).
    """
    entry = _entry(actor=actor, obj=obj, action=action, before=before, after=after, reason=reason)
    if entry is None:
        return None
    if transaction.get_connection().in_atomic_block:
        entry.save()
    else:
        with transaction.atomic():
            entry.save()
    return entry


def record_changes(*, actor, changes, reason=""):
    """Append one entry per (obj, action, before, after), in one insert (bulk imports)."""
    entries = [
        _entry(actor=actor, obj=obj, action=action, before=before, after=after, reason=reason)
        for obj, action, before, after in changes
    ]
    return AuditEntry.objects.bulk_create([entry for entry in entries if entry is not None])
