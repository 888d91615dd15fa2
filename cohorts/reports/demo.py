"""Demo reminders on staff's "today": the office already reminded, this morning, the first
trainee of the first cohort with missing work and the trainees of today's session, so the
page shows "reminded today at … by 事務局 佐藤" next to those items. Runs after attendance.

Rows written directly (the demo sends no e-mail), as services/reminders.py would record them.
"""

from datetime import datetime, time, timedelta

from django.utils import timezone

from academy.scheduling.models import SentNotice
from cohorts.attendance.models import Session
from cohorts.reports.progress import build_rows
from cohorts.reports.services.reminders import PREFIX, day_of


def seed(context):
    cohort = context.objects.get("cohort")
    if cohort is None:
        return
    now = timezone.now()
    morning = timezone.make_aware(datetime.combine(timezone.localtime(now).date(), time(10, 2)))
    sent_at = min(morning, now - timedelta(minutes=5))
    if timezone.localtime(sent_at).date() != timezone.localtime(now).date():
        sent_at = now  # seeded just after midnight: "today" is the only day that shows
    trainees = [m for m in context.objects["trainee_memberships"] if m.cohort_id == cohort.pk]
    rows = build_rows(context.staff, trainees, moment=now)
    reminded = []
    late = next((row for row in rows if row.overdue), None)
    if late is not None:
        reminded.append(("missing", late.membership.pk, [late.user]))
    session = (
        Session.objects.filter(cohort=cohort, starts_at__date=timezone.localtime(now).date())
        .order_by("starts_at")
        .first()
    )
    if session is not None:
        reminded.append(("session", session.pk, [m.user for m in trainees]))
    for kind, pk, users in reminded:
        notice = SentNotice.objects.create(
            kind=PREFIX + kind, key=f"{day_of(now)}:{pk}", sent_at=sent_at, sent_by=context.staff
        )
        notice.recipients.set(users)
    context.say(f"reminders sent today: {len(reminded)}")
