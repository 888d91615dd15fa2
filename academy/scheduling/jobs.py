"""Site-wide scheduled jobs (listed in settings.SCHEDULED_JOBS)."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from .models import SentNotice

FINISHED = ("SUCCESSFUL", "FAILED")


def prune_task_results(now=None):
    """Delete finished task rows (mail sent, indexes updated) older than
    TASK_RESULTS_KEEP_DAYS; waiting and running tasks are never touched."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.TASK_RESULTS_KEEP_DAYS)
    deleted, _ = DBTaskResult.objects.filter(status__in=FINISHED, finished_at__lt=cutoff).delete()
    return deleted


def prune_sent_notices(now=None):
    """Forget notices sent more than SENT_NOTICES_KEEP_DAYS ago (long after their occasion)."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.SENT_NOTICES_KEEP_DAYS)
    deleted, _ = SentNotice.objects.filter(sent_at__lt=cutoff).delete()
    return deleted


def prune_mail_outbox(now=None):
    """Forget finished e-mails (their text is already wiped once sent) as long after as the
    notices: a row's event key is what stops a second send, so both are kept alike."""
    from academy.mail import prune_outbox

    return prune_outbox(days=settings.SENT_NOTICES_KEEP_DAYS, now=now)
