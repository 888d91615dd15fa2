"""The audit trail in the Wagtail admin (registered by wagtail_hooks.py): staff list and inspect entries, nobody changes them.

The viewset has no add, edit, delete, copy, history or usage URL at all, and its permission
policy refuses those actions even to superusers, so no button for them is ever drawn.
"""

import django_filters
import django_filters.fields
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.urls import path
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from .audit_display import action_choices, action_label, changes
from .datetimes import format_datetime
from .models import AuditEntry

READ_ACTIONS = frozenset({"view"})


class AuditPermissionPolicy(ModelPermissionPolicy):
    """Active staff (or holders of the view permission) read; every other action is refused."""

    def user_has_permission(self, user, action):
        if action not in READ_ACTIONS or not user.is_active:
            return False
        return user.is_staff or super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        users = get_user_model().objects
        if READ_ACTIONS.isdisjoint(actions):
            return users.none()
        holders = self._get_users_with_any_permission_codenames_filter(
            self._get_permission_codenames(READ_ACTIONS)
        )
        return users.filter(holders | Q(is_active=True, is_staff=True)).distinct()


register_permission_policy(AuditEntry, AuditPermissionPolicy(AuditEntry), exact_class=True)


def _content_type_label(content_type):
    model = content_type.model_class()
    return capfirst(model._meta.verbose_name) if model is not None else content_type.model


class _ContentTypeField(django_filters.fields.ModelChoiceField):
    def label_from_instance(self, obj):
        return _content_type_label(obj)


class ContentTypeFilter(django_filters.ModelChoiceFilter):
    field_class = _ContentTypeField


class AuditFilterSet(WagtailFilterSet):
    """Actions by their labels, and only the kinds of object the trail has entries for."""

    action = django_filters.ChoiceFilter(label=_("action"), choices=[])
    content_type = ContentTypeFilter(label=_("object type"), queryset=ContentType.objects.none())
    created_at = django_filters.DateFromToRangeFilter(label=_("when"), widget=DateRangePickerWidget)

    class Meta:
        model = AuditEntry
        fields = ["action", "content_type", "created_at"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        entries = AuditEntry.objects.order_by()
        codes = entries.values_list("action", flat=True).distinct()
        self.filters["action"].extra["choices"] = action_choices(codes)
        types = ContentType.objects.filter(pk__in=entries.values("content_type").distinct())
        self.filters["content_type"].queryset = types


class AuditIndexView(generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("actor", "content_type")


class AuditInspectView(generic.InspectView):
    template_name = "academy/admin/audit_inspect.html"

    def get_created_at_display_value(self):
        return format_datetime(self.object.created_at, seconds=True)

    def get_action_display_value(self):
        return action_label(self.object.action)

    def get_reason_display_value(self):
        return self.object.reason or "—"

    def get_content_type_display_value(self):
        return _content_type_label(self.object.content_type)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "changes": changes(self.object)}


class AuditEntryViewSet(ModelViewSet):
    model = AuditEntry
    icon = "history"
    menu_label = _("Audit trail")
    menu_hook = "register_reports_menu_item"
    url_prefix = "audit"
    name = "academy_audit"
    index_view_class = AuditIndexView
    inspect_view_class = AuditInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = [
        TitleColumn("object_repr", label=_("object"), url_name="academy_audit:inspect"),
        Column("action", label=_("action"), accessor=lambda entry: action_label(entry.action)),
        Column("actor", label=_("who")),
        DateColumn("created_at", label=_("when")),
        Column(
            "content_type",
            label=_("object type"),
            accessor=lambda entry: _content_type_label(entry.content_type),
        ),
    ]
    filterset_class = AuditFilterSet
    search_fields = ["object_repr", "action", "reason"]
    search_backend_name = None
    inspect_view_fields = [
        "created_at",
        "actor",
        "content_type",
        "object_id",
        "object_repr",
        "action",
        "reason",
    ]

    def get_urlpatterns(self):
        pk = f"<{self.pk_path_converter}:pk>"
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path(f"inspect/{pk}/", self.inspect_view, name="inspect"),
        ]
