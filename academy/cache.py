"""The shared cache (Redis) with an outage that degrades instead of failing every page.

Everything the site keeps in the cache can be rebuilt: Wagtail's lookups, cached sessions
(cached_db reads the database on a miss). So with Redis unreachable, a read is a miss and a
write is dropped (logged once per call), and pages keep serving.

The sign-in limits fail closed on their own: allauth counts attempts under a lock taken
with cache.add(), which answers False here, so the attempt is refused with 429 until Redis
is back. Nobody gets unlimited guesses during an outage.
"""

import logging

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)


def _outage(operation, error):
    logger.warning("Cache unavailable (%s): %s", operation, error)


class ReusedClientRedisCacheClient(RedisCacheClient):
    """Django's client builds a new redis.Redis for every operation (with its table of ~170
    response callbacks: about 0.2 ms of CPU each time). A redis.Redis holds no connection of
    its own (the pool does, and the pool reconnects after a fork), so one per pool is reused."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient

    def get(self, key, default=None, version=None):
        try:
            return super().get(key, default, version)
        except RedisError as error:
            _outage("get", error)
            return default

    def get_many(self, keys, version=None):
        try:
            return super().get_many(keys, version)
        except RedisError as error:
            _outage("get_many", error)
            return {}

    def has_key(self, key, version=None):
        try:
            return super().has_key(key, version)
        except RedisError as error:
            _outage("has_key", error)
            return False

    def add(self, key, value, timeout=None, version=None):
        try:
            return super().add(key, value, timeout, version)
        except RedisError as error:
            _outage("add", error)
            return False  # not stored: a lock taken with add() is never granted

    def set(self, key, value, timeout=None, version=None):
        try:
            super().set(key, value, timeout, version)
        except RedisError as error:
            _outage("set", error)

    def set_many(self, data, timeout=None, version=None):
        try:
            return super().set_many(data, timeout, version)
        except RedisError as error:
            _outage("set_many", error)
            return list(data)

    def touch(self, key, timeout=None, version=None):
        try:
            return super().touch(key, timeout, version)
        except RedisError as error:
            _outage("touch", error)
            return False

    def delete(self, key, version=None):
        try:
            return super().delete(key, version)
        except RedisError as error:
            _outage("delete", error)
            return False

    def delete_many(self, keys, version=None):
        try:
            return super().delete_many(keys, version)
        except RedisError as error:
            _outage("delete_many", error)

    def incr(self, key, delta=1, version=None):
        try:
            return super().incr(key, delta, version)
        except RedisError as error:
            _outage("incr", error)
            raise ValueError(f"Key {key!r} not found (cache unavailable).") from None

    def clear(self):
        try:
            return super().clear()
        except RedisError as error:
            _outage("clear", error)
            return False
