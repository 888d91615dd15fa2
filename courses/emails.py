"""The e-mails a seminar registration sends, through academy.mail.send_email.

Dates are formatted here, in the registrant's language, because the mail task receives only
JSON-ready context.
"""

from django.utils import translation

from academy.datetimes import format_span, with_zone
from academy.links import absolute_reverse, absolute_url
from academy.mail import language_for, send_email

from .ics import CANCEL, REQUEST, seminar_calendar

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
