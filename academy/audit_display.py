"""The audit trail as the office reads it: a label per action code, and before/after as
field, old value, new value (academy/admin.py shows them).

An entry keeps its values as JSON (foreign keys by id, moments in UTC, choice codes);
here each becomes what a person recognises: the related object's name, the moment in the
reader's time zone from the one formatter, the choice's label, はい/いいえ. A field or a row
that no longer exists is shown as stored, never hidden.

Action codes are verbs shared by every app (create, update, delete…). A feature app with
a verb of its own adds its label with `register_action_labels` in its AppConfig.ready().
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .datetimes import format_date, format_datetime

ACTION_LABELS = {
    "create": _("Created"),
    "update": _("Changed"),
    "delete": _("Deleted"),
    "deactivate": _("Deactivated"),
    "reactivate": _("Reactivated"),
    "pair": _("Mentors paired"),
    "grant": _("Granted"),
    "revoke": _("Revoked"),
    "submit": _("Submitted"),
    "release": _("Released"),
    "return": _("Returned for revision"),
    "record": _("Recorded"),
    "check_in": _("Checked in"),
    "import": _("Imported"),
}
EMPTY = "—"


def register_action_labels(labels):
    """{code: lazy label} for a feature app's own action codes."""
    ACTION_LABELS.update(labels)


def action_label(code):
    """The label of an action code; an unknown code is shown as stored."""
    return ACTION_LABELS.get(code, code)


def action_choices(codes):
    return sorted(((code, str(action_label(code))) for code in codes), key=lambda c: c[1])


@dataclass(frozen=True)
class Change:
    label: str
    before: str
    after: str
    changed: bool


def _field(model, name):
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def _related(field, value):
    ids = value if isinstance(value, list) else [value]
    found = field.related_model._default_manager.in_bulk([i for i in ids if i is not None])
    names = [str(found[i]) if i in found else gettext("#%(id)s (deleted)") % {"id": i} for i in ids]
    return "、".join(names) if names else EMPTY


def display_value(field, value):
    """One stored JSON value as text for a person."""
    if value is None or value == "" or value == []:
        return EMPTY
    if field is None:
        return value if isinstance(value, str) else str(value)
    if field.is_relation and field.related_model is not None:
        return _related(field, value)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.BooleanField):
        return gettext("Yes") if value else gettext("No")
    if isinstance(field, models.DateTimeField) and isinstance(value, str):
        moment = parse_datetime(value)
        return format_datetime(moment) if isinstance(moment, datetime) else value
    if isinstance(field, models.DateField) and isinstance(value, str):
        day = parse_date(value)
        return format_date(day) if isinstance(day, date) else value
    return str(value)


def changes(entry):
    """[Change] for each field in before or after, in the order the entry stored them."""
    model = entry.content_type.model_class()
    before, after = entry.before or {}, entry.after or {}
    names = list(before) + [name for name in after if name not in before]
    rows = []
    for name in names:
        field = _field(model, name)
        label = capfirst(field.verbose_name) if field is not None else name
        old, new = before.get(name), after.get(name)
        rows.append(
            Change(
                label=str(label),
                before=display_value(field, old) if name in before else EMPTY,
                after=display_value(field, new) if name in after else EMPTY,
                changed=entry.before is not None and entry.after is not None and old != new,
            )
        )
    return rows
