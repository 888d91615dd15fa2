"""Spam resistance for public forms without third-party services: per-IP and per-address limits.

The honeypot lives on the form (SeminarRegistrationForm.website); the limit counts every
registration attempt from one client IP (academy.client_ip) in a fixed window, in the shared
cache so it holds across web processes.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache

from academy.client_ip import client_ip

DEFAULT_LIMIT = (10, 60 * 60)  # attempts, seconds
# Registration e-mails one address receives in a day, from any IP: the form cannot be used to
# make the school mail someone over and over. Generous for a person joining several seminars.
ADDRESS_LIMIT = 5
ADDRESS_WINDOW = 24 * 60 * 60


def allow_attempt(request, scope="seminar-registration"):
    """Count one attempt; False once this client IP is over the limit for the window."""
    limit, window = getattr(settings, "SEMINAR_REGISTRATION_RATE_LIMIT", DEFAULT_LIMIT)
    return _count(f"ratelimit:{scope}:{client_ip(request)}", limit, window)


def allow_mail_to(email, scope="seminar-registration"):
    """Count one e-mail to this address; False once it is over the daily limit."""
    digest = hashlib.sha256(email.strip().lower().encode()).hexdigest()
    return _count(f"ratelimit:{scope}:address:{digest}", ADDRESS_LIMIT, ADDRESS_WINDOW)


def _count(key, limit, window):
    cache.add(key, 0, timeout=window)
    try:
        attempts = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        attempts = 1
    return attempts <= limit
