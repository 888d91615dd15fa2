"""Milestone submissions: "the plan as of today" handed in as an attempt.

The snapshot is each current section's newest version at that moment (versions never change,
so pointing at them freezes the plan); the attempt's text is the same plan written out, so
the rubric review grades it like any attempt. A second submission is a new attempt with a
new snapshot; the same form posted twice (its key) returns the first.
"""

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cohorts import access
from cohorts.coursework.services.submissions import SubmissionRefused, submit
from cohorts.plans.models import PlanSnapshot

from .plans import PlanRefused, check_writable, plan_for, sections_of, with_latest


def submit_plan(actor, assignment, membership, *, key="", now=None):
    """Freeze membership's plan and hand it in at assignment; returns (snapshot, created)."""
    check_writable(membership)
    if not access.may_edit_plan(actor, membership) or membership.cohort_id != assignment.cohort_id:
        raise PlanRefused(_("Only the trainee hands in their succession plan."), "not_owner")
    if not assignment.asks_for_plan:
        raise PlanRefused(_("This assignment does not ask for the succession plan."), "not_plan")
    now = now or timezone.now()
    plan = plan_for(membership)
    sections = [s for s in with_latest(sections_of(plan)) if s.latest is not None]
    if not sections:
        raise PlanRefused(
            _("Your succession plan is still empty: write at least one section first."), "empty"
        )
    text = render_to_string(
        "cohorts/plans/includes/snapshot_text.html", {"plan": plan, "sections": sections}
    )
    try:
        with transaction.atomic():
            submission, created = submit(
                assignment, membership, text=text, key=key, now=now, from_plan=True
            )
            if not created:
                return PlanSnapshot.objects.get(submission=submission), False
            snapshot = PlanSnapshot.objects.create(
                plan=plan, submission=submission, company=plan.company, taken_at=now, taken_by=actor
            )
            snapshot.versions.set([s.latest for s in sections])
    except SubmissionRefused as refused:
        raise PlanRefused(refused.message, refused.code) from None
    return snapshot, True


def snapshot_sections(snapshot):
    """The snapshot's versions in the plan's reading order (titles as the plan shows them)."""
    versions = {v.section_id: v for v in snapshot.versions.select_related("section__heading")}
    sections = sections_of(snapshot.plan)
    ordered = []
    for section in sections:
        version = versions.pop(section.pk, None)
        if version is not None:
            section.latest = version
            ordered.append(section)
    return ordered
