"""What the header needs on every page: who is signed in, their role, and its main links."""

from django.utils.translation import gettext_lazy as _

from .navigation import links_for, role_of

ROLE_LABELS = {"staff": _("Staff"), "mentor": _("Mentor"), "trainee": _("Trainee")}


def navigation(request):
    user = getattr(request, "user", None)
    return {
        "nav_links": links_for(user),
        "nav_role": ROLE_LABELS.get(role_of(user)),
        "site_name": _("Successor Academy"),
    }
