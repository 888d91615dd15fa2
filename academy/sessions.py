"""Production's session engine: Django's cached_db (the cache first, the database on a miss),
whose cached copy may arrive with the request's one round trip to the shared cache.

academy.middleware.SharedCacheMiddleware reads the session's cache entry together with the
content version (academy.content_cache) in one get_many and hands it over with `prefetched`;
a miss leaves loading to cached_db as usual (database, then the cache is filled). What is
stored, when, and for how long is unchanged.
"""

from django.contrib.sessions.backends import cached_db


class SessionStore(cached_db.SessionStore):
    _prefetched = None  # (session key, data)

    def prefetch_key(self):
        """The cache key of an existing session, or None (never creates a session key)."""
        return self.cache_key_prefix + self.session_key if self.session_key else None

    def prefetched(self, data):
        """The session's data as just read from the cache (None: not there)."""
        self._prefetched = (self.session_key, data)

    def load(self):
        prefetched, self._prefetched = self._prefetched, None
        if prefetched is not None:
            key, data = prefetched
            if data is not None and key == self.session_key:  # the same session still
                return data
        return super().load()
