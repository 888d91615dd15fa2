from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CohortsConfig(AppConfig):
    name = "cohorts"
    verbose_name = _("Cohorts")

    def role_of(self, user):
        """The header's role label: mentor or trainee, from active memberships."""
        return None
