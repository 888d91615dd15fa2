"""One plan section: its text and comments, the trainee's edit form, its history, and two of
its versions side by side."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from academy.sanitizer import as_plain_text
from cohorts import access
from cohorts.plans.compare import side_by_side
from cohorts.plans.forms import CommentForm, SectionForm
from cohorts.plans.services.plans import PlanConflict, PlanRefused, save_section
from cohorts.services.confidential import record_view


def _section(request, pk):
    section = access.get_plan_section_or_404(request.user, pk)
    return section, section.plan.membership


def _log(request, section, membership):
    record_view(
        viewer=request.user, trainee=membership, obj=section.plan, path=request.get_full_path()
    )


def section_context(user, section, membership, comment_form=None):
    """What the section page shows: the newest text, every comment (open first), forms."""
    versions = list(section.versions.order_by("-number"))
    latest = versions[0] if versions else None
    comments = list(section.comments.select_related("version").order_by("created_at", "pk"))
    archived = membership.cohort.is_archived
    for comment in comments:
        comment.may_resolve = (
            comment.is_open
            and not archived
            and access.may_resolve_comment(user, comment, membership)
        )
    may_comment = (
        latest is not None and not archived and access.may_comment_on_plan(user, membership)
    )
    if may_comment and comment_form is None:
        comment_form = CommentForm(initial={"version": latest.number})
    return {
        "section": section,
        "membership": membership,
        "latest": latest,
        "version_count": len(versions),
        "open_comments": [c for c in comments if c.is_open],
        "resolved_comments": [c for c in comments if not c.is_open],
        "may_edit": access.may_edit_plan(user, membership) and not archived,
        "comment_form": comment_form if may_comment else None,
    }


@login_required
@require_GET
def section_detail(request, pk):
    section, membership = _section(request, pk)
    context = section_context(request.user, section, membership)
    _log(request, section, membership)
    return render(request, "cohorts/plans/section_detail.html", context)


def _edit_page(request, section, membership, form, *, latest, conflict=None, status=200):
    return render(
        request,
        "cohorts/plans/section_edit.html",
        {
            "section": section,
            "membership": membership,
            "form": form,
            "latest": latest,
            "conflict": conflict,
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def section_edit(request, pk):
    """The trainee writes the section; a save based on an older version is refused (409)
    with the typed text kept and the newer version shown beside it."""
    section, membership = _section(request, pk)
    if not access.may_edit_plan(request.user, membership):
        raise Http404
    latest = section.versions.order_by("-number").first()
    if membership.cohort.is_archived:
        messages.error(request, membership.cohort.ARCHIVED_MESSAGE)
        return redirect("plans:section_detail", pk=section.pk)
    if request.method != "POST":
        form = SectionForm(
            initial={
                "body": as_plain_text(latest.body) if latest else "",
                "base": latest.number if latest else 0,
            }
        )
        return _edit_page(request, section, membership, form, latest=latest)
    form = SectionForm(request.POST)
    if not form.is_valid():
        return _edit_page(request, section, membership, form, latest=latest, status=400)
    try:
        version, created = save_section(
            request.user,
            section,
            body=form.cleaned_data["body"],
            based_on=form.cleaned_data["base"],
        )
    except PlanConflict as conflict:
        data = request.POST.copy()
        data["base"] = str(conflict.latest.number if conflict.latest else 0)
        form = SectionForm(data)
        form.is_valid()
        return _edit_page(
            request, section, membership, form, latest=conflict.latest, conflict=conflict,
            status=409,
        )  # fmt: skip
    except PlanRefused as refused:
        form.add_error("body", refused.message)
        return _edit_page(request, section, membership, form, latest=latest, status=400)
    if created:
        messages.success(request, _("Saved as version %(number)d.") % {"number": version.number})
    else:
        messages.info(request, _("Nothing changed since the last version: nothing to save."))
    return redirect("plans:section_detail", pk=section.pk)


@login_required
@require_GET
def section_history(request, pk):
    section, membership = _section(request, pk)
    versions = list(section.versions.order_by("-number"))
    _log(request, section, membership)
    return render(
        request,
        "cohorts/plans/section_history.html",
        {"section": section, "membership": membership, "versions": versions},
    )


def _number(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@login_required
@require_GET
def section_compare(request, pk):
    """Two versions side by side (?old=N&new=M; by default the last two)."""
    section, membership = _section(request, pk)
    versions = {v.number: v for v in section.versions.all()}
    newest = max(versions, default=0)
    new_number = _number(request.GET.get("new")) or newest
    old_number = _number(request.GET.get("old")) or max(new_number - 1, 1)
    old, new = versions.get(old_number), versions.get(new_number)
    if old is None or new is None:
        raise Http404
    if old.number > new.number:
        old, new = new, old
    _log(request, section, membership)
    return render(
        request,
        "cohorts/plans/section_compare.html",
        {
            "section": section,
            "membership": membership,
            "old": old,
            "new": new,
            "rows": side_by_side(old.body, new.body),
            "numbers": sorted(versions, reverse=True),
        },
    )
