from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class AcademyConfig(AppConfig):
    name = "academy"
    verbose_name = _("Successor Academy")

    def ready(self):
        from .site_sync import sync_site_after_migrate

        post_migrate.connect(sync_site_after_migrate, sender=self)


class UsersConfig(WagtailUsersAppConfig):
    """Wagtail's user admin with our user fields and order (academy/user_admin.py)."""

    user_viewset = "academy.user_admin.UserViewSet"
