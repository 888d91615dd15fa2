"""Absolute links for e-mails and calendar files, built from the configured site URL."""

from django.conf import settings
from django.urls import reverse


def absolute_url(path_or_url):
    if not path_or_url:
        return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + "/"
    if "://" in path_or_url:
        return path_or_url
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path_or_url


def registration_url(registration):
    return absolute_url(reverse("courses:registration_detail", args=[registration.token]))
