"""A mentor's comment on a section, and resolving one (the trainee or its author)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cohorts import access
from cohorts.plans.forms import CommentForm
from cohorts.plans.services.comments import add_comment, resolve_comment
from cohorts.plans.services.plans import PlanRefused

from .sections import section_context


@login_required
@require_POST
def comment_create(request, pk):
    section = access.get_plan_section_or_404(request.user, pk)
    membership = section.plan.membership
    if not access.may_comment_on_plan(request.user, membership):
        raise Http404
    form = CommentForm(request.POST)
    if form.is_valid():
        version = section.versions.filter(number=form.cleaned_data["version"]).first()
        try:
            add_comment(request.user, section, version=version, body=form.cleaned_data["body"])
        except PlanRefused as refused:
            if refused.code == "archived":
                messages.error(request, refused.message)
                return redirect("plans:section_detail", pk=section.pk)
            form.add_error("body", refused.message)
        else:
            messages.success(request, _("Your comment is sent; the trainee is told by e-mail."))
            return redirect("plans:section_detail", pk=section.pk)
    context = section_context(request.user, section, membership, comment_form=form)
    return render(request, "cohorts/plans/section_detail.html", context, status=400)


@login_required
@require_POST
def comment_resolve(request, pk):
    comment = access.get_section_comment_or_404(request.user, pk)
    membership = comment.section.plan.membership
    if not access.may_resolve_comment(request.user, comment, membership):
        raise Http404
    try:
        resolve_comment(request.user, comment)
    except PlanRefused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, _("The comment is marked resolved."))
    return redirect("plans:section_detail", pk=comment.section_id)
