"""The header links reports adds: courses and calendar for members, reports for mentors and
staff. No query: the role is the one the header already knows."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from academy.navigation import register, role_of


@register
def reports_links(user):
    role = role_of(user)
    if role is None:
        return []
    links = [
        (_("Courses"), reverse("reports:my_course")),
        (_("Calendar"), reverse("calendar:feed_settings")),
    ]
    if role in ("mentor", "staff"):
        links.append((_("Reports"), reverse("reports:index")))
    return links
