"""Registers coursework's admin pieces (defined in cohorts/coursework/admin.py) with Wagtail."""

from wagtail import hooks

from . import admin


@hooks.register("register_admin_viewset")
def register_viewsets():
    return admin.viewsets()


@hooks.register("register_admin_urls")
def register_admin_urls():
    return admin.admin_urls()
