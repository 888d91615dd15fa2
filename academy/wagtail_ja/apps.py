from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WagtailJaConfig(AppConfig):
    """Japanese names for the rows Wagtail's migrations create in English: the tree's root
    page, the default groups and the default moderation workflow and its task (data, so no
    catalogue reaches them: 「Moderators approvalに提出する」 on every editor)."""

    name = "academy.wagtail_ja"
    label = "wagtail_ja"
    verbose_name = _("Japanese names for Wagtail's defaults")

    def ready(self):
        from wagtail.admin.forms.workflows import WorkflowPageForm

        # The field is declared without a label, so Django derives the English "Page" from
        # its name; Wagtail's own catalogue has the word.
        WorkflowPageForm.base_fields["page"].label = _("Page")
