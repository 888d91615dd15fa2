from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    name = "cohorts.certificates"
    label = "certificates"
    verbose_name = _("Completion and certificates")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from academy.audit_display import register_action_labels

        from . import navigation  # noqa: F401  (registers the header link)

        register_action_labels(
            {"confirm": _("Completion confirmed"), "undo": _("Completion undone")}
        )
