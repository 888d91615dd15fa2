"""The read replica's DATABASES entry, from DATABASE_REPLICA_URL (academy/db_router.py)."""

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from .env import env_int, env_str


def replica_from_env():
    """DATABASES["replica"] or None when DATABASE_REPLICA_URL is not set.

    In the test suite the replica is a mirror of the default database (TEST MIRROR), as
    Django documents for primary/replica setups.
    """
    url = env_str("DATABASE_REPLICA_URL")
    if not url:
        return None
    try:
        config = dj_database_url.parse(url, conn_max_age=env_int("DB_CONN_MAX_AGE", 0))
    except Exception as error:  # dj-database-url raises several types
        raise ImproperlyConfigured(f"DATABASE_REPLICA_URL is malformed: {error}") from None
    if config.get("ENGINE") != "django.db.backends.postgresql":
        raise ImproperlyConfigured("DATABASE_REPLICA_URL must be a PostgreSQL URL (postgres://…).")
    config["CONN_HEALTH_CHECKS"] = True
    config["TEST"] = {"MIRROR": "default"}
    return config
