"""Staff pages: a submission's history, the release gate of a cohort, and releasing an
assignment's ready reviews together."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from academy.models import AuditEntry
from cohorts import access
from cohorts.coursework.models import Assignment, Submission
from cohorts.models import Cohort
from cohorts.review.forms import PolicyForm
from cohorts.review.models import GuestEvaluator, Review, ReviewRelease
from cohorts.review.services.policy import set_release_policy
from cohorts.review.services.reviews import LABELS, ReviewRefused, policy_for, release_ready
from cohorts.services.archive import CohortArchived


def _entries_for(model, ids):
    return Q(content_type=ContentType.objects.get_for_model(model), object_id__in=ids)


@login_required
@access.staff_required
@require_GET
def submission_history(request, pk):
    """Every audited change of the attempt's review, its guests' invitations and what the
    trainee was shown, oldest first."""
    submission = get_object_or_404(
        Submission.objects.submitted().select_related("assignment__cohort", "membership__user"),
        pk=pk,
    )
    review = Review.objects.filter(submission=submission).first()
    guests = GuestEvaluator.objects.filter(
        assignment_id=submission.assignment_id, trainees=submission.membership_id
    ).values_list("pk", flat=True)
    query = _entries_for(GuestEvaluator, [str(g) for g in guests])
    if review is not None:
        query |= _entries_for(Review, [str(review.pk)])
    entries = []
    for entry in (
        AuditEntry.objects.filter(query).select_related("actor").order_by("created_at", "pk")
    ):
        before, after = entry.before or {}, entry.after or {}
        changed = [
            {"label": LABELS.get(key, key), "before": before.get(key), "after": after.get(key)}
            for key in sorted(set(before) | set(after))
            if key != "version" and before.get(key) != after.get(key)
        ]
        entries.append({"entry": entry, "changed": changed})
    releases = (
        ReviewRelease.objects.filter(review=review).select_related("released_by", "on_behalf_of")
        if review
        else []
    )
    return render(
        request,
        "cohorts/review/history.html",
        {"submission": submission, "review": review, "entries": entries, "releases": releases},
    )


@login_required
@access.staff_required
@require_http_methods(["GET", "POST"])
def cohort_policy(request, pk):
    cohort = get_object_or_404(Cohort, pk=pk)
    policy = policy_for(cohort.pk)
    form = PolicyForm(
        request.POST or None, initial={"staff_release": bool(policy and policy.staff_release)}
    )
    if request.method == "POST" and form.is_valid():
        try:
            set_release_policy(
                request.user, cohort, staff_release=form.cleaned_data["staff_release"]
            )
        except CohortArchived as archived:
            form.add_error(None, archived)
        else:
            messages.success(request, _("The release rule of this cohort is saved."))
            return redirect("review:cohort_policy", pk=cohort.pk)
    return render(
        request, "cohorts/review/policy.html", {"cohort": cohort, "form": form, "policy": policy}
    )


@login_required
@access.staff_required
@require_http_methods(["GET", "POST"])
def assignment_release(request, pk):
    """The assignment's reviews marked ready: staff check them and release them together."""
    assignment = get_object_or_404(Assignment.objects.select_related("cohort"), pk=pk)
    ready = (
        Review.objects.filter(submission__assignment=assignment, state=Review.State.READY)
        .select_related("submission__membership__user", "author")
        .order_by("submission__submitted_at", "pk")
    )
    if request.method == "POST":
        chosen = [v for v in request.POST.getlist("submission") if v.isdigit()]
        if not chosen:
            messages.error(request, _("Choose at least one review to release."))
        else:
            try:
                count = release_ready(request.user, assignment, [int(v) for v in chosen])
            except ReviewRefused as refused:
                messages.error(request, refused.message)
            else:
                messages.success(request, _("%(count)d reviews released.") % {"count": count})
                return redirect("review:assignment_release", pk=assignment.pk)
    return render(
        request,
        "cohorts/review/assignment_release.html",
        {"assignment": assignment, "ready": ready},
    )
