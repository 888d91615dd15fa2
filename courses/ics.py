"""iCalendar (.ics) files for seminars, built with the icalendar package."""

from datetime import UTC

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, vText

from academy.links import absolute_url


def seminar_calendar(seminar, registration=None):
    """A VCALENDAR with one VEVENT for the seminar, as text (UTF-8, CRLF line ends)."""
    calendar = Calendar()
    calendar.add("prodid", "-//Successor Academy//Seminars//JA")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    calendar.add("calscale", "GREGORIAN")
    event = Event()
    host = settings.WAGTAILADMIN_BASE_URL.split("://", 1)[-1].split("/", 1)[0] or "localhost"
    event.add("uid", f"seminar-{seminar.pk}@{host}")
    event.add("dtstamp", timezone.now().astimezone(UTC))
    event.add("dtstart", seminar.starts_at.astimezone(UTC))
    event.add("dtend", (seminar.ends_at or seminar.starts_at).astimezone(UTC))
    event.add("summary", seminar.title)
    location = " ".join(part for part in (seminar.venue_name, seminar.venue_address) if part)
    if location:
        event.add("location", vText(location))
    url = absolute_url(seminar.get_url())
    online = seminar.online_url if registration is not None else ""
    description = "\n\n".join(part for part in (seminar.summary, online, url) if part)
    event.add("description", description)
    event.add("url", url)
    calendar.add_component(event)
    return calendar.to_ical().decode("utf-8")
