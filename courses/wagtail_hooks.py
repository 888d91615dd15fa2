"""Wagtail admin additions: each seminar's registrants (list and CSV export)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.menus.pages import PageMenuItem

from .models import SeminarPage
from .views import admin as admin_views


@hooks.register("register_admin_urls")
def registrant_urls():
    return [
        path(
            "seminars/<int:page_id>/registrants/",
            admin_views.registrants,
            name="courses_seminar_registrants",
        ),
        path(
            "seminars/<int:page_id>/registrants.csv",
            admin_views.registrants_csv,
            name="courses_seminar_registrants_csv",
        ),
    ]


def _is_seminar(page):
    return page.specific_class is SeminarPage


class RegistrantsMenuItem(PageMenuItem):
    label = _("Registrants")
    icon_name = "group"
    url_name = "courses_seminar_registrants"
    priority = 45

    def is_shown(self, user):
        return _is_seminar(self.page) and self.page.permissions_for_user(user).can_edit()


@hooks.register("register_page_listing_more_buttons")
def registrants_listing_button(page, user, next_url=None):
    yield RegistrantsMenuItem(page=page)


@hooks.register("register_page_header_buttons")
def registrants_header_button(page, user, view_name, next_url=None):
    yield RegistrantsMenuItem(page=page)
