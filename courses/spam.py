"""Spam resistance for public forms without third-party services: a per-IP rate limit.

The honeypot lives on the form (SeminarRegistrationForm.website); the limit counts every
registration attempt from one client IP (academy.client_ip) in a fixed window, in the shared
cache so it holds across web processes.
"""

from django.conf import settings
from django.core.cache import cache

from academy.client_ip import client_ip

DEFAULT_LIMIT = (10, 60 * 60)  # attempts, seconds


def allow_attempt(request, scope="seminar-registration"):
    """Count one attempt; False once this client IP is over the limit for the window."""
    limit, window = getattr(settings, "SEMINAR_REGISTRATION_RATE_LIMIT", DEFAULT_LIMIT)
    key = f"ratelimit:{scope}:{client_ip(request)}"
    cache.add(key, 0, timeout=window)
    try:
        attempts = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        attempts = 1
    return attempts <= limit
