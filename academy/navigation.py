"""Each role's main links in the header; apps add theirs by registering a provider.

A provider is a function (user) -> [(label, url)]; cohorts registers the dashboard, review
queue and reports once they exist, so this module need not know every app.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

_providers = []


def register(provider):
    _providers.append(provider)
    return provider


def role_of(user):
    """A label for the header: staff, mentor, trainee, or none."""
    if user is None or not user.is_authenticated:
        return None
    if user.is_staff:
        return "staff"
    role = getattr(user, "_academy_role", None)
    if role is None:
        from django.apps import apps

        role = ""
        if apps.is_installed("cohorts"):
            config = apps.get_app_config("cohorts")
            lookup = getattr(config, "header_role_of", None) or getattr(config, "role_of", None)
            role = (lookup(user) if lookup else "") or ""
        user._academy_role = role
    return role or None


def links_for(user):
    links = []
    if user is not None and user.is_authenticated:
        for provider in _providers:
            links.extend(provider(user))
        if user.is_staff:
            links.append((_("Admin"), reverse("wagtailadmin_home")))
    return links
