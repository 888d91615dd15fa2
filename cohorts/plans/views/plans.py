"""The plan pages: the plans a person may read, one plan, its company name, its PDF."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from cohorts import access
from cohorts.plans.forms import CompanyForm
from cohorts.plans.models import SectionComment
from cohorts.plans.printing import pdf_filename, pdf_response
from cohorts.plans.printing import plan_pdf as build_plan_pdf
from cohorts.plans.services.plans import (
    PlanRefused,
    plan_for,
    sections_of,
    update_company,
    with_latest,
)
from cohorts.services.confidential import record_view

PER_PAGE = 25
READINGS_SHOWN = 30


@login_required
@require_GET
def plan_list(request):
    """The plans a person may read; a trainee with one plan goes straight to it."""
    visible = access.plan_trainees_visible_to(request.user).filter(is_active=True)
    own = list(visible.filter(user=request.user)[:2])
    if len(own) == 1 and not access.is_staff(request.user):
        return redirect("plans:plan_detail", pk=own[0].pk)
    page = Paginator(
        visible.select_related("user", "cohort").order_by("-cohort__starts_on", "cohort_id"),
        PER_PAGE,
    ).get_page(request.GET.get("page"))
    return render(request, "cohorts/plans/plan_list.html", {"page_obj": page})


def plan_context(user, membership):
    """What the plan page shows; a fixed number of queries whatever the plan's size."""
    plan = plan_for(membership)
    sections = with_latest(sections_of(plan))
    open_counts = dict(
        SectionComment.objects.open()
        .filter(section__in=[s.pk for s in sections])
        .values_list("section_id")
        .annotate(n=Count("pk"))
    )
    for section in sections:
        section.open_comments = open_counts.get(section.pk, 0)
    may_edit = access.may_edit_plan(user, membership) and not membership.cohort.is_archived
    return {
        "plan": plan,
        "membership": membership,
        "sections": sections,
        "snapshots": list(
            plan.snapshots.select_related("submission__assignment").order_by("-taken_at")
        ),
        "may_edit": may_edit,
        "is_trainee": membership.user_id == user.pk,
        "company_form": CompanyForm(initial={"company": plan.company}) if may_edit else None,
        "written": sum(1 for s in sections if s.latest is not None),
        "readings": list(access.plan_readings_visible_to(user, membership)[:READINGS_SHOWN]),
    }


@login_required
@require_GET
def plan_detail(request, pk):
    membership = access.get_plan_membership_or_404(request.user, pk)
    context = plan_context(request.user, membership)
    record_view(
        viewer=request.user, trainee=membership, obj=context["plan"], path=request.get_full_path()
    )
    return render(request, "cohorts/plans/plan_detail.html", context)


@login_required
@require_POST
def plan_company(request, pk):
    membership = access.get_plan_membership_or_404(request.user, pk)
    if not access.may_edit_plan(request.user, membership):
        raise Http404
    form = CompanyForm(request.POST)
    plan = plan_for(membership)
    if form.is_valid():
        try:
            update_company(request.user, plan, form.cleaned_data["company"])
        except PlanRefused as refused:
            messages.error(request, refused.message)
        else:
            messages.success(request, _("The company name is saved."))
        return redirect("plans:plan_detail", pk=membership.pk)
    context = plan_context(request.user, membership)
    context["company_form"] = form
    return render(request, "cohorts/plans/plan_detail.html", context, status=400)


@login_required
@require_GET
def plan_pdf(request, pk):
    membership = access.get_plan_membership_or_404(request.user, pk)
    plan = plan_for(membership)
    sections = with_latest(sections_of(plan))
    now = timezone.now()
    record_view(viewer=request.user, trainee=membership, obj=plan, path=request.get_full_path())
    data = build_plan_pdf(
        membership=membership, company=plan.company, sections=sections, printed_at=now
    )
    return pdf_response(data, pdf_filename(membership, now))
