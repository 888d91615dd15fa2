"""Absolute links for e-mails, calendar files and exports, built from the configured site URL.

settings.WAGTAILADMIN_BASE_URL (the SITE_URL environment variable) is the one source: a mail
task runs in a worker with no request, so nothing here looks at a request's Host header.
"""

from django.conf import settings
from django.urls import reverse


def site_url():
    """The configured site URL without a trailing slash: "https://academy.example.jp"."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def absolute_url(path_or_url):
    """An absolute URL for a site path ("/seminars/x/"); an absolute URL is returned as it is."""
    if not path_or_url:
        return site_url() + "/"
    if "://" in path_or_url:
        return path_or_url
    if not path_or_url.startswith("/"):
        path_or_url = "/" + path_or_url
    return site_url() + path_or_url


def absolute_reverse(viewname, *args, **kwargs):
    """absolute_url(reverse(...)): reverse("x", args=[1]) becomes absolute_reverse("x", 1)."""
    return absolute_url(reverse(viewname, args=args or None, kwargs=kwargs or None))
