"""Plans in the Wagtail admin: the section titles of each course's plans ("Cohorts" menu).

A course without titles of its own uses the school's defaults (cohorts/plans/models/heading.py).
A title that a plan already uses cannot be deleted (its versions point at it); rename it
instead. wagtail_hooks.py only registers what is defined here.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from cohorts.admin import MENU_HOOK, RefusedDeleteView
from cohorts.plans.models import PlanHeading


class PlanHeadingIndexView(generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("course")


class PlanHeadingDeleteView(RefusedDeleteView):
    protected_message = _(
        "Trainees' plans use this title and keep their text under it: rename it instead."
    )


class PlanHeadingViewSet(ModelViewSet):
    model = PlanHeading
    icon = "list-ol"
    menu_label = _("Plan section titles")
    menu_hook = MENU_HOOK
    menu_order = 600
    url_prefix = "plans/headings"
    index_view_class = PlanHeadingIndexView
    delete_view_class = PlanHeadingDeleteView
    list_display = ["title", "title_en", "course", "position"]
    list_filter = ["course"]
    search_fields = ["title", "title_en"]
    search_backend_name = None
    copy_view_enabled = False
    inspect_view_enabled = False
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("course"), FieldPanel("position")]),
            FieldPanel("title"),
            FieldPanel("title_en"),
        ]
    )


def viewsets():
    return [PlanHeadingViewSet("plans_heading")]
