"""iCalendar (.ics) files for seminars, built with the icalendar package.

The e-mails carry iTIP messages (RFC 5546): METHOD:REQUEST on registration and when the
seminar changes, METHOD:CANCEL on cancellation, always with the seminar's one UID (the same
UID as in the person's calendar feed), so the attendee's calendar updates or removes the
event instead of keeping a stale copy. SEQUENCE grows with every change: it counts seconds
since SEQUENCE_EPOCH up to the seminar's last publication (a cancellation: up to the moment
of cancelling), so no counter has to be stored and a later version always wins, even when
staff correct a seminar twice within a minute. (Before 2026-12 it counted minutes; seconds
are always the larger number, so calendars holding an older SEQUENCE still take updates.
A 32-bit SEQUENCE lasts until 2088.)
"""

from datetime import UTC, datetime
from email.utils import parseaddr

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress, vText

from academy.links import absolute_url

SEQUENCE_EPOCH = datetime(2020, 1, 1, tzinfo=UTC)
PUBLISH, REQUEST, CANCEL = "PUBLISH", "REQUEST", "CANCEL"


def uid_host():
    return settings.WAGTAILADMIN_BASE_URL.split("://", 1)[-1].split("/", 1)[0] or "localhost"


def seminar_uid(seminar):
    return f"seminar-{seminar.pk}@{uid_host()}"


def _seconds(moment):
    return max(0, int((moment - SEQUENCE_EPOCH).total_seconds()))


def seminar_sequence(seminar, registration=None, method=PUBLISH):
    """The SEQUENCE of this version of the seminar's event."""
    changed = seminar.last_published_at or seminar.first_published_at
    sequence = _seconds(changed) if changed else 0
    if method == CANCEL:
        cancelled = getattr(registration, "cancelled_at", None) or timezone.now()
        sequence = max(sequence + 1, _seconds(cancelled))
    return sequence


def _organizer():
    name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    organizer = vCalAddress(f"mailto:{address or 'office@example.com'}")
    if name:
        organizer.params["cn"] = vText(name)
    return organizer


def _attendee(registration, method):
    attendee = vCalAddress(f"mailto:{registration.email}")
    attendee.params["cn"] = vText(registration.name)
    attendee.params["role"] = vText("REQ-PARTICIPANT")
    attendee.params["partstat"] = vText("DECLINED" if method == CANCEL else "ACCEPTED")
    return attendee


def seminar_calendar(seminar, registration=None, method=PUBLISH):
    """A VCALENDAR with one VEVENT for the seminar, as text (UTF-8, CRLF line ends).

    method: PUBLISH (a download), REQUEST (registration, change) or CANCEL (cancellation);
    REQUEST and CANCEL name the organiser and the registrant as attendee (RFC 5546).
    """
    calendar = Calendar()
    calendar.add("prodid", "-//Successor Academy//Seminars//JA")
    calendar.add("version", "2.0")
    calendar.add("method", method)
    calendar.add("calscale", "GREGORIAN")
    event = Event()
    event.add("uid", seminar_uid(seminar))
    event.add("sequence", seminar_sequence(seminar, registration, method))
    event.add("dtstamp", timezone.now().astimezone(UTC))
    event.add("dtstart", seminar.starts_at.astimezone(UTC))
    event.add("dtend", (seminar.ends_at or seminar.starts_at).astimezone(UTC))
    event.add("summary", seminar.title)
    location = " ".join(part for part in (seminar.venue_name, seminar.venue_address) if part)
    if location:
        event.add("location", vText(location))
    url = absolute_url(seminar.get_url())
    online = seminar.online_url if registration is not None and method != CANCEL else ""
    description = "\n\n".join(part for part in (seminar.summary, online, url) if part)
    event.add("description", description)
    event.add("url", url)
    if method in (REQUEST, CANCEL) and registration is not None:
        event.add("organizer", _organizer())
        event.add("attendee", _attendee(registration, method))
    event.add("status", "CANCELLED" if method == CANCEL else "CONFIRMED")
    calendar.add_component(event)
    return calendar.to_ical().decode("utf-8")
