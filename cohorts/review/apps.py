from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewConfig(AppConfig):
    name = "cohorts.review"
    label = "review"
    verbose_name = _("Reviews")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from academy.audit_display import register_action_labels

        from . import navigation  # noqa: F401  (registers the header link)

        # How the audit trail in the admin names this app's actions (codes as stored).
        register_action_labels(
            {
                "save": _("Review saved"),
                "ready": _("Marked ready for release"),
                "released": _("Released"),
                "returned": _("Returned for revision"),
                "reassign": _("Reassigned"),
                "invite": _("Guest evaluator invited"),
                "reinvite": _("Guest evaluator invited again"),
                "guest_scores": _("Guest scores saved"),
            }
        )
