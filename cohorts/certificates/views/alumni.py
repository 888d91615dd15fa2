"""Alumni: the directory (signed-in members of the school), and one's own opt-in or out."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from cohorts import access
from cohorts.certificates.forms import AlumniEntryForm
from cohorts.certificates.services.alumni import leave_directory, list_in_directory


@login_required
@require_GET
def directory(request):
    user = request.user
    if not access.may_see_alumni_directory(user):
        raise Http404
    entries = (
        access.alumni_directory_for(user)
        .select_related("membership__user", "membership__cohort")
        .order_by("-membership__cohort__starts_on", "membership__user__name_reading", "pk")
    )
    own = list(access.alumni_memberships_of(user).select_related("cohort"))
    return render(
        request,
        "cohorts/certificates/alumni_directory.html",
        {"entries": entries, "own_alumni": own},
    )


@login_required
@require_http_methods(["GET", "POST"])
def entry(request, pk):
    """Opt in (or change the entry) and opt out, for one's own alumni membership."""
    membership = access.get_alumni_membership_or_404(request.user, pk)
    current = getattr(membership, "alumni_entry", None)
    if request.method == "POST" and request.POST.get("action") == "leave":
        leave_directory(actor=request.user, membership=membership)
        messages.success(request, _("You are no longer listed in the alumni directory."))
        return redirect("certificates:alumni_directory")
    form = AlumniEntryForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        list_in_directory(
            actor=request.user,
            membership=membership,
            company=form.cleaned_data["company"],
            line=form.cleaned_data["line"],
        )
        messages.success(request, _("You are listed in the alumni directory."))
        return redirect("certificates:alumni_directory")
    return render(
        request,
        "cohorts/certificates/alumni_entry.html",
        {"membership": membership, "form": form, "listed": current is not None},
        status=400 if form.is_bound else 200,
    )
