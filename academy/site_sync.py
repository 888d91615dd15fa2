"""The Wagtail Site follows SITE_URL: hostname and port (so the sitemap, RSS and page URLs
say the public address, not http://localhost/).

`manage.py sync_site` runs it at deploy; production (SYNC_SITE_ON_MIGRATE) also runs it after
every `migrate`, so a fresh database never keeps Wagtail's "localhost:80".
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS

DEFAULT_PORTS = {"http": 80, "https": 443}


def site_address(url=None):
    """(hostname, port) of SITE_URL."""
    parts = urlsplit(url or settings.SITE_URL)
    return parts.hostname, parts.port or DEFAULT_PORTS[parts.scheme]


def sync_site(using=DEFAULT_DB_ALIAS):
    """Point the default Wagtail Site at SITE_URL; returns the site, or None when there is none
    yet (a database without Wagtail's initial page)."""
    from wagtail.models import Site

    site = Site.objects.using(using).filter(is_default_site=True).first()
    if site is None:
        return None
    hostname, port = site_address()
    if (site.hostname, site.port) != (hostname, port):
        site.hostname, site.port = hostname, port
        site.save(using=using, update_fields=["hostname", "port"])
    return site


def sync_site_after_migrate(sender, using=DEFAULT_DB_ALIAS, **kwargs):
    if settings.SYNC_SITE_ON_MIGRATE and sender.label == "academy":
        sync_site(using=using)
