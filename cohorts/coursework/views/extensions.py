"""Granting one trainee a new due date from the site (staff; a mentor if the school allows)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from academy.datetimes import format_datetime, with_zone
from cohorts import access
from cohorts.coursework.forms import ExtensionForm
from cohorts.coursework.services.extensions import grant_extension

from .assignments import get_assignment_or_404


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
    form = ExtensionForm(request.POST or None, assignment=assignment, membership=membership)
    current = form.instance if form.instance.pk else None
    if request.method == "POST" and form.is_valid():
        try:
            extension = grant_extension(
                actor=request.user,
                assignment=assignment,
                membership=membership,
                due_at=form.cleaned_data["due_at"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("%(name)s now has until %(date)s.")
                % {
                    "name": membership.user.get_full_name(),
                    "date": with_zone(format_datetime(extension.due_at)),
                },
            )
            return redirect("coursework:assignment_detail", pk=assignment.pk)
    return render(
        request,
        "cohorts/coursework/extension_form.html",
        {"assignment": assignment, "membership": membership, "form": form, "current": current},
        status=400 if form.is_bound else 200,
    )
