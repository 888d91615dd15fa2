"""The one way to leave an audit entry; grades and attendance call it on every change."""

from datetime import date, datetime
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from .models import AuditEntry


def _jsonable(value):
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if hasattr(value, "pk"):
        return value.pk
    return value


def snapshot(obj, fields):
    """The audited fields of obj as JSON-ready values (foreign keys by id)."""
    values = {}
    for name in fields:
        field = obj._meta.get_field(name)
        attname = getattr(field, "attname", name)
        values[name] = _jsonable(getattr(obj, attname))
    return values


def record_change(*, actor, obj, action, before=None, after=None, reason=""):
    """Append one entry; must run in the same transaction as the change it describes."""
    if before is not None and after is not None and before == after:
        return None
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    entry = AuditEntry(
        actor=actor,
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
        object_id=str(obj.pk),
        object_repr=str(obj)[:255],
        action=action,
        before=before,
        after=after,
        reason=reason,
    )
    if not transaction.get_connection().in_atomic_block:
        with transaction.atomic():
            entry.save()
    else:
        entry.save()
    return entry
