from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class AcademyConfig(AppConfig):
    name = "academy"
    verbose_name = _("Successor Academy")


class UsersConfig(WagtailUsersAppConfig):
    """Wagtail's user admin with our user fields and order (academy/user_admin.py)."""

    user_viewset = "academy.user_admin.UserViewSet"
