"""Confirming a trainee's completion and undoing it: the one write path, audited.

Confirming checks the cohort's rules live (the same evaluation as the staff page), makes the
completion with its unguessable verification code, and queues the certificate for the task
worker once the transaction commits. Undoing needs a reason; it revokes the certificate (the
code stops verifying) and keeps the row for the record. An archived cohort refuses both.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from academy.audit import record_change, snapshot
from cohorts.certificates.models import Completion
from cohorts.models import Cohort, Membership

from .certificate import make_certificate
from .evaluation import standings

AUDITED = ["membership", "confirmed_by", "confirmed_at", "revoked_at", "revoked_by"]


class CompletionRefused(Exception):
    """A completion that may not be confirmed or undone now, with a translated message."""

    def __init__(self, message, code, reasons=()):
        super().__init__(str(message))
        self.message = message
        self.code = code
        self.reasons = list(reasons)


def _refuse_if_archived(cohort):
    if cohort.is_archived:
        raise CompletionRefused(Cohort.ARCHIVED_MESSAGE, "archived")


@transaction.atomic
def confirm_completion(*, actor, membership, moment=None):
    """The trainee completed: returns the new Completion; raises CompletionRefused."""
    moment = moment or timezone.now()
    membership = (
        Membership.objects.select_for_update()
        .select_related("user", "cohort__course")
        .get(pk=membership.pk)
    )
    _refuse_if_archived(membership.cohort)
    if not (membership.is_active and membership.is_trainee):
        raise CompletionRefused(_("This person is not an active trainee of the cohort."), "member")
    if Completion.objects.current().filter(membership=membership).exists():
        raise CompletionRefused(_("This trainee's completion is already confirmed."), "already")
    (standing,) = standings(actor, [membership], moment=moment)
    if not standing.eligible:
        raise CompletionRefused(
            _("Not every completion rule is met yet."),
            "not_met",
            [item.reason for item in standing.items],
        )
    completion = Completion.objects.create(
        membership=membership, confirmed_by=actor, confirmed_at=moment
    )
    record_change(
        actor=actor, obj=completion, action="confirm", after=snapshot(completion, AUDITED)
    )
    transaction.on_commit(lambda: make_certificate.enqueue(completion.pk))
    return completion


@transaction.atomic
def undo_completion(*, actor, completion, reason, moment=None):
    """Take a confirmed completion back (a reason is required); its certificate is revoked."""
    reason = (reason or "").strip()
    if not reason:
        raise CompletionRefused(_("Please say why the completion is undone."), "reason")
    completion = (
        Completion.objects.select_for_update()
        .select_related("membership__cohort", "membership__user")
        .get(pk=completion.pk)
    )
    _refuse_if_archived(completion.membership.cohort)
    if completion.is_revoked:
        raise CompletionRefused(_("This completion was already undone."), "already_undone")
    before = snapshot(completion, AUDITED)
    completion.revoked_at = moment or timezone.now()
    completion.revoked_by = actor
    completion.revoke_reason = reason
    completion.save(update_fields=["revoked_at", "revoked_by", "revoke_reason"])
    record_change(
        actor=actor,
        obj=completion,
        action="undo",
        before=before,
        after=snapshot(completion, AUDITED),
        reason=reason,
    )
    return completion
