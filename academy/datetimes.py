"""The one date/time formatter for pages, e-mails, exports and the admin.

Values are shown in the current time zone (settings.TIME_ZONE, Asia/Tokyo by default, unless
something activated another), in the active language, with the formats of
academy/formats/<language>/formats.py:

    format_datetime(value)           2026年12月1日（火）21:10       Tue 1 Dec 2026, 21:10
    format_datetime(value, seconds=True)  … 21:10:05
    format_date(value)               2026年12月1日（火）             Tue 1 Dec 2026
    format_time(value)               21:10
    format_span(start, end)          2026年12月1日（火）21:10〜22:30  Tue 1 Dec 2026, 21:10 – 22:30
    format_remaining(delta)          18時間43分 / 2日3時間          18 hours 43 minutes
    zone_label()                     日本時間 / Japan time, else the zone's name
    with_zone(text)                  2026年12月1日（火）21:10（日本時間）

A datetime is converted to the current zone before its date is taken, so 15:00 UTC is the
next day in Tokyo. Templates use the same functions through academy/templatetags/datetimes.py
(`|when`, `|day`, `|clock`, `|span`, `|span_end`, `|with_zone`, `|remaining`,
`{% zone_label %}`, `{% zone_note %}`, `{% span_dash %}`); Django's
`|date:"DATETIME_FORMAT"` reads the same formats. Nothing else formats a date for people.
"""

from datetime import datetime, time

from django.utils import formats, timezone
from django.utils.translation import get_language, gettext, ngettext
from django.utils.translation import gettext_lazy as _

# How a zone is named to people; any other zone is shown by its name ("Europe/London").
ZONE_LABELS = {
    "Asia/Tokyo": _("Japan time"),
}


def local(value):
    """An aware datetime in the current time zone; dates, times and naive values as they are."""
    if isinstance(value, datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def local_date(value):
    """The calendar day value falls on in the current time zone."""
    value = local(value)
    return value.date() if isinstance(value, datetime) else value


def _format(name):
    """The active language's format called name (Django's names, or our own seconds ones)."""
    if name in formats.FORMAT_SETTINGS:
        return formats.get_format(name)
    for module in formats.get_format_modules(get_language()):
        if hasattr(module, name):
            return getattr(module, name)
    raise LookupError(f"No format {name} for {get_language()}")  # pragma: no cover


def format_datetime(value, *, seconds=False):
    """Date, weekday and time: 2026年12月1日(火) 21:10 / Tue 1 Dec 2026, 21:10. "" for None."""
    if value in (None, ""):
        return ""
    if not isinstance(value, datetime):
        return format_date(value)
    name = "DATETIME_SECONDS_FORMAT" if seconds else "DATETIME_FORMAT"
    return formats.date_format(local(value), _format(name))


def format_date(value):
    """Date and weekday: 2026年12月1日(火) / Tue 1 Dec 2026 (a datetime's local day)."""
    if value in (None, ""):
        return ""
    return formats.date_format(local_date(value), _format("DATE_FORMAT"))


def format_time(value, *, seconds=False):
    """Time of day: 21:10 (a datetime's local time)."""
    if value in (None, ""):
        return ""
    if not isinstance(value, datetime | time):
        raise TypeError(f"format_time needs a datetime or a time, not {type(value).__name__}")
    name = "TIME_SECONDS_FORMAT" if seconds else "TIME_FORMAT"
    return formats.time_format(local(value), _format(name))


def format_span_end(end, start):
    """The end of a span: a time when it falls on the start's local day, else a datetime."""
    if end in (None, ""):
        return ""
    if start not in (None, "") and local_date(end) == local_date(start):
        return format_time(end)
    return format_datetime(end)


def span_dash():
    """What joins a span's start and end: 〜 in Japanese, an en dash in English."""
    return gettext(" – ")


def format_span(start, end=None):
    """2026年12月1日（火）21:10〜22:30, or both datetimes when the span crosses midnight."""
    text = format_datetime(start)
    if end not in (None, ""):
        text = f"{text}{span_dash()}{format_span_end(end, start)}"
    return text


def format_remaining(value, now=None):
    """Time left until value (a datetime) or in value (a timedelta), in its two largest units:
    2日3時間 / 18時間43分 / 5分 (2 days 3 hours / 18 hours 43 minutes); "" once it is over."""
    if isinstance(value, datetime):
        value = value - (now or timezone.now())
    minutes = int(value.total_seconds() // 60) if value else 0
    if minutes <= 0:
        return ""
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    units = [
        (days, lambda n: ngettext("%(count)d day", "%(count)d days", n)),
        (hours, lambda n: ngettext("%(count)d hour", "%(count)d hours", n)),
        (minutes, lambda n: ngettext("%(count)d minute", "%(count)d minutes", n)),
    ]
    while units and not units[0][0]:
        units.pop(0)
    parts = [label(count) % {"count": count} for count, label in units[:2] if count]
    if len(parts) == 1:
        return parts[0]
    return gettext("%(larger)s %(smaller)s") % {"larger": parts[0], "smaller": parts[1]}


def zone_label():
    """The current time zone as people call it: 日本時間 / Japan time, else its name."""
    name = timezone.get_current_timezone_name()
    label = ZONE_LABELS.get(name)
    return str(label) if label is not None else name


def with_zone(text):
    """text followed by the zone label: 21:10（日本時間） / 21:10 (Japan time)."""
    return gettext("%(when)s (%(zone)s)") % {"when": text, "zone": zone_label()}


def date_stamp(value=None):
    """YYYYMMDD of value's local day (today by default), for file names."""
    day = local_date(value) if value is not None else timezone.localdate()
    return f"{day:%Y%m%d}"
