"""The public check of a certificate's code: valid (name, programme, date) or not valid.

An unknown code and a revoked one get the same answer ("not valid") through the same work
(one query, the same template), so the page tells nothing but what a valid code proves.
Every lookup counts against the client's IP (academy.client_ip: a forged X-Forwarded-For is
ignored unless our own proxies wrote it) in the shared cache, so guessing is throttled across
web processes; past the limit the page answers 429 without looking the code up.
"""

import re
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

from academy.client_ip import client_ip
from cohorts.certificates.models import Completion

DEFAULT_LIMIT = (30, 60 * 60)  # lookups, seconds
CODE_PATTERN = re.compile(r"^[A-Za-z0-9_-]{1,40}$")


@dataclass(frozen=True)
class Verified:
    name: str
    programme: str
    completed_on: object


def allow_lookup(request):
    """Count one lookup from this client IP; False once it is over the limit for the window."""
    limit, window = getattr(settings, "CERTIFICATE_VERIFY_RATE_LIMIT", DEFAULT_LIMIT)
    key = f"ratelimit:certificate-verify:{client_ip(request)}"
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        count = 1
    return count <= limit


def normalise(code):
    return (code or "").strip()


def verify(code):
    """A Verified for a current completion's code, else None (unknown, revoked or malformed)."""
    code = normalise(code)
    if not CODE_PATTERN.match(code):
        code = ""  # still one query, so a malformed code costs what any other does
    completion = (
        Completion.objects.current()
        .filter(code=code)
        .select_related("membership__user", "membership__cohort__course")
        .first()
    )
    if completion is None:
        return None
    membership = completion.membership
    return Verified(
        name=membership.user.get_full_name() or membership.user.email,
        programme=membership.cohort.course.title,
        completed_on=completion.confirmed_at,
    )
