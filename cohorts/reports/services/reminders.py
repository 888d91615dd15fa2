"""Staff's one-click reminders from "today": one e-mail per item per day (Asia/Tokyo).

An item is what the today page lists: a trainee's missing work past due, a trainee absent twice
in a row (both to that trainee), reviews waiting too long (to that mentor), a session today or
tomorrow (to its cohort's trainees). Public seminars filling up get no button: the people who
could be told are the public, who have no account, and a seminar filling up asks staff to act
(more seats, a second date), not anyone to be reminded.

The record is academy.scheduling's SentNotice (kind "reports.reminder.<item>", key
"<Tokyo day>:<item id>", who sent it, to whom): its unique (kind, key) is the guard, so two
clicks at once, or two staff on two phones, send one e-mail; the next day is a new occasion.
"""

from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation

from academy.datetimes import format_date, format_datetime, format_span, with_zone
from academy.links import absolute_reverse
from academy.mail import language_for, send_email
from academy.scheduling.models import SentNotice
from academy.scheduling.registry import claim

KINDS = ("missing", "absent", "waiting", "session")
PREFIX = "reports.reminder."
TEMPLATES = {kind: f"cohorts/reports/email/reminder_{kind}" for kind in KINDS}


def day_of(now):
    """The day (in the site's time zone, Asia/Tokyo) a reminder counts against, whatever time
    zone the request runs in."""
    return now.astimezone(ZoneInfo(settings.TIME_ZONE)).date().isoformat()


def sent_today(now=None):
    """{(kind, item id): SentNotice with sent_by} of today's reminders (one query)."""
    now = now or timezone.now()
    notices = SentNotice.objects.filter(
        kind__in=[PREFIX + kind for kind in KINDS], key__startswith=f"{day_of(now)}:"
    ).select_related("sent_by")
    found = {}
    for notice in notices:
        kind = notice.kind.removeprefix(PREFIX)
        item = notice.key.partition(":")[2]
        if item.isdigit():
            found[(kind, int(item))] = notice
    return found


def _context(kind, item, user):
    """The mail's context for one recipient, dates written in their language."""
    with translation.override(language_for(user)):
        if kind == "missing":
            row, cells = item
            return {
                "name": user.get_full_name(),
                "cohort": row.membership.cohort.name,
                "items": [
                    {"title": cell.assignment.title, "due": with_zone(format_datetime(cell.due))}
                    for cell in cells
                ],
                "url": absolute_reverse("coursework:assignment_list"),
            }
        if kind == "absent":
            row = item
            return {
                "name": user.get_full_name(),
                "cohort": row.membership.cohort.name,
                "sessions": [
                    {"title": r.session.title, "date": format_date(r.session.starts_at)}
                    for r in row.records[-2:]
                ],
                "url": absolute_reverse("attendance:session_list"),
            }
        if kind == "waiting":
            mentor, pairs = item
            return {
                "name": user.get_full_name(),
                "cohort": mentor.cohort.name,
                "items": [
                    {
                        "trainee": row.user.get_full_name(),
                        "title": cell.assignment.title,
                        "submitted": format_date(cell.submission.submitted_at),
                    }
                    for row, cell in pairs
                ],
                "url": absolute_reverse("review:queue"),
            }
        session = item
        return {
            "name": user.get_full_name(),
            "title": session.title,
            "cohort": session.cohort.name,
            "when": with_zone(format_span(session.starts_at, session.ends_at)),
            "place": session.place,
            "online_url": session.online_url,
            "url": absolute_reverse("attendance:session_detail", session.pk),
        }


@transaction.atomic
def send_reminder(*, actor, kind, item_id, item, recipients, now=None):
    """E-mail item's reminder to recipients (users) once today; True if sent now, False if
    someone already did today. The claim and the queued e-mails commit together."""
    if kind not in KINDS:
        raise ValueError(kind)
    now = now or timezone.now()
    day = day_of(now)
    recipients = [user for user in recipients if user.is_active and user.email]
    if not claim(PREFIX + kind, f"{day}:{item_id}", sent_by=actor, recipients=recipients):
        return False
    for user in recipients:
        send_email(
            user,
            TEMPLATES[kind],
            _context(kind, item, user),
            key=f"{PREFIX}{kind}:{day}:{item_id}:{user.pk}",
        )
    return True
