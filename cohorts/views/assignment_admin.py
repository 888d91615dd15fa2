"""Staff set and edit assignments from the site too (the Wagtail admin has the same form)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cohorts import access
from cohorts.assignment_forms import AssignmentForm
from cohorts.models import Assignment


def _staff_only(user):
    if not access.is_staff(user):
        raise Http404


def _form_page(request, form, assignment=None):
    return render(
        request,
        "cohorts/assignment_form.html",
        {"form": form, "assignment": assignment},
        status=400 if form.is_bound else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def assignment_create(request):
    _staff_only(request.user)
    form = AssignmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        assignment = form.save(commit=False)
        assignment.created_by = request.user
        assignment.save()
        messages.success(request, _("The assignment is set."))
        return redirect("assignment_detail", pk=assignment.pk)
    return _form_page(request, form)


@login_required
@require_http_methods(["GET", "POST"])
def assignment_edit(request, pk):
    _staff_only(request.user)
    assignment = get_object_or_404(Assignment, pk=pk)
    form = AssignmentForm(request.POST or None, instance=assignment)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The assignment is saved."))
        return redirect("assignment_detail", pk=assignment.pk)
    return _form_page(request, form, assignment)
