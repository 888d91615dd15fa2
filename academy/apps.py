from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class AcademyConfig(AppConfig):
    # The default config of "academy" (this module also holds UsersConfig, so Django would
    # otherwise fall back to a plain AppConfig and never call ready()).
    default = True
    name = "academy"
    verbose_name = _("Successor Academy")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in
        from django.db.models.signals import post_delete, post_save
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from .content_cache import forget_content, forget_content_for
        from .middleware import remember_language_at_login

        user_logged_in.connect(remember_language_at_login, dispatch_uid="academy-language")

        # What is the same for every visitor (the Wagtail site and its root page, the site
        # root paths, course structures): a new content version (academy.content_cache).
        for signal in (page_published, page_unpublished, post_page_move):
            signal.connect(forget_content, dispatch_uid=f"academy-content-{id(signal)}")
        post_save.connect(forget_content_for, dispatch_uid="academy-content-saved")
        post_delete.connect(forget_content_for, dispatch_uid="academy-content-deleted")

        from .site_sync import sync_site_after_migrate

        post_migrate.connect(sync_site_after_migrate, sender=self)


class UsersConfig(WagtailUsersAppConfig):
    """Wagtail's user admin with our user fields and order (academy/user_admin.py)."""

    user_viewset = "academy.user_admin.UserViewSet"
