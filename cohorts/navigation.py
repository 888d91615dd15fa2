"""The header link the kernel adds: the dashboard, for everyone who belongs somewhere."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from academy.navigation import register, role_of


@register
def dashboard_link(user):
    if role_of(user) is None:
        return []
    return [(_("Dashboard"), reverse("cohorts:dashboard"))]
