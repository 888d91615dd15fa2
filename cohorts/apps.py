from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CohortsConfig(AppConfig):
    name = "cohorts"
    verbose_name = _("Cohorts")

    def ready(self):
        from . import navigation  # noqa: F401  (registers the header links)

    def role_of(self, user):
        """The header's role label: mentor or trainee, from active memberships (one query,
        shared with the lesson pages' access check: cohorts.access.active_memberships)."""
        if user is None or not user.is_authenticated or not user.is_active:
            return None
        from .access import active_memberships
        from .models import Membership

        roles = {role for role, _course_path in active_memberships(user)}
        if Membership.Role.MENTOR in roles:
            return "mentor"
        if Membership.Role.TRAINEE in roles:
            return "trainee"
        return None
