"""The header link plans adds: a trainee's own succession plan."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from academy.navigation import register, role_of


@register
def plan_link(user):
    if role_of(user) != "trainee":
        return []
    return [(_("Succession plan"), reverse("plans:plan_list"))]
