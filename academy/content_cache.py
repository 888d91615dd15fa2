"""What is the same for every visitor (the Wagtail site, the site root paths, a course's
structure), kept in this process and in the shared cache under one content version.

Any save or delete of a page, a site or a view restriction, and any publish, unpublish or
move, starts a new version, at once and again once the transaction commits (so a request that
read the old rows meanwhile cannot keep them): academy/apps.py connects `forget_content`.
Every request that uses an entry asks the shared cache for the current version (in the same
round trip as its session: academy.middleware.SharedCacheMiddleware); an entry is used only
under the version it was built for, so a change made in any process is seen by the next
request of every process.

Never anything of one person (their access, progress or role): only structure and content.

- A version is never reused: a lost version key (Redis restarted or flushed) starts again at
  a random number, so an entry kept in a process from before cannot look current.
- With the shared cache unreachable there is no version: nothing is cached, every value is
  built from the database (as on a miss), and pages keep serving.
- In the process, entries are kept pickled (each request gets its own copy, as it would from
  Redis), at most LOCAL_MAX of them, and for at most LOCAL_SECONDS whatever the version says.
"""

import pickle
import random
import threading
import time

from django.core.cache import cache
from django.db import transaction

VERSION_KEY = "academy:content-version"
SHARED_TIMEOUT = 60 * 60
LOCAL_MAX = 512
LOCAL_SECONDS = 10 * 60

_local = {}  # name -> (version, stored at, pickled value); this process only
_lock = threading.Lock()
_MISSING = object()


def forget_content(**kwargs):
    """A new content version now and after the commit (a signal receiver: any arguments)."""

    def bump():
        try:
            cache.incr(VERSION_KEY)
        except ValueError:  # no version yet (or the cache is unreachable)
            cache.set(VERSION_KEY, _fresh_version(), None)

    bump()
    transaction.on_commit(bump)


def forget_content_for(sender, instance, **kwargs):
    """post_save / post_delete: only a page, a site or a view restriction matters."""
    from wagtail.models import Page, PageViewRestriction, Site

    if isinstance(instance, (Page, Site, PageViewRestriction)):
        forget_content()


def _fresh_version():
    return random.randrange(1, 2**62)


def version_from_cache(value):
    """The version as read from the shared cache (None: not read yet or unreachable)."""
    if value is not None:
        return value
    cache.add(VERSION_KEY, _fresh_version(), None)
    return cache.get(VERSION_KEY)  # None while the cache is unreachable


def current_version(request=None):
    """The content version for this request: read once, then kept on the request. With a
    session not loaded yet (SharedCacheMiddleware), it is read along with the session."""
    if request is None:
        return version_from_cache(cache.get(VERSION_KEY))
    try:
        return request._content_version
    except AttributeError:
        pass
    session = getattr(request, "_content_version_with", None)
    if session is not None:
        session.load_now()  # reads the version along, unless the session was loaded already
    if not hasattr(request, "_content_version"):
        request._content_version = version_from_cache(cache.get(VERSION_KEY))
    return request._content_version


def cached(name, build, request=None, seconds=None):
    """build()'s value under the current version: from this process, else from the shared
    cache, else built (and kept in both). name identifies the value (str); seconds, if given,
    is the longest an entry may be used (else SHARED_TIMEOUT, and LOCAL_SECONDS here)."""
    version = current_version(request)
    if version is None:
        return build()
    now = time.monotonic()
    entry = _local.get(name)
    local_seconds = LOCAL_SECONDS if seconds is None else min(seconds, LOCAL_SECONDS)
    if entry is not None and entry[0] == version and now - entry[1] < local_seconds:
        return pickle.loads(entry[2])  # noqa: S301 - bytes this process pickled itself
    shared_key = f"academy:content:{version}:{name}"
    value = cache.get(shared_key, _MISSING)
    if value is _MISSING:
        value = build()
        cache.set(shared_key, value, SHARED_TIMEOUT if seconds is None else seconds)
    _keep(name, version, now, pickle.dumps(value, pickle.HIGHEST_PROTOCOL))
    return value


def _keep(name, version, now, data):
    with _lock:
        if name not in _local and len(_local) >= LOCAL_MAX:
            stale = [key for key, entry in _local.items() if entry[0] != version]
            for key in stale or list(_local)[: LOCAL_MAX // 4]:
                _local.pop(key, None)
        _local[name] = (version, now, data)


def forget_local():
    """Empty this process's copies (tests)."""
    _local.clear()
