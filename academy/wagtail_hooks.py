"""Registers academy's admin pieces (academy/admin.py) with Wagtail: the audit trail."""

from wagtail import hooks

from .admin import AuditEntryViewSet


@hooks.register("register_admin_viewset")
def register_audit_viewset():
    return AuditEntryViewSet()
