"""A person's iCalendar feed (RFC 5545), built with the icalendar package.

Events: the sessions of their cohorts, the due dates of their own assignments (their own
extension applied), the seminars where they hold a seat, and the open meeting action items
they own (all-day, on their due date). UIDs are stable (the same object
gives the same UID on every fetch, and a seminar's UID is the one its e-mailed .ics carries),
so calendar apps update events instead of duplicating them. Times carry the site's time zone
(TZID with its VTIMEZONE). Titles are in the person's language.
"""

from datetime import UTC, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from academy.links import absolute_url
from academy.mail import language_for
from cohorts import access
from cohorts.coursework.models import Extension


def uid_host():
    """The host part of every UID (the same rule as the seminar e-mails' .ics)."""
    return settings.WAGTAILADMIN_BASE_URL.split("://", 1)[-1].split("/", 1)[0] or "localhost"


def _zoned(moment):
    return moment.astimezone(ZoneInfo(settings.TIME_ZONE))


def _event(uid, start, summary, *, end=None, location="", description="", url="", stamp):
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", _zoned(start))
    if end is not None and end > start:
        event.add("dtend", _zoned(end))
    event.add("summary", summary)
    if location:
        event.add("location", location)
    if description:
        event.add("description", description)
    if url:
        event.add("url", url)
    return event


def _session_events(user, host, stamp):
    for session in access.feed_sessions_for(user).select_related("cohort").order_by("starts_at"):
        url = absolute_url(reverse("attendance:session_detail", args=[session.pk]))
        description = "\n\n".join(
            part for part in (session.cohort.name, session.online_url, session.notes, url) if part
        )
        yield _event(
            f"session-{session.pk}@{host}",
            session.starts_at,
            session.title,
            end=session.ends_at,
            location=session.place,
            description=description,
            url=url,
            stamp=stamp,
        )


def _assignment_events(user, host, stamp):
    memberships = {m.cohort_id: m for m in access.own_trainee_memberships(user)}
    assignments = (
        access.feed_assignments_for(user)
        .select_related("cohort")
        .prefetch_related(
            Prefetch(
                "extensions",
                queryset=Extension.objects.filter(
                    membership__in=[m.pk for m in memberships.values()]
                ),
                to_attr="own_extensions",
            )
        )
        .order_by("due_at", "pk")
    )
    for assignment in assignments:
        membership = memberships[assignment.cohort_id]
        assignment._extension_cache = {e.membership_id: e for e in assignment.own_extensions}
        url = absolute_url(reverse("coursework:assignment_detail", args=[assignment.pk]))
        yield _event(
            f"assignment-{assignment.pk}-{membership.pk}@{host}",
            assignment.due_for(membership),
            _("Due: %(title)s") % {"title": assignment.title},
            description="\n\n".join([assignment.cohort.name, url]),
            url=url,
            stamp=stamp,
        )


def _seminar_events(user, host, stamp):
    seen = set()
    for registration in access.feed_registrations_for(user).select_related("seminar"):
        seminar = registration.seminar
        if seminar.pk in seen:
            continue
        seen.add(seminar.pk)
        url = absolute_url(seminar.url or "/")
        location = " ".join(p for p in (seminar.venue_name, seminar.venue_address) if p)
        description = "\n\n".join(p for p in (seminar.online_url, url) if p)
        yield _event(
            f"seminar-{seminar.pk}@{host}",
            seminar.starts_at,
            seminar.title,
            end=seminar.ends_at,
            location=location,
            description=description,
            url=url,
            stamp=stamp,
        )


def _action_item_events(user, host, stamp):
    """The open action items user owns that have a due date, as all-day events on that day
    (calendar apps show all-day events everywhere; to-dos are patchily supported)."""
    items = (
        access.feed_action_items_for(user)
        .select_related("meeting__trainee__user", "meeting__trainee__cohort")
        .order_by("due_on", "pk")
    )
    for item in items:
        meeting = item.meeting
        url = absolute_url(reverse("mentoring:meeting_detail", args=[meeting.pk]))
        event = Event()
        event.add("uid", f"action-item-{item.pk}@{host}")
        event.add("dtstamp", stamp)
        event.add("dtstart", item.due_on)
        event.add("dtend", item.due_on + timedelta(days=1))
        event.add("summary", _("Action item: %(text)s") % {"text": item.text})
        event.add("transp", "TRANSPARENT")
        about = meeting.trainee.user.get_full_name()
        event.add("description", "\n\n".join([meeting.trainee.cohort.name, about, url]))
        event.add("url", url)
        yield event


def build_feed(user, moment=None):
    """The feed of user as bytes (UTF-8, CRLF line ends)."""
    stamp = (moment or timezone.now()).astimezone(UTC).replace(microsecond=0)
    host = uid_host()
    with translation.override(language_for(user)):
        calendar = Calendar()
        calendar.add("prodid", "-//Successor Academy//Calendar feed//EN")
        calendar.add("version", "2.0")
        calendar.add("calscale", "GREGORIAN")
        calendar.add("method", "PUBLISH")
        calendar.add("x-wr-calname", _("Successor Academy"))
        calendar.add("x-wr-timezone", settings.TIME_ZONE)
        for events in (
            _session_events(user, host, stamp),
            _assignment_events(user, host, stamp),
            _seminar_events(user, host, stamp),
            _action_item_events(user, host, stamp),
        ):
            for event in events:
                calendar.add_component(event)
        calendar.add_missing_timezones()
    return calendar.to_ical()
