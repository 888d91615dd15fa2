"""New assignments: when an assignment opens to its cohort, each trainee is told once.

"Published to a cohort" is the assignment's opening (`opens_at`): before it, the trainee's
pages do not offer it as work to do. An assignment saved already open is announced by the
`announce_assignment` task queued when the save commits (services/assignments.py); one that
opens later is found by the scheduled job `announce_opened_assignments` (settings.SCHEDULED_JOBS),
which queues the same task. Either way the work runs in the task worker (at once in dev).

Once, ever: the task claims the assignment with a conditional UPDATE of `announced_at`, so a
second task (the job ran twice, the assignment was saved twice, closed and reopened) finds it
claimed and does nothing; each trainee's Announcement row is unique per assignment, and each
e-mail carries the outbox key of that pair. The trainee's dashboard lists the announcements
they have not opened yet as new; opening the assignment's page marks it opened
(services/announcements.py).
"""

from datetime import datetime

from django.db import transaction
from django.tasks import task
from django.utils import timezone, translation

from academy.datetimes import format_datetime, with_zone
from academy.links import absolute_reverse
from academy.mail import language_for, send_email
from cohorts.coursework.models import Announcement, Assignment
from cohorts.models import Cohort, Membership

NEW_ASSIGNMENT_EMAIL = "cohorts/coursework/email/new_assignment"
TAKING_WORK = (Cohort.Status.PLANNED, Cohort.Status.RUNNING)


def _waiting(now):
    return Assignment.objects.filter(
        announced_at__isnull=True, opens_at__lte=now, cohort__status__in=TAKING_WORK
    )


def announce(assignment_id, now=None):
    """Tell the assignment's active trainees it is open, if it is and nobody has; returns
    how many were told now."""
    now = now or timezone.now()
    with transaction.atomic():
        if not _waiting(now).filter(pk=assignment_id).update(announced_at=now):
            return 0
        assignment = Assignment.objects.select_related("cohort").get(pk=assignment_id)
        assignment._extension_cache = {e.membership_id: e for e in assignment.extensions.all()}
        trainees = list(
            Membership.objects.active()
            .trainees()
            .filter(cohort_id=assignment.cohort_id, user__is_active=True)
            .exclude(announcements__assignment=assignment)
            .select_related("user")
        )
        Announcement.objects.bulk_create(
            [Announcement(assignment=assignment, membership=m, announced_at=now) for m in trainees],
            ignore_conflicts=True,
        )
        url = absolute_reverse("coursework:assignment_detail", assignment.pk)
        for membership in trainees:
            user = membership.user
            with translation.override(language_for(user)):
                due = with_zone(format_datetime(assignment.due_for(membership)))
            send_email(
                user,
                NEW_ASSIGNMENT_EMAIL,
                {
                    "name": user.get_full_name(),
                    "assignment": assignment.title,
                    "cohort": assignment.cohort.name,
                    "due": due,
                    "url": url,
                },
                key=f"coursework.new_assignment:{assignment.pk}:{membership.pk}",
            )
    return len(trainees)


@task()
def announce_assignment(assignment_id, moment=None):
    """The task: announce(assignment_id) as of moment (ISO text; the job's now), else now."""
    return announce(assignment_id, datetime.fromisoformat(moment) if moment else None)


def queue_announcement(assignment, now=None):
    """After the current transaction commits, queue the announcement of an assignment that is
    open now and not yet announced (nothing for one that opens later: the job finds it)."""
    now = now or timezone.now()
    if assignment.announced_at is None and assignment.opens_at <= now:
        transaction.on_commit(lambda pk=assignment.pk: announce_assignment.enqueue(pk))


def announce_opened_assignments(now=None):
    """Scheduled: queue the announcement of every assignment that has opened unannounced;
    returns how many were queued."""
    now = now or timezone.now()
    pks = list(_waiting(now).values_list("pk", flat=True))
    for pk in pks:
        announce_assignment.enqueue(pk, now.isoformat())
    return len(pks)
