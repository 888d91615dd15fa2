"""Due-soon reminders: 24 hours before a trainee's due date, if they have not submitted.

A scheduled job (settings.SCHEDULED_JOBS, run by `manage.py run_scheduled`). The trainee's
own due date counts (an extension moves the reminder with it); a trainee who has handed in an
attempt, an inactive membership or account, a cohort that takes no new work and an assignment
not yet open get nothing. Each (trainee, assignment, due date) is claimed once
(academy.scheduling), so running the job twice, or in two processes, sends one e-mail; a new
due date from an extension is a new occasion and gets its own reminder.
"""

from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation

from academy.datetimes import format_datetime, with_zone
from academy.links import absolute_reverse
from academy.mail import language_for, send_email
from academy.scheduling.registry import claim
from cohorts.coursework.models import Assignment, Submission
from cohorts.models import Cohort, Membership

DUE_SOON_EMAIL = "cohorts/coursework/email/due_soon"
KIND = "coursework.due_soon"
AHEAD = timedelta(hours=24)


def due_soon(now):
    """[(assignment, membership, due)] whose due date falls in (now, now + 24 h]."""
    horizon = now + AHEAD
    window = Q(due_at__gt=now, due_at__lte=horizon)
    assignments = (
        Assignment.objects.filter(
            window | Q(extensions__due_at__gt=now, extensions__due_at__lte=horizon),
            opens_at__lte=now,
            cohort__status__in=[Cohort.Status.PLANNED, Cohort.Status.RUNNING],
        )
        .distinct()
        .select_related("cohort")
        .prefetch_related("extensions")
    )
    found = []
    for assignment in assignments:
        extended = {e.membership_id: e.due_at for e in assignment.extensions.all()}
        handed_in = set(
            Submission.objects.submitted()
            .filter(assignment=assignment)
            .values_list("membership_id", flat=True)
        )
        trainees = (
            Membership.objects.active()
            .trainees()
            .filter(cohort_id=assignment.cohort_id, user__is_active=True)
            .exclude(pk__in=handed_in)
            .select_related("user")
        )
        for membership in trainees:
            due = extended.get(membership.pk, assignment.due_at)
            if now < due <= horizon:
                found.append((assignment, membership, due))
    return found


def send_due_soon_reminders(now=None):
    """Send each due-soon reminder not sent before; returns how many were sent now."""
    now = now or timezone.now()
    sent = 0
    for assignment, membership, due in due_soon(now):
        key = f"{membership.pk}:{assignment.pk}:{due.isoformat()}"
        with transaction.atomic():
            if not claim(KIND, key):
                continue
            user = membership.user
            with translation.override(language_for(user)):
                due_text = with_zone(format_datetime(due))
            send_email(
                user.email,
                DUE_SOON_EMAIL,
                {
                    "name": user.get_full_name(),
                    "assignment": assignment.title,
                    "cohort": assignment.cohort.name,
                    "due": due_text,
                    "url": absolute_reverse("coursework:assignment_detail", assignment.pk),
                },
                user=user,
            )
        sent += 1
    return sent
