"""The header link attendance adds: sessions, for everyone who belongs somewhere."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from academy.navigation import register, role_of


@register
def sessions_link(user):
    if role_of(user) is None:
        return []
    return [(_("Sessions"), reverse("attendance:session_list"))]
