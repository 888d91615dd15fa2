"""The header link coursework adds: the assignments of everyone who belongs somewhere."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from academy.navigation import register, role_of


@register
def assignments_link(user):
    if role_of(user) is None:
        return []
    return [(_("Assignments"), reverse("coursework:assignment_list"))]
