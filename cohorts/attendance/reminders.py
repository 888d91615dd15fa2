"""The day-before reminder of a session, to its cohort's active trainees and mentors.

`send_session_reminders(now=None)` is idempotent: each session is claimed once
(reminder_sent_at set with a conditional UPDATE) before its e-mails go, so running it every
few minutes, or in two processes at once, sends each reminder once. A session moved to
another time is reminded again (services.sessions.update_session clears the mark).
"""

from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from academy.datetimes import format_span, local, with_zone
from academy.links import absolute_url
from academy.mail import language_for, send_email
from cohorts.attendance.models import Session
from cohorts.models import Membership


def _tomorrow_bounds(now):
    today = local(now).date()
    tz = timezone.get_current_timezone()
    start = datetime.combine(today + timedelta(days=1), time.min, tzinfo=tz)
    return start, start + timedelta(days=1)


def send_session_reminders(now=None):
    """E-mail tomorrow's sessions (in the site's time zone) once; returns how many sessions."""
    now = now or timezone.now()
    start, end = _tomorrow_bounds(now)
    due = Session.objects.filter(
        starts_at__gte=start, starts_at__lt=end, reminder_sent_at__isnull=True
    ).select_related("cohort")
    sent = 0
    for session in due:
        with transaction.atomic():
            claimed = Session.objects.filter(pk=session.pk, reminder_sent_at__isnull=True).update(
                reminder_sent_at=now
            )
            if not claimed:
                continue
            people = [
                m.user
                for m in Membership.objects.filter(cohort_id=session.cohort_id, is_active=True)
                .select_related("user")
                .filter(user__is_active=True)
            ]
            transaction.on_commit(lambda s=session, p=people: _send(s, p))
            sent += 1
    return sent


def _send(session, people):
    from django.urls import reverse
    from django.utils import translation

    url = absolute_url(reverse("attendance:session_detail", args=[session.pk]))
    for user in people:
        language = language_for(user)
        with translation.override(language):
            when = with_zone(format_span(session.starts_at, session.ends_at))
        send_email(
            user,
            "cohorts/attendance/email/session_reminder",
            {
                "title": session.title,
                "cohort": session.cohort.name,
                "when": when,
                "place": session.place,
                "online_url": session.online_url,
                "url": url,
            },
            language=language,
        )
