"""The header link review adds: the review queue, for mentors and staff."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from academy.navigation import register, role_of


@register
def review_queue_link(user):
    if role_of(user) not in ("mentor", "staff"):
        return []
    return [(_("Review queue"), reverse("review:queue"))]
