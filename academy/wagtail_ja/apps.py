from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WagtailJaConfig(AppConfig):
    """Wagtail in Japanese where no catalogue reaches: the rows Wagtail's migrations create in
    English (the tree's root, the default groups, the moderation workflow and its task:
    「Moderators approvalに提出する」 on every editor), a form label Django derives from a
    field name, and the revision comparison of dates and yes/no fields (compare.py)."""

    name = "academy.wagtail_ja"
    label = "wagtail_ja"
    verbose_name = _("Japanese names for Wagtail's defaults")

    def ready(self):
        from wagtail.admin.forms.workflows import WorkflowPageForm

        from . import compare

        compare.register()  # dates and yes/no in revision comparisons, not Python's repr

        # The field is declared without a label, so Django derives the English "Page" from
        # its name; Wagtail's own catalogue has the word.
        WorkflowPageForm.base_fields["page"].label = _("Page")
