"""The scheduled jobs and the one guard that makes each notice go out once.

A job is a function `job(now=None) -> int` (how many things it did) named by its dotted path
in settings.SCHEDULED_JOBS; adding a job is one line there. `manage.py run_scheduled` runs
them all from a timer (deploy/systemd/academy-scheduled.timer), so every job must be safe to
run at any time, twice, or in two processes at once:

    for occasion in ...:
        with transaction.atomic():
            if not claim("myapp.reminder", f"{membership.pk}:{thing.pk}:{moment.isoformat()}"):
                continue
            send_email(...)   # enqueued in the same transaction as the claim
"""

import logging

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from .models import SentNotice

log = logging.getLogger("academy.scheduling")


def jobs():
    """{short name: function} in the order of settings.SCHEDULED_JOBS."""
    return {path.rsplit(".", 1)[-1]: import_string(path) for path in settings.SCHEDULED_JOBS}


def claim(kind, key, *, sent_by=None, recipients=()):
    """True the first time (kind, key) is claimed, False ever after. Call it inside the
    transaction that sends, so a failed send gives the occasion back. A notice sent by hand
    names the person who sent it and the users it went to."""
    try:
        with transaction.atomic():
            notice = SentNotice.objects.create(kind=kind, key=key, sent_by=sent_by)
    except IntegrityError:
        return False
    if recipients:
        notice.recipients.set(recipients)
    return True


def run(names=None, now=None):
    """Run the jobs (all, or those named); {name: count or the exception}. One job failing
    does not stop the others."""
    now = now or timezone.now()
    results = {}
    for name, job in jobs().items():
        if names and name not in names:
            continue
        try:
            results[name] = job(now=now)
        except Exception as error:
            log.exception("scheduled job failed", extra={"job": name})
            results[name] = error
        else:
            log.info("scheduled job ran", extra={"job": name, "count": results[name]})
    return results
