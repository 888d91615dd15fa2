"""Coursework in the Wagtail admin: assignments, rubrics and extensions (the "Cohorts" menu).

Assignments and extensions are saved through the same services as on the site, so the
admin writes the same audit entries; wagtail_hooks.py only registers what is defined here.
"""

from django import forms
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, ObjectList
from wagtail.admin.rich_text import DraftailRichTextArea
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import ListingButton

from cohorts.admin import (
    MENU_HOOK,
    RefusedDeleteView,
    ServiceCreateView,
    ServiceDeleteView,
    ServiceEditView,
)
from cohorts.coursework.forms import BRIEF_FEATURES, AssignmentForm, ExtensionAdminForm
from cohorts.coursework.models import Assignment, Extension, Rubric
from cohorts.coursework.services import assignments, extensions
from cohorts.coursework.views import admin_rubrics


class AssignmentCreateView(ServiceCreateView):
    def create(self, form):
        return assignments.create_assignment(actor=self.request.user, assignment=form.instance)


class AssignmentEditView(ServiceEditView):
    def update(self, form):
        return assignments.update_assignment(actor=self.request.user, assignment=form.instance)


class AssignmentDeleteView(ServiceDeleteView):
    protected_message = _(
        "This assignment has submissions and cannot be deleted; its trainees' work is kept."
    )

    def remove(self, instance):
        assignments.delete_assignment(actor=self.request.user, assignment=instance)


class AssignmentIndexView(generic.IndexView):
    """The listing shows each assignment's cohort: joined, not one query per row."""

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("cohort")


class AssignmentViewSet(ModelViewSet):
    model = Assignment
    icon = "tasks"
    menu_label = _("Assignments")
    menu_hook = MENU_HOOK
    menu_order = 400
    url_prefix = "coursework/assignments"
    index_view_class = AssignmentIndexView
    add_view_class = AssignmentCreateView
    edit_view_class = AssignmentEditView
    delete_view_class = AssignmentDeleteView
    list_display = ["title", "cohort", "due_at", "late_policy", "max_attempts"]
    list_filter = ["cohort", "late_policy"]
    search_fields = ["title"]
    search_backend_name = None
    copy_view_enabled = False
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("cohort"), FieldPanel("lesson")]),
            FieldPanel("title"),
            FieldPanel("brief", widget=DraftailRichTextArea(features=BRIEF_FEATURES)),
            FieldRowPanel([FieldPanel("opens_at"), FieldPanel("due_at")]),
            FieldRowPanel([FieldPanel("late_policy"), FieldPanel("cutoff_at")]),
            FieldRowPanel([FieldPanel("points"), FieldPanel("rubric")]),
            FieldRowPanel([FieldPanel("max_attempts"), FieldPanel("parts")]),
            FieldPanel("file_types"),
        ],
        base_form_class=AssignmentForm,
    )


class RubricIndexView(generic.IndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        buttons.append(
            ListingButton(
                _("Make a copy"),
                url=reverse("coursework_admin:rubric_copy", args=[instance.pk]),
                icon_name="copy",
                priority=40,
            )
        )
        return buttons


class RubricDeleteView(RefusedDeleteView):
    protected_message = _(
        "This rubric is used by an assignment and cannot be deleted; make a copy to change it."
    )


class RubricViewSet(ModelViewSet):
    model = Rubric
    icon = "table"
    menu_label = _("Rubrics")
    menu_hook = MENU_HOOK
    menu_order = 410
    url_prefix = "coursework/rubrics"
    index_view_class = RubricIndexView
    delete_view_class = RubricDeleteView
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
    )


class ExtensionCreateView(ServiceCreateView):
    def create(self, form):
        data = form.cleaned_data
        return extensions.grant_extension(
            actor=self.request.user,
            assignment=data["assignment"],
            membership=data["membership"],
            due_at=data["due_at"],
            reason=data["reason"],
        )


class ExtensionEditView(ServiceEditView):
    def update(self, form):
        return extensions.grant_extension(
            actor=self.request.user,
            assignment=self.object.assignment,
            membership=self.object.membership,
            due_at=form.cleaned_data["due_at"],
            reason=form.cleaned_data["reason"],
        )


class ExtensionDeleteView(ServiceDeleteView):
    def remove(self, instance):
        extensions.revoke_extension(actor=self.request.user, extension=instance)


class ExtensionIndexView(generic.IndexView):
    """The listing shows trainee, cohort, assignment and who granted it: all joined."""

    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related("membership__user", "membership__cohort", "assignment", "granted_by")
        )


class ExtensionViewSet(ModelViewSet):
    model = Extension
    icon = "date"
    menu_label = _("Extensions")
    menu_hook = MENU_HOOK
    menu_order = 420
    url_prefix = "coursework/extensions"
    index_view_class = ExtensionIndexView
    add_view_class = ExtensionCreateView
    edit_view_class = ExtensionEditView
    delete_view_class = ExtensionDeleteView
    form_fields = ["assignment", "membership", "due_at", "reason"]
    list_display = ["membership", "assignment", "due_at", "granted_by", "granted_at"]
    list_filter = ["assignment__cohort", "assignment"]
    search_fields = ["membership__user__display_name", "membership__user__email", "reason"]
    search_backend_name = None
    copy_view_enabled = False

    def get_form_class(self, for_update=False):
        """An extension stays with its assignment and trainee: editing changes date and reason."""
        fields = ["due_at", "reason"] if for_update else self.form_fields
        return forms.modelform_factory(Extension, form=ExtensionAdminForm, fields=fields)


def viewsets():
    return [
        AssignmentViewSet("coursework_assignment"),
        RubricViewSet("coursework_rubric"),
        ExtensionViewSet("coursework_extension"),
    ]


admin_urlpatterns = [
    path("rubrics/<int:pk>/copy/", admin_rubrics.rubric_copy, name="rubric_copy"),
]


def admin_urls():
    return [path("coursework/", include((admin_urlpatterns, "coursework_admin")))]
