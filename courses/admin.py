"""The courses app in the Wagtail admin: each seminar's registrants (list and CSV export).

wagtail_hooks.py registers these.
"""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.menus.pages import PageMenuItem

from .models import SeminarPage
from .views import admin as admin_views

ADMIN_URLS = [
    path("<int:page_id>/registrants/", admin_views.registrants, name="seminar_registrants"),
    path(
        "<int:page_id>/registrants.csv", admin_views.registrants_csv, name="seminar_registrants_csv"
    ),
]


def _is_seminar(page):
    return page.specific_class is SeminarPage


class RegistrantsMenuItem(PageMenuItem):
    label = _("Registrants")
    icon_name = "group"
    url_name = "courses_admin:seminar_registrants"
    priority = 45

    def is_shown(self, user):
        return _is_seminar(self.page) and self.page.permissions_for_user(user).can_edit()
