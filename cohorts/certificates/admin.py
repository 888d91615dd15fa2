"""Completion rules in the Wagtail admin: staff set each cohort's rules and upload the seal.

Saved through services.rules (audited); the completion page itself (evaluate, confirm, undo)
is on the site, linked from the listing. wagtail_hooks.py only registers what is defined here.
"""

from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin import messages
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import ListingButton

from cohorts.admin import MENU_HOOK, ServiceCreateView, ServiceDeleteView, ServiceEditView

from .forms import CompletionRuleForm
from .models import CompletionRule
from .services import rules


def _save(view, form):
    data = form.cleaned_data
    return rules.save_rule(
        actor=view.request.user,
        rule=form.instance,
        required_assignments=list(data.get("required_assignments") or []),
        required_sessions=list(data.get("required_sessions") or []),
    )


class RuleIndexView(generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("cohort")

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        buttons.append(
            ListingButton(
                _("Completion page"),
                url=reverse("certificates:cohort_completion", args=[instance.cohort_id]),
                icon_name="tasks",
                priority=40,
            )
        )
        return buttons


class RuleCreateView(ServiceCreateView):
    def create(self, form):
        return _save(self, form)


class RuleEditView(ServiceEditView):
    def update(self, form):
        return _save(self, form)


class RuleDeleteView(ServiceDeleteView):
    def remove(self, instance):
        rules.delete_rule(actor=self.request.user, rule=instance)

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as error:  # an archived cohort's rules stay as they were
            messages.error(self.request, " ".join(error.messages))
            return redirect(self.get_success_url())


class CompletionRuleViewSet(ModelViewSet):
    model = CompletionRule
    icon = "success"
    menu_label = _("Completion rules")
    menu_hook = MENU_HOOK
    menu_order = 600
    url_prefix = "certificates/rules"
    index_view_class = RuleIndexView
    add_view_class = RuleCreateView
    edit_view_class = RuleEditView
    delete_view_class = RuleDeleteView
    list_display = ["cohort", "min_attendance", "pass_mark"]
    search_backend_name = None
    copy_view_enabled = False
    inspect_view_enabled = False
    edit_handler = ObjectList(
        [
            FieldPanel("cohort"),
            FieldRowPanel([FieldPanel("min_attendance"), FieldPanel("pass_mark")]),
            FieldPanel("required_assignments"),
            FieldPanel("required_sessions"),
            FieldPanel("signatory"),
            FieldPanel("seal"),
        ],
        base_form_class=CompletionRuleForm,
    )


def viewsets():
    return [CompletionRuleViewSet("certificates_rule")]
