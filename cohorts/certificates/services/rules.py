"""Saving a cohort's completion rules (the admin's one write path), audited with the required
assignments and sessions by id."""

from django.db import transaction

from academy.audit import record_change, snapshot
from cohorts.models import Cohort
from cohorts.services.archive import refuse_if_archived

AUDITED = ["cohort", "min_attendance", "pass_mark", "signatory", "seal"]


def _state(rule):
    state = snapshot(rule, AUDITED)
    if rule.pk:
        state["required_assignments"] = sorted(
            rule.required_assignments.values_list("pk", flat=True)
        )
        state["required_sessions"] = sorted(rule.required_sessions.values_list("pk", flat=True))
    return state


@transaction.atomic
def save_rule(*, actor, rule, required_assignments, required_sessions):
    """Create or change rule and its required items; ValidationError when an item is not the
    cohort's own, CohortArchived when the cohort is archived (nothing is saved)."""
    refuse_if_archived(Cohort.objects.select_for_update().get(pk=rule.cohort_id))
    existing = type(rule).objects.filter(pk=rule.pk).first() if rule.pk else None
    before = _state(existing) if existing else None
    rule.full_clean()
    rule.check_items(required_assignments, required_sessions)
    rule.save()
    rule.required_assignments.set(required_assignments)
    rule.required_sessions.set(required_sessions)
    record_change(
        actor=actor,
        obj=rule,
        action="update" if before else "create",
        before=before,
        after=_state(rule),
    )
    return rule


@transaction.atomic
def delete_rule(*, actor, rule):
    """The cohort goes back to having no rules (nothing required); refused once archived."""
    refuse_if_archived(Cohort.objects.select_for_update().get(pk=rule.cohort_id))
    record_change(actor=actor, obj=rule, action="delete", before=_state(rule))
    rule.delete()
