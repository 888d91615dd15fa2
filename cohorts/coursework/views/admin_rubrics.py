"""Staff, in the Wagtail admin: copy a rubric (a locked one is changed by copying it)."""

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods
from wagtail.admin import messages
from wagtail.permission_policies import ModelPermissionPolicy

from cohorts.access import staff_required
from cohorts.coursework.models import Rubric


@staff_required
@require_http_methods(["GET", "POST"])
def rubric_copy(request, pk):
    """GET asks for confirmation; POST makes the copy (criteria and levels included).

    A copy is a new rubric: only staff who may add rubrics in the admin may make one."""
    if not ModelPermissionPolicy(Rubric).user_has_permission(request.user, "add"):
        raise Http404
    rubric = get_object_or_404(Rubric, pk=pk)
    if request.method != "POST":
        return render(request, "cohorts/coursework/admin/rubric_copy.html", {"rubric": rubric})
    clone = rubric.copy()
    messages.success(request, _("A copy of the rubric was made; you can change it freely."))
    return redirect("coursework_rubric:edit", clone.pk)
