"""Granting one trainee a new due date from the site (staff; a mentor if the school allows)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from academy.audit import record_change, snapshot
from cohorts import access
from cohorts.assignment_forms import ExtensionForm
from cohorts.models import Extension

from .assignments import get_assignment_or_404

AUDITED = ["due_at", "reason", "granted_by"]


@login_required
@require_http_methods(["GET", "POST"])
def extension_grant(request, pk, membership_pk):
    assignment = get_assignment_or_404(request.user, pk)
    membership = get_object_or_404(
        access.trainees_visible_to(request.user).select_related("user"),
        pk=membership_pk,
        cohort_id=assignment.cohort_id,
    )
    if not access.can_grant_extension(request.user, membership):
        raise Http404
    current = Extension.objects.filter(assignment=assignment, membership=membership).first()
    initial = {"due_at": current.due_at, "reason": current.reason} if current else {}
    form = ExtensionForm(request.POST or None, assignment=assignment, initial=initial)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            extension = current or Extension(assignment=assignment, membership=membership)
            before = snapshot(extension, AUDITED) if current else None
            extension.due_at = form.cleaned_data["due_at"]
            extension.reason = form.cleaned_data["reason"]
            extension.granted_by = request.user
            extension.save()
            record_change(
                actor=request.user,
                obj=extension,
                action="update" if current else "create",
                before=before,
                after=snapshot(extension, AUDITED),
                reason=extension.reason,
            )
        messages.success(
            request,
            _("%(name)s now has until %(date)s.")
            % {
                "name": membership.user.get_full_name(),
                "date": timezone.localtime(extension.due_at).strftime("%Y-%m-%d %H:%M"),
            },
        )
        return redirect("assignment_detail", pk=assignment.pk)
    return render(
        request,
        "cohorts/extension_form.html",
        {"assignment": assignment, "membership": membership, "form": form, "current": current},
        status=400 if form.is_bound else 200,
    )
