from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AttendanceConfig(AppConfig):
    name = "cohorts.attendance"
    label = "attendance"
    verbose_name = _("Attendance")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import navigation  # noqa: F401  (registers the header link)
