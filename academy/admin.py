"""The audit trail in the Wagtail admin (registered by wagtail_hooks.py): staff list and inspect entries, nobody changes them.

The viewset has no add, edit, delete, copy, history or usage URL at all, and its permission
policy refuses those actions even to superusers, so no button for them is ever drawn.
"""

import json

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

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


class AuditIndexView(generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("actor", "content_type")


class AuditInspectView(generic.InspectView):
    def get_created_at_display_value(self):
        return format_datetime(self.object.created_at, seconds=True)

    def get_field_display_value(self, field_name, field):
        if field_name in ("before", "after"):
            value = getattr(self.object, field_name)
            if value is None:
                return "—"
            return json.dumps(value, ensure_ascii=False, sort_keys=True, indent=1)
        return super().get_field_display_value(field_name, field)


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
    list_display = ["object_repr", "action", "actor", "created_at", "content_type"]
    list_filter = ["action", "content_type", "created_at"]
    search_fields = ["object_repr", "action", "reason"]
    search_backend_name = None
    inspect_view_fields = [
        "created_at",
        "actor",
        "content_type",
        "object_id",
        "object_repr",
        "action",
        "before",
        "after",
        "reason",
    ]

    def get_urlpatterns(self):
        pk = f"<{self.pk_path_converter}:pk>"
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path(f"inspect/{pk}/", self.inspect_view, name="inspect"),
        ]
