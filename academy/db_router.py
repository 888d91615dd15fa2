"""A read replica for reports: reads inside replica_reads() go to the "replica" database.

Off by default. With DATABASE_REPLICA_URL set, settings add a "replica" alias and this router;
a report or an export then reads from the replica by running inside `replica_reads()` (or a
view decorated with `@reads_from_replica`), so a long gradebook query does not compete with the
deadline's submissions on the primary. Everything else, and every write, stays on "default":
a replica lags a little, so only pages that can show data a few seconds old may use it.
Without the alias (development, tests that do not ask for it) the context changes nothing.
"""

from contextlib import contextmanager
from contextvars import ContextVar
from functools import wraps

from django.db import DEFAULT_DB_ALIAS, connections

REPLICA = "replica"
_reading_from_replica = ContextVar("reading_from_replica", default=False)


@contextmanager
def replica_reads():
    """Reads in this block (this thread or task) go to the replica, when there is one."""
    token = _reading_from_replica.set(True)
    try:
        yield
    finally:
        _reading_from_replica.reset(token)


def reads_from_replica(view):
    """A view decorator: the view's reads go to the replica (see replica_reads)."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        with replica_reads():
            return view(*args, **kwargs)

    return wrapped


def replica_configured():
    return REPLICA in connections.settings


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if _reading_from_replica.get() and replica_configured():
            return REPLICA
        return DEFAULT_DB_ALIAS

    def db_for_write(self, model, **hints):
        # Always the primary, even for an object read from the replica.
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replica holds the same rows as the primary

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db != REPLICA  # the replica copies the primary's schema; never migrated itself
