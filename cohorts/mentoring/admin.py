"""Mentoring in the Wagtail admin: staff set each cohort's meeting policy (how many weeks
without a meeting before a trainee is flagged). Meetings themselves are recorded on the site
by the trainee and their mentors. wagtail_hooks.py only registers what is defined here."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.model import ModelViewSet

from cohorts.admin import MENU_HOOK
from cohorts.mentoring.models import MentoringPolicy


class MentoringPolicyViewSet(ModelViewSet):
    model = MentoringPolicy
    icon = "group"
    menu_label = _("Meeting policies")
    menu_hook = MENU_HOOK
    menu_order = 520
    url_prefix = "mentoring/policies"
    form_fields = ["cohort", "gap_weeks"]
    list_display = ["cohort", "gap_weeks"]
    search_backend_name = None
    copy_view_enabled = False


def viewsets():
    return [MentoringPolicyViewSet("mentoring_policy")]
