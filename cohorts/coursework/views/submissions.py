"""Handing work in, reading an attempt, and downloading or removing its files."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_POST

from cohorts import access
from cohorts.coursework.forms import SubmissionForm
from cohorts.coursework.models import Submission
from cohorts.coursework.services.submissions import (
    SubmissionRefused,
    attempts_of,
    remove_draft_file,
    save_draft,
    submit,
)
from cohorts.review.services.reviews import mark_seen
from cohorts.services.confidential import record_view
from cohorts.uploads.handlers import QuotaUploadHandler, declared_too_large, request_quota
from cohorts.uploads.responses import private_download

from .assignments import get_assignment_or_404, is_last_attempt, render_assignment


@csrf_exempt  # checked by csrf_protect below, once the size limit is in place
@login_required
@require_POST
def submission_create(request, pk):
    """Save a draft (button "draft") or submit (button "submit") the trainee's own work.

    The body's size is checked before it is read: a request beyond the submission limit is
    refused (413) without storing it, and a body that lies about its length is cut off.
    """
    assignment = get_assignment_or_404(request.user, pk)
    membership = access.own_trainee_membership(request.user, assignment.cohort_id)
    if membership is None:
        raise Http404
    if declared_too_large(request):
        message = _("The upload is larger than a submission may be (%(size)s in all).") % {
            "size": filesizeformat(request_quota())
        }
        return render_assignment(request, assignment, status=413, refusal=message)
    quota = QuotaUploadHandler(request)
    request.upload_handlers.insert(0, quota)
    return _submission_create(request, assignment, membership, quota)


@csrf_protect
def _submission_create(request, assignment, membership, quota):
    form = SubmissionForm(request.POST, request.FILES, assignment=assignment)
    if quota.exceeded:
        message = _("The upload is larger than a submission may be (%(size)s in all).") % {
            "size": filesizeformat(quota.quota)
        }
        return render_assignment(request, assignment, status=413, refusal=message)
    if not form.is_valid():
        return render_assignment(request, assignment, form=form, status=400)
    text = form.cleaned_data.get("text", "")
    try:
        if request.POST.get("action") == "draft":
            save_draft(assignment, membership, text=text, files=form.checked_files)
            messages.success(request, _("Your draft is saved. It is not submitted yet."))
            return redirect("coursework:assignment_detail", pk=assignment.pk)
        if request.POST.get("confirmed") != "1" and is_last_attempt(
            assignment, attempts_of(assignment, membership)
        ):
            # The last attempt takes two steps: keep the work as a draft, then ask.
            save_draft(assignment, membership, text=text, files=form.checked_files)
            return render_assignment(request, assignment, confirm_final=True)
        submission, created = submit(
            assignment,
            membership,
            text=text,
            files=form.checked_files,
            key=form.cleaned_data.get("key", ""),
        )
    except SubmissionRefused as refused:
        form.add_error(None, refused.message)
        return render_assignment(request, assignment, form=form, status=400)
    if created:
        messages.success(
            request,
            _("Attempt %(attempt)d is submitted. A receipt is on its way by e-mail.")
            % {"attempt": submission.attempt},
        )
    return redirect("coursework:submission_detail", pk=submission.pk)


@login_required
@require_GET
def submission_detail(request, pk):
    submission = access.get_submission_or_404(
        request.user,
        pk,
        Submission.objects.select_related(
            "assignment__cohort", "membership__user"
        ).prefetch_related("files"),
    )
    if submission.assignment.asks_for_plan:  # a copy of the confidential plan
        record_view(
            viewer=request.user,
            trainee=submission.membership,
            obj=submission,
            path=request.get_full_path(),
        )
    releases = list(
        access.releases_visible_to(request.user)
        .filter(review__submission=submission)
        .order_by("number")
    )
    latest = releases[-1] if releases else None
    if latest is not None and submission.membership.user_id == request.user.pk:
        mark_seen(latest)
    context = {
        "submission": submission,
        "release": latest,
        "earlier_releases": releases[:-1],
        "may_review": access.reviewable_submissions(request.user).filter(pk=submission.pk).exists(),
    }
    return render(request, "cohorts/coursework/submission_detail.html", context)


@login_required
@require_GET
def submission_file(request, pk):
    record = access.get_submission_file_or_404(request.user, pk)
    return private_download(
        record.file, filename=record.original_name, content_type=record.content_type
    )


@login_required
@require_POST
def submission_file_remove(request, pk):
    record = access.get_own_draft_file_or_404(request.user, pk)
    submission = record.submission
    try:
        remove_draft_file(record)
    except SubmissionRefused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, _("The file is removed from your draft."))
    return redirect("coursework:assignment_detail", pk=submission.assignment_id)
