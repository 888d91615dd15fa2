"""The client's IP address, trusting X-Forwarded-For only as far as settings allow.

settings.TRUSTED_PROXY_COUNT is the number of reverse proxies in front of the site that each
append the address they saw to X-Forwarded-For. 0 (the default) ignores the header, so a
forged one changes nothing. With N proxies the client is the N-th address from the right:
anything further left was written by the client and cannot be trusted.
"""

import ipaddress

from django.conf import settings


def _valid(address):
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return None


def client_ip(request):
    remote = request.META.get("REMOTE_ADDR", "") or "unknown"
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if proxies <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) < proxies:
        return remote  # fewer hops than configured: the header is not from our proxies
    return _valid(forwarded[-proxies]) or remote
