from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CohortsConfig(AppConfig):
    name = "cohorts"
    verbose_name = _("Cohorts")

    def ready(self):
        from . import navigation  # noqa: F401  (registers the header links)

    def role_of(self, user):
        """The header's role label: mentor or trainee, from active memberships (one query)."""
        if user is None or not user.is_authenticated or not user.is_active:
            return None
        from .models import Membership

        roles = set(
            Membership.objects.filter(user=user, is_active=True)
            .order_by()
            .values_list("role", flat=True)
            .distinct()
        )
        if Membership.Role.MENTOR in roles:
            return "mentor"
        if Membership.Role.TRAINEE in roles:
            return "trainee"
        return None
