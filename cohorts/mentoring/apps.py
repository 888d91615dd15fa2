from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MentoringConfig(AppConfig):
    name = "cohorts.mentoring"
    label = "mentoring"
    verbose_name = _("Meeting log")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import navigation  # noqa: F401  (registers the header link)
