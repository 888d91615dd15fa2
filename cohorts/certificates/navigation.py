"""The header link certificates adds: the alumni directory, for members of the school (no
query: the role is the one the header already knows)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from academy.navigation import register, role_of


@register
def alumni_link(user):
    role = role_of(user)
    if role is None:
        return []
    links = [(_("Alumni"), reverse("certificates:alumni_directory"))]
    if role == "staff":
        links.append((_("Completion"), reverse("certificates:completion_index")))
    return links
