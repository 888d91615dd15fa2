"""The review page: the attempt, earlier attempts with their feedback, the rubric grid,
feedback, private note; save, mark ready, release or return. Autosave posts the same form."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from academy.datetimes import format_time
from cohorts import access
from cohorts.coursework.models import Submission
from cohorts.models import Membership
from cohorts.review import scoring
from cohorts.review.forms import ReassignForm, ReviewForm
from cohorts.review.models import Review, ReviewMarker, ReviewRelease
from cohorts.review.services import queue
from cohorts.review.services.reviews import (
    ReviewConflict,
    ReviewRefused,
    criteria_of,
    guests_for,
    mark_open,
    policy_for,
    reassign,
    save_review,
)
from cohorts.services.confidential import record_view

from .files import can_show_inline

MARKER_FRESH = timedelta(hours=8)
SUBMISSION = Submission.objects.select_related(
    "assignment__cohort", "assignment__rubric", "membership__user"
).prefetch_related("files")


def _review_of(submission):
    return (
        Review.objects.filter(submission=submission)
        .select_related("author", "updated_by", "assigned_to__user")
        .prefetch_related("scores__level", "releases__released_by", "releases__on_behalf_of")
        .first()
    )


def _earlier_attempts(submission):
    return list(
        Submission.objects.submitted()
        .filter(
            assignment_id=submission.assignment_id,
            membership_id=submission.membership_id,
            attempt__lt=submission.attempt,
        )
        .prefetch_related(
            "files",
            Prefetch(
                "review__releases",
                queryset=ReviewRelease.objects.order_by("-number"),
                to_attr="published",
            ),
        )
        .select_related("review")
        .order_by("-attempt")
    )


def _marker(submission, user):
    """Another person's fresh "being reviewed" marker, or None."""
    marker = (
        ReviewMarker.objects.filter(submission=submission, since__gte=timezone.now() - MARKER_FRESH)
        .exclude(user=user)
        .select_related("user")
        .first()
    )
    return marker


def page_context(request, submission, review, form, **extra):
    user = request.user
    policy = policy_for(submission.assignment.cohort_id)
    files = list(submission.files.all())
    context = {
        "submission": submission,
        "assignment": submission.assignment,
        "review": review,
        "form": form,
        "files": files,
        "inline_images": [f for f in files if can_show_inline(f)],
        "earlier": _earlier_attempts(submission),
        "releases": list(review.releases.all()) if review else [],
        "marker": _marker(submission, user),
        "may_release": access.may_release(user, policy),
        "gated": bool(policy and policy.staff_release),
        "is_staff": access.is_staff(user),
        "next_pk": queue.next_waiting(user, submission.pk),
        "unreleased_changes": _unreleased(review),
    }
    if context["is_staff"]:
        context["reassign_form"] = ReassignForm(
            mentors=_cohort_mentors(submission),
            initial={"mentor": review.assigned_to_id if review else None},
        )
    context["rubric_max"] = scoring.rubric_max(
        [level.points for level in criterion.levels.all()] for criterion in form.criteria
    )
    context.update(extra)
    return context


def _unreleased(review):
    """A published review changed since it was published (a correction not yet released)."""
    if review is None or not review.is_published:
        return False
    releases = list(review.releases.all())
    return bool(releases) and releases[-1].review_version != review.version


def _cohort_mentors(submission):
    return (
        Membership.objects.mentors()
        .active()
        .filter(cohort_id=submission.membership.cohort_id)
        .select_related("user")
    )


def _form(submission, review, data=None):
    criteria = criteria_of(submission.assignment)
    owners = guests_for(submission)
    return ReviewForm(
        data,
        assignment=submission.assignment,
        criteria=criteria,
        owners=owners,
        review=review,
    )


@login_required
@require_http_methods(["GET", "POST"])
def review_detail(request, pk):
    submission = access.get_reviewable_submission_or_404(request.user, pk, SUBMISSION)
    review = _review_of(submission)
    if request.method != "POST":
        if submission.assignment.asks_for_plan:  # a copy of the confidential plan
            record_view(
                viewer=request.user,
                trainee=submission.membership,
                obj=submission,
                path=request.get_full_path(),
            )
        context = page_context(request, submission, review, _form(submission, review))
        mark_open(request.user, submission)  # after reading someone else's marker
        return render(request, "cohorts/review/review_detail.html", context)
    form = _form(submission, review, request.POST)
    action = request.POST.get("action", "save")
    if not form.is_valid():
        context = page_context(request, submission, review, form)
        return render(request, "cohorts/review/review_detail.html", context, status=400)
    try:
        saved = save_review(
            request.user,
            submission,
            based_on=form.cleaned_data["version"],
            changes=form.changes(),
            action=action,
        )
    except ReviewConflict as conflict:
        return _conflict_page(request, submission, conflict)
    except ReviewRefused as refused:
        for field, message in refused.errors.items():
            form.add_error(
                None if field == "__all__" or field not in form.fields else field, message
            )
        if not refused.errors:
            form.add_error(None, refused.message)
        context = page_context(request, submission, review, form)
        return render(request, "cohorts/review/review_detail.html", context, status=400)
    messages.success(request, _done_message(saved, action))
    if action in ("release", "return", "ready") and request.POST.get("then") == "next":
        following = queue.next_waiting(request.user, submission.pk)
        if following:
            return redirect("review:review_detail", pk=following)
    return redirect("review:review_detail", pk=submission.pk)


def _done_message(review, action):
    if action == "release":
        if review.releases.count() > 1:
            return _("The corrected review is released; the trainee is told by e-mail.")
        return _("The review is released; the trainee is told by e-mail.")
    if action == "return":
        return _("The work is returned for revision; the trainee is told by e-mail.")
    if action == "ready":
        return _("The review is marked ready: the office will release it.")
    if review.is_published:
        return _("Your changes are saved. Release again to show them to the trainee.")
    return _("The review is saved as a draft. The trainee does not see it yet.")


def _conflict_page(request, submission, conflict):
    """The form as typed (nothing lost), based on the current version, with their changes."""
    data = request.POST.copy()
    data["version"] = str(conflict.review.version)
    review = _review_of(submission)
    form = _form(submission, review, data)
    form.is_valid()
    context = page_context(request, submission, review, form, conflict=conflict)
    return render(request, "cohorts/review/review_detail.html", context, status=409)


@login_required
@require_POST
def review_autosave(request, pk):
    """The same form, saved as a draft by the page's script; answers JSON."""
    submission = access.get_reviewable_submission_or_404(request.user, pk, SUBMISSION)
    review = _review_of(submission)
    form = _form(submission, review, request.POST)
    if not form.is_valid():
        return JsonResponse(
            {"ok": False, "message": _("Not saved: check the marked fields.")}, status=400
        )
    try:
        saved = save_review(
            request.user,
            submission,
            based_on=form.cleaned_data["version"],
            changes=form.changes(),
            action="save",
        )
    except ReviewConflict as conflict:
        html = render_to_string(
            "cohorts/review/includes/conflict.html", {"conflict": conflict}, request=request
        )
        return JsonResponse(
            {"ok": False, "conflict": True, "message": str(conflict.message), "html": html},
            status=409,
        )
    except ReviewRefused as refused:
        message = " ".join(str(m) for m in refused.errors.values()) or str(refused.message)
        return JsonResponse({"ok": False, "message": message}, status=400)
    return JsonResponse(
        {
            "ok": True,
            "version": saved.version,
            "message": _("Draft saved at %(time)s.") % {"time": format_time(saved.updated_at)},
        }
    )


@login_required
@require_POST
def review_reassign(request, pk):
    """Staff give a submission to another mentor of the cohort (recorded)."""
    if not access.is_staff(request.user):
        raise Http404
    submission = access.get_reviewable_submission_or_404(request.user, pk, SUBMISSION)
    form = ReassignForm(request.POST, mentors=_cohort_mentors(submission))
    if not form.is_valid():
        messages.error(request, _("Choose a mentor of the trainee's cohort."))
        return redirect("review:review_detail", pk=submission.pk)
    try:
        reassign(
            request.user,
            submission,
            form.cleaned_data["mentor"],
            reason=form.cleaned_data["reason"],
        )
    except ReviewRefused as refused:
        messages.error(request, refused.message)
        return redirect("review:review_detail", pk=submission.pk)
    messages.success(request, _("The submission is reassigned."))
    return redirect(reverse("review:review_detail", args=[submission.pk]))
