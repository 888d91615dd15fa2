"""The e-mails a seminar registration sends, through academy.mail.send_email.

Dates are formatted here, in the registrant's language, because the mail task receives only
JSON-ready context.
"""

import hashlib

from django.utils import translation

from academy.datetimes import format_span, with_zone
from academy.links import absolute_reverse, absolute_url
from academy.mail import language_for, send_email

from .ics import CANCEL, REQUEST, seminar_calendar, seminar_sequence

TEMPLATES = {
    "confirmed": "courses/email/registration_confirmed",
    "waitlisted": "courses/email/registration_waitlisted",
    "promoted": "courses/email/registration_promoted",
    "cancelled": "courses/email/registration_cancelled",
}
# Which .ics each e-mail carries: a seat is an invitation (REQUEST), a cancelled seat takes the
# event out of the calendar again (CANCEL, same UID); a place on the waiting list carries none.
WITH_CALENDAR = {"confirmed": REQUEST, "promoted": REQUEST, "cancelled": CANCEL}


def _when(seminar, language):
    with translation.override(language):
        return with_zone(format_span(seminar.starts_at, seminar.ends_at))


def registration_url(registration):
    """The secret link where a registrant sees or cancels their registration."""
    return absolute_reverse("courses:registration_detail", registration.token)


def registration_context(registration, language):
    seminar = registration.seminar
    has_seat = registration.status == registration.Status.CONFIRMED
    return {
        "name": registration.name,
        "seminar_title": seminar.title,
        "when": _when(seminar, language),
        "venue": seminar.venue_name,
        "address": seminar.venue_address,
        "online_url": seminar.online_url if has_seat else "",
        "seminar_url": absolute_url(seminar.get_url()),
        "manage_url": registration_url(registration),
    }


def send_registration_email(registration, kind, *, with_calendar=True):
    """with_calendar=False leaves the .ics out (a cancelled waiting-list place: its calendar
    never had the event)."""
    language = language_for(default=registration.language)
    attachments = []
    method = WITH_CALENDAR.get(kind) if with_calendar else None
    if method:
        attachments.append(
            (
                "seminar.ics",
                seminar_calendar(registration.seminar, registration, method),
                "text/calendar",
            )
        )
    return send_email(
        registration.email,
        TEMPLATES[kind],
        registration_context(registration, language),
        language=language,
        attachments=attachments,
    )


# What a calendar entry and a registrant's plans depend on. A change of title or summary alone
# mails nobody (the next mail and the page show it); a change of any of these mails every seat.
UPDATE_FIELDS = ("starts_at", "ends_at", "venue_name", "venue_address", "online_url")


def _fingerprint(seminar):
    return tuple(getattr(seminar, field) for field in UPDATE_FIELDS)


def previous_publication(seminar, revision):
    """The seminar as it was last published before `revision`, or None (first publication).

    Wagtail's page_published signal comes before the publication is logged, so the newest
    "wagtail.publish" entry with another revision is the one before.
    """
    from wagtail.models import PageLogEntry

    entry = (
        PageLogEntry.objects.filter(page_id=seminar.pk, action="wagtail.publish")
        .exclude(revision_id=None)
        .exclude(revision_id=getattr(revision, "pk", None))
        .select_related("revision")
        .order_by("-timestamp", "-pk")
        .first()
    )
    return entry.revision.as_object() if entry is not None else None


def send_seminar_update_emails(seminar, revision=None):
    """After a publication that moved the seminar (date, time, place, online link): each
    confirmed registrant gets the change with a METHOD:REQUEST .ics (same UID, higher
    SEQUENCE), so their calendar moves the event. Waiting-list places get nothing: their
    calendar has no event, and a seat, when it comes, is mailed with the current details.

    Returns the number of e-mails queued; the key makes one e-mail per registrant and version,
    so a signal handled twice mails once.
    """
    if not seminar.live or seminar.starts_at is None:
        return 0
    before = previous_publication(seminar, revision)
    if before is None or _fingerprint(before) == _fingerprint(seminar):
        return 0
    sequence = seminar_sequence(seminar, method=REQUEST)
    version = hashlib.sha256(repr(_fingerprint(seminar)).encode()).hexdigest()[:12]
    sent = 0
    for registration in seminar.registrations.confirmed().select_related("seminar"):
        registration.seminar = seminar
        language = language_for(default=registration.language)
        result = send_email(
            registration.email,
            "courses/email/seminar_changed",
            registration_context(registration, language),
            language=language,
            attachments=[
                (
                    "seminar.ics",
                    seminar_calendar(seminar, registration, REQUEST),
                    "text/calendar",
                )
            ],
            key=f"seminar-update:{registration.pk}:{sequence}:{version}",
        )
        sent += result is not None
    return sent
