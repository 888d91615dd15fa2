from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "cohorts.plans"
    label = "plans"
    verbose_name = _("Succession plans")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import navigation  # noqa: F401  (registers the header link)
