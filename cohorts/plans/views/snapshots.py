"""Milestones: handing in the plan as of today at an assignment that asks for it, and reading
(or printing) a snapshot handed in."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from cohorts import access
from cohorts.plans.forms import MilestoneForm
from cohorts.plans.printing import pdf_filename, pdf_response, plan_pdf
from cohorts.plans.services.plans import PlanRefused
from cohorts.plans.services.snapshots import snapshot_sections, submit_plan
from cohorts.services.confidential import record_view


@login_required
@require_POST
def milestone_submit(request, pk):
    assignment = access.get_assignment_or_404(request.user, pk)
    membership = access.own_trainee_membership(request.user, assignment.cohort_id)
    if membership is None or not assignment.asks_for_plan:
        raise Http404
    form = MilestoneForm(request.POST)
    form.is_valid()
    try:
        snapshot, created = submit_plan(
            request.user, assignment, membership, key=form.cleaned_data.get("key", "")
        )
    except PlanRefused as refused:
        messages.error(request, refused.message)
        return redirect("coursework:assignment_detail", pk=assignment.pk)
    if created:
        messages.success(
            request,
            _("Your succession plan as of today is submitted as attempt %(attempt)d.")
            % {"attempt": snapshot.submission.attempt},
        )
    return redirect("plans:snapshot_detail", pk=snapshot.pk)


def _snapshot(request, pk=None, submission_pk=None):
    snapshot = access.get_plan_snapshot_or_404(request.user, pk, submission_pk=submission_pk)
    membership = snapshot.plan.membership
    record_view(viewer=request.user, trainee=membership, obj=snapshot, path=request.get_full_path())
    return snapshot, membership


@login_required
@require_GET
def snapshot_detail(request, pk):
    snapshot, membership = _snapshot(request, pk)
    return render(
        request,
        "cohorts/plans/snapshot_detail.html",
        {
            "snapshot": snapshot,
            "membership": membership,
            "sections": snapshot_sections(snapshot),
            "may_review": access.reviewable_submissions(request.user)
            .filter(pk=snapshot.submission_id)
            .exists(),
        },
    )


@login_required
@require_GET
def submission_snapshot(request, submission_pk):
    """The snapshot an attempt was, from the attempt's pages (by the attempt's id)."""
    snapshot = access.get_plan_snapshot_or_404(request.user, submission_pk=submission_pk)
    return redirect("plans:snapshot_detail", pk=snapshot.pk)


@login_required
@require_GET
def snapshot_pdf(request, pk):
    snapshot, membership = _snapshot(request, pk)
    now = timezone.now()
    data = plan_pdf(
        membership=membership,
        company=snapshot.company,
        sections=snapshot_sections(snapshot),
        printed_at=now,
        as_of=snapshot.taken_at,
    )
    return pdf_response(data, pdf_filename(membership, snapshot.taken_at))
