"""Registers the kernel's admin pieces (defined in cohorts/admin.py) with Wagtail."""

from wagtail import hooks

from . import admin


@hooks.register("register_admin_viewset")
def register_viewsets():
    return admin.viewsets()


hooks.register(admin.MENU_HOOK, admin.invite_menu_item)
hooks.register(admin.MENU_HOOK, admin.roster_menu_item)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return admin.admin_urls()
