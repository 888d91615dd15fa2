"""Production's session engine: Django's cached_db (the cache first, the database on a miss),
whose cache read may bring another key along in the same round trip.

academy.middleware.SharedCacheMiddleware asks for the content version (academy.content_cache)
to come along: whichever of the two a request needs first, one get_many reads both. A miss
of the session leaves loading to cached_db as usual (cache, database, then the cache is
filled). What is stored, when, and for how long is unchanged.
"""

from django.contrib.sessions.backends import cached_db


class SessionStore(cached_db.SessionStore):
    def __init__(self, session_key=None):
        super().__init__(session_key)
        self._along = {}  # cache key -> callback(value or None)

    def read_along(self, key, callback):
        """Read key from the cache with this session; callback(value) once it was read."""
        self._along[key] = callback

    def load_now(self):
        """Load the session now (if not yet): its companions are read with it."""
        self._get_session()

    def load(self):
        along, self._along = self._along, {}
        if not along or not self.session_key:
            return super().load()  # nothing along: the companions' owners read them alone
        session_key = self.cache_key
        found = self._cache.get_many([session_key, *along])
        for key, callback in along.items():
            callback(found.get(key))
        data = found.get(session_key)
        if data is not None:
            return data
        return super().load()  # not in the cache: cached_db reads the database
