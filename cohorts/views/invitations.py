"""The invitation link: set a password, sign in, land on the dashboard."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from cohorts.forms import AcceptInvitationForm
from cohorts.models import Invitation
from cohorts.services.archive import CohortArchived
from cohorts.services.invitations import InvitationUnusable, accept_invitation, needs_password


def _invalid(request):
    """Used, replaced, expired or unknown links all look the same: a 404 with a way out."""
    return render(request, "cohorts/invitation_invalid.html", status=404)


def _speak_the_invitees_language(request, user):
    """The page opens in the language of the e-mail (the invitee's), as it would once they
    are signed in (academy.middleware.LanguageMiddleware), unless the visitor chose one."""
    if request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) in dict(settings.LANGUAGES):
        return
    if user.preferred_language in dict(settings.LANGUAGES):
        translation.activate(user.preferred_language)
        request.LANGUAGE_CODE = user.preferred_language


@never_cache
@require_http_methods(["GET", "POST"])
def invitation_accept(request, token):
    invitation = Invitation.objects.by_token(token)
    if invitation is None or not invitation.is_open:
        return _invalid(request)
    user = invitation.membership.user
    if not needs_password(user):
        # The account already has a password (set through another link): just sign in.
        return _invalid(request)
    _speak_the_invitees_language(request, user)
    form = AcceptInvitationForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            accept_invitation(invitation, form.cleaned_data["new_password1"])
        except InvitationUnusable:
            return _invalid(request)
        except CohortArchived as archived:
            form.add_error(None, archived)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            # The active language is the one the next page uses (their choice, else their own).
            messages.success(request, _("Welcome! Your password is set and you are signed in."))
            return redirect("cohorts:dashboard")
    response = render(
        request,
        "cohorts/invitation.html",
        {"form": form, "invitation": invitation, "membership": invitation.membership},
    )
    response["Content-Language"] = translation.get_language()
    return response
