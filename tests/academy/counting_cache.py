"""A local-memory cache that counts its calls: each call stands for one round trip to Redis
(a get_many is one call, however LocMemCache answers it inside)."""

import threading

from django.core.cache.backends.locmem import LocMemCache

CALLS = []
_inside = threading.local()


class CountingCache(LocMemCache):
    pass


def _counting(name):
    def counted(self, *args, **kwargs):
        outermost = not getattr(_inside, "active", False)
        if outermost:
            CALLS.append(name)
            _inside.active = True
        try:
            return getattr(LocMemCache, name)(self, *args, **kwargs)
        finally:
            if outermost:
                _inside.active = False

    return counted


for _name in ("get", "get_many", "set", "set_many", "add", "delete", "incr", "touch", "has_key"):
    setattr(CountingCache, _name, _counting(_name))

BACKEND = f"{__name__}.CountingCache"
