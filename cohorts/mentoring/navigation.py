"""The header link mentoring adds: the meeting log, for trainees, mentors and staff."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from academy.navigation import register, role_of


@register
def meetings_link(user):
    if role_of(user) is None:
        return []
    return [(_("Meeting log"), reverse("mentoring:index"))]
