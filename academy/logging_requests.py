"""One log line per request, and one per refused access, with ids only.

`academy.requests` gets, for every request: method, path, route (the URL name), status,
duration_ms and user_id. `academy.access` gets every refusal (404 or 403) with user_id, the
route and object_ids (the URL's ids, e.g. {"pk": 12}): an object out of reach answers 404
(cohorts.access), so a run of refusals by one user id is what an operator looks for.

No personal data: ids only, no names, e-mail addresses, IP addresses, user agents or query
strings. Secrets in paths (invitation tokens, password-reset keys, feed tokens) are masked.

The user id is read only when the request already loaded the user: this middleware never adds
a session or database query of its own.
"""

import logging
import time

from django.utils.functional import empty

request_log = logging.getLogger("academy.requests")
access_log = logging.getLogger("academy.access")

MASK = "[secret]"


def is_secret(name):
    name = name.lower()
    return any(word in name for word in ("token", "key", "uid", "secret", "code"))


def user_id(request):
    """The signed-in user's id when the request already looked at it, else None."""
    user = getattr(request, "user", None)
    if user is None:
        return None
    if getattr(user, "_wrapped", None) is empty:  # an unevaluated SimpleLazyObject
        return None
    return user.pk if user.is_authenticated else None


def route_and_ids(request):
    """(URL name, public ids, path with secrets masked) of the resolved URL."""
    path = request.path
    match = getattr(request, "resolver_match", None)
    if match is None:
        return None, {}, path
    ids = {}
    for name, value in match.kwargs.items():
        if is_secret(name):
            path = path.replace(str(value), MASK)
        else:
            ids[name] = value if isinstance(value, int) else str(value)
    return match.view_name, ids, path


class RequestLogMiddleware:
    """Outermost (after the health check): times everything inside it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        start = time.monotonic()
        response = self.get_response(request)
        duration_ms = round((time.monotonic() - start) * 1000, 1)
        route, ids, path = route_and_ids(request)
        uid = user_id(request)
        request_log.info(
            "request",
            extra={
                "method": request.method,
                "path": path,
                "route": route,
                "status": response.status_code,
                "duration_ms": duration_ms,
                "user_id": uid,
            },
        )
        if response.status_code in (403, 404):
            access_log.warning(
                "refused",
                extra={
                    "method": request.method,
                    "path": path,
                    "route": route,
                    "status": response.status_code,
                    "user_id": uid,
                    "object_ids": ids,
                },
            )
        return response
