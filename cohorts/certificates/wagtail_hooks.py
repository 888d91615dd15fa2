"""Registers certificates' admin pieces (defined in cohorts/certificates/admin.py) with Wagtail."""

from wagtail import hooks

from . import admin


@hooks.register("register_admin_viewset")
def register_viewsets():
    return admin.viewsets()
