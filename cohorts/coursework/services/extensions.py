"""Giving one trainee a new due date, or taking it back: the one write path, audited.

The rules live in Extension.clean(); the site's form and the Wagtail admin both end here.
"""

from django.db import transaction
from django.utils import timezone

from academy.audit import record_change, snapshot
from cohorts.coursework.models import Extension
from cohorts.services.archive import refuse_if_archived

AUDITED = ["due_at", "reason", "granted_by"]


@transaction.atomic
def grant_extension(*, actor, assignment, membership, due_at, reason):
    """Create or change the trainee's extension; raises ValidationError when a rule fails
    (CohortArchived, a ValidationError, once the cohort is archived)."""
    refuse_if_archived(assignment.cohort_id)
    current = (
        Extension.objects.select_for_update()
        .filter(assignment=assignment, membership=membership)
        .first()
    )
    extension = current or Extension(assignment=assignment, membership=membership)
    before = snapshot(current, AUDITED) if current else None
    extension.due_at = due_at
    extension.reason = (reason or "").strip()
    extension.granted_by = actor
    extension.granted_at = timezone.now()
    extension.full_clean()
    extension.save()
    record_change(
        actor=actor,
        obj=extension,
        action="update" if current else "create",
        before=before,
        after=snapshot(extension, AUDITED),
        reason=extension.reason,
    )
    return extension


@transaction.atomic
def revoke_extension(*, actor, extension, reason=""):
    """The trainee is back on the assignment's due date (CohortArchived once archived)."""
    refuse_if_archived(extension.assignment.cohort_id)
    record_change(
        actor=actor,
        obj=extension,
        action="delete",
        before=snapshot(extension, AUDITED),
        reason=reason,
    )
    extension.delete()
