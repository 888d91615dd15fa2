"""Staff's completion page per cohort: every trainee's standing against the rules, with the
reason for each; confirm a completion; undo one with a reason."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cohorts import access
from cohorts.certificates.forms import UndoForm
from cohorts.certificates.services.completions import (
    CompletionRefused,
    confirm_completion,
    undo_completion,
)
from cohorts.certificates.services.evaluation import AT_RISK, COMPLETED, ON_TRACK, standings


@login_required
@access.staff_required
@require_GET
def completion_index(request):
    cohorts = access.completion_cohorts_for(request.user)
    return render(
        request,
        "cohorts/certificates/completion_index.html",
        {"cohorts": cohorts.select_related("course").order_by("-starts_on", "name")},
    )


@login_required
@require_GET
def cohort_completion(request, pk):
    cohort = access.get_completion_cohort_or_404(request.user, pk)
    trainees = (
        access.trainees_visible_to(request.user)
        .filter(cohort=cohort, is_active=True)
        .select_related("user", "cohort__course")
        .by_reading()
    )
    rows = standings(request.user, trainees)
    counts = {
        key: sum(1 for s in rows if s.status == key) for key in (ON_TRACK, AT_RISK, COMPLETED)
    }
    return render(
        request,
        "cohorts/certificates/cohort_completion.html",
        {
            "cohort": cohort,
            "standings": rows,
            "rule": rows[0].rule if rows else None,
            "counts": counts,
        },
    )


@login_required
@require_POST
def confirm(request, pk, membership_pk):
    cohort = access.get_completion_cohort_or_404(request.user, pk)
    membership = access.get_completion_trainee_or_404(request.user, cohort, membership_pk)
    name = membership.user.get_full_name()
    try:
        confirm_completion(actor=request.user, membership=membership)
    except CompletionRefused as refused:
        text = str(refused.message)
        if refused.reasons:
            text += " " + " ".join(str(reason) for reason in refused.reasons)
        messages.error(request, _("%(name)s: %(message)s") % {"name": name, "message": text})
    else:
        messages.success(
            request,
            _("%(name)s's completion is confirmed; the certificate is being made.")
            % {"name": name},
        )
    return redirect("certificates:cohort_completion", pk=cohort.pk)


@login_required
@require_http_methods(["GET", "POST"])
def undo(request, pk):
    completion = access.get_undoable_completion_or_404(request.user, pk)
    form = UndoForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                undo_completion(
                    actor=request.user, completion=completion, reason=form.cleaned_data["reason"]
                )
            except CompletionRefused as refused:
                form.add_error(None, refused.message)
            else:
                messages.success(
                    request,
                    _("%(name)s's completion is undone; the certificate no longer verifies.")
                    % {"name": completion.membership.user.get_full_name()},
                )
                return redirect(
                    "certificates:cohort_completion", pk=completion.membership.cohort_id
                )
        status = 400
    return render(
        request,
        "cohorts/certificates/completion_undo.html",
        {"completion": completion, "form": form},
        status=status,
    )
