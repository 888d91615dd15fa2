"""Staff, in the Wagtail admin: invite one person, re-send an invitation."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cohorts.access import staff_required
from cohorts.forms import InvitePersonForm
from cohorts.models import Membership
from cohorts.services import invitations
from cohorts.services.archive import CohortArchived


def memberships_url(cohort=None):
    url = reverse("cohorts_membership:index")
    return f"{url}?cohort={cohort.pk}" if cohort else url


@staff_required
@require_http_methods(["GET", "POST"])
def invite_person(request):
    form = InvitePersonForm(request.POST or None, initial={"cohort": request.GET.get("cohort")})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        membership = invitations.invite(
            cohort=data["cohort"],
            email=data["email"],
            name=data["name"],
            reading=data["reading"],
            role=data["role"],
            mentors=list(data["mentors"]),
            language=data["language"],
            invited_by=request.user,
        )
        messages.success(
            request,
            _("%(email)s was added to %(cohort)s and e-mailed.")
            % {"email": membership.user.email, "cohort": membership.cohort},
        )
        return redirect(memberships_url(membership.cohort))
    return render(request, "cohorts/admin/invite_person.html", {"form": form})


@staff_required
@require_http_methods(["GET", "POST"])
def reinvite(request, pk):
    """GET asks to confirm; POST sends a new link (voiding the old one)."""
    membership = get_object_or_404(
        Membership.objects.select_related("user", "cohort__course"), pk=pk, is_active=True
    )
    if request.method == "POST":
        try:
            invitations.reinvite(membership, invited_by=request.user)
        except CohortArchived as archived:
            messages.error(request, archived.message)
        else:
            messages.success(
                request,
                _("A new invitation was sent to %(email)s.") % {"email": membership.user.email},
            )
        return redirect(memberships_url(membership.cohort))
    return render(
        request,
        "cohorts/admin/reinvite.html",
        {"membership": membership, "needs_password": invitations.needs_password(membership.user)},
    )
