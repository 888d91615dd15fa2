"""Setting and changing assignments: the dates, points and late rules are audited."""

from django.db import transaction

from academy.audit import record_change, record_changes, snapshot
from cohorts.coursework.announcements import queue_announcement
from cohorts.coursework.models import Assignment

from .extensions import AUDITED as EXTENSION_AUDITED

AUDITED = ["opens_at", "due_at", "late_policy", "cutoff_at", "points", "max_attempts"]


@transaction.atomic
def create_assignment(*, actor, assignment):
    """Save a new assignment (its fields already set, e.g. by a form) after the model's rules."""
    assignment.created_by = actor
    assignment.full_clean()
    assignment.save()
    record_change(actor=actor, obj=assignment, action="create", after=snapshot(assignment, AUDITED))
    queue_announcement(assignment)
    return assignment


@transaction.atomic
def update_assignment(*, actor, assignment, reason=""):
    """Save changes made to assignment; an audit entry when a dated or graded rule changed."""
    stored = Assignment.objects.select_for_update().get(pk=assignment.pk)
    before = snapshot(stored, AUDITED)
    # Set by the announcement task, never by a form: a page opened before it ran keeps it.
    assignment.announced_at = stored.announced_at
    assignment.full_clean()  # also turns the form's values into the fields' types
    assignment.save()
    record_change(
        actor=actor,
        obj=assignment,
        action="update",
        before=before,
        after=snapshot(assignment, AUDITED),
        reason=reason,
    )
    queue_announcement(assignment)
    return assignment


@transaction.atomic
def delete_assignment(*, actor, assignment, reason=""):
    """Remove an assignment that holds no work (the database refuses one that does): one
    entry for it, and one per trainee extension that goes with it."""
    record_changes(
        actor=actor,
        changes=[
            *(
                (extension, "delete", snapshot(extension, EXTENSION_AUDITED), None)
                for extension in assignment.extensions.all()
            ),
            (assignment, "delete", snapshot(assignment, AUDITED), None),
        ],
        reason=reason,
    )
    assignment.delete()
