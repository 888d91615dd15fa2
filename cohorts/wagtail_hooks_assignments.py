"""Staff set assignments, rubrics and extensions in the Wagtail admin (issue 6).

Imported by cohorts/wagtail_hooks.py; the items join its "Cohorts" menu.
"""

from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.auth import require_admin_access
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, ObjectList
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import ListingButton

from .assignment_forms import AssignmentAdminForm, RubricAdminForm
from .models import Assignment, Extension, Rubric

MENU_HOOK = "register_cohorts_menu_item"


class AssignmentViewSet(ModelViewSet):
    model = Assignment
    icon = "tasks"
    menu_label = _("Assignments")
    menu_hook = MENU_HOOK
    menu_order = 400
    list_display = ["title", "cohort", "due_at", "late_policy", "max_attempts"]
    list_filter = ["cohort", "late_policy"]
    search_fields = ["title"]
    search_backend_name = None
    copy_view_enabled = False
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("cohort"), FieldPanel("lesson")]),
            FieldPanel("title"),
            FieldPanel("brief"),
            FieldRowPanel([FieldPanel("opens_at"), FieldPanel("due_at")]),
            FieldRowPanel([FieldPanel("late_policy"), FieldPanel("cutoff_at")]),
            FieldRowPanel([FieldPanel("points"), FieldPanel("rubric")]),
            FieldRowPanel([FieldPanel("max_attempts"), FieldPanel("parts")]),
            FieldPanel("file_types"),
        ],
        base_form_class=AssignmentAdminForm,
    )


class RubricIndexView(generic.IndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        buttons.append(
            ListingButton(
                _("Make a copy"),
                url=reverse("cohorts_rubric_copy", args=[instance.pk]),
                icon_name="copy",
                priority=40,
            )
        )
        return buttons


class RubricViewSet(ModelViewSet):
    model = Rubric
    icon = "table"
    menu_label = _("Rubrics")
    menu_hook = MENU_HOOK
    menu_order = 410
    index_view_class = RubricIndexView
    list_display = ["title", "locked_at"]
    search_fields = ["title"]
    search_backend_name = None
    copy_view_enabled = False
    edit_handler = ObjectList(
        [
            FieldPanel("title"),
            FieldPanel("description"),
            InlinePanel(
                "criteria",
                heading=_("Criteria"),
                panels=[
                    FieldPanel("title"),
                    FieldPanel("description"),
                    FieldPanel("position"),
                    InlinePanel(
                        "levels",
                        heading=_("Levels"),
                        panels=[
                            FieldRowPanel([FieldPanel("title"), FieldPanel("points")]),
                            FieldPanel("description"),
                            FieldPanel("position"),
                        ],
                    ),
                ],
            ),
        ],
        base_form_class=RubricAdminForm,
    )


class ExtensionCreateView(generic.CreateView):
    def save_instance(self):
        self.form.instance.granted_by = self.request.user
        return super().save_instance()


class ExtensionViewSet(ModelViewSet):
    model = Extension
    icon = "date"
    menu_label = _("Extensions")
    menu_hook = MENU_HOOK
    menu_order = 420
    add_view_class = ExtensionCreateView
    form_fields = ["assignment", "membership", "due_at", "reason"]
    list_display = ["membership", "assignment", "due_at", "granted_by", "granted_at"]
    list_filter = ["assignment__cohort", "assignment"]
    search_fields = ["membership__user__display_name", "membership__user__email", "reason"]
    search_backend_name = None
    copy_view_enabled = False


@hooks.register("register_admin_viewset")
def register_assignment_viewsets():
    return [
        AssignmentViewSet("cohorts_assignment"),
        RubricViewSet("cohorts_rubric"),
        ExtensionViewSet("cohorts_extension"),
    ]


@require_admin_access
@require_http_methods(["GET", "POST"])
def rubric_copy(request, pk):
    """GET asks for confirmation; POST makes the copy (criteria and levels included)."""
    rubric = get_object_or_404(Rubric, pk=pk)
    if request.method != "POST":
        return render(request, "cohorts/admin/rubric_copy.html", {"rubric": rubric})
    clone = rubric.copy()
    messages.success(request, _("A copy of the rubric was made; you can change it freely."))
    return redirect("cohorts_rubric:edit", clone.pk)


@hooks.register("register_admin_urls")
def register_rubric_urls():
    return [path("cohorts/rubrics/<int:pk>/copy/", rubric_copy, name="cohorts_rubric_copy")]
