"""Read settings from the environment, naming the variable in every error.

A misspelt or malformed variable must stop the process at start-up with a message that
says which variable and why, never fall back silently to a default in production.
"""

import os
from urllib.parse import parse_qs, unquote, urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}


def env_str(name, default=None, *, required=False):
    value = os.environ.get(name)
    if value is None or value == "":
        if required:
            raise ImproperlyConfigured(f"The environment variable {name} is required but not set.")
        return default
    return value


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    word = value.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(
        f"The environment variable {name}={value!r} is not a boolean (use 1/0, true/false)."
    )


def env_int(name, default):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(
            f"The environment variable {name}={value!r} is not a whole number."
        ) from None


def env_list(name, default=(), *, required=False):
    value = env_str(name, required=required)
    if value is None:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


def database_from_env(default_url):
    """DATABASES['default'] from DATABASE_URL, with persistent connections.

    Every engine keeps its connection between requests (DB_CONN_MAX_AGE seconds, default
    600) and checks it before reuse (CONN_HEALTH_CHECKS), so a request opens no new
    connection. SQLite gets WAL and immediate transactions; its pragmas are the connection's
    init_command, which Django runs once when it opens a connection, not per request.
    """
    url = env_str("DATABASE_URL", default_url)
    try:
        config = dj_database_url.parse(
            url, conn_max_age=env_int("DB_CONN_MAX_AGE", 600), conn_health_checks=True
        )
    except Exception as error:  # dj-database-url raises several types
        raise ImproperlyConfigured(f"DATABASE_URL is malformed: {error}") from None
    if not config.get("ENGINE"):
        raise ImproperlyConfigured(f"DATABASE_URL has an unknown scheme: {url.split(':')[0]!r}")
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config["OPTIONS"] = {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": SQLITE_PRAGMAS,
        }
    return config


SHARED_CACHE_BACKENDS = ("academy.cache.ResilientRedisCache",)

# Applied once per SQLite connection (Django runs init_command when it connects).
SQLITE_PRAGMAS = (
    "PRAGMA journal_mode=WAL;"
    "PRAGMA synchronous=NORMAL;"
    "PRAGMA busy_timeout=20000;"
    "PRAGMA foreign_keys=ON;"
    "PRAGMA temp_store=MEMORY;"
    "PRAGMA cache_size=-16000;"
)


def cache_from_env(default_url="locmem://"):
    """CACHES['default'] from CACHE_URL: redis://…, locmem:// or dummy://."""
    url = env_str("CACHE_URL", default_url)
    scheme = url.split("://", 1)[0] if "://" in url else ""
    if scheme in ("redis", "rediss"):
        # academy.cache: an outage reads as a miss (pages keep serving, sign-in limits fail
        # closed); short timeouts so an unreachable Redis costs a page little.
        return {
            "BACKEND": "academy.cache.ResilientRedisCache",
            "LOCATION": url,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1},
        }
    if scheme == "locmem":
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    if scheme == "dummy":
        return {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    raise ImproperlyConfigured(
        f"CACHE_URL has an unknown scheme {scheme!r} (use redis://, locmem:// or dummy://)."
    )


def mailer_from_env(default_url="console://"):
    """MAILERS['default'] from EMAIL_URL: smtp://user:pass@host:587?tls=1, console://, …"""
    url = env_str("EMAIL_URL", default_url)
    parts = urlsplit(url)
    backends = {
        "console": "django.core.mail.backends.console.EmailBackend",
        "locmem": "django.core.mail.backends.locmem.EmailBackend",
        "dummy": "django.core.mail.backends.dummy.EmailBackend",
        "smtp": "django.core.mail.backends.smtp.EmailBackend",
        "smtps": "django.core.mail.backends.smtp.EmailBackend",
    }
    if parts.scheme not in backends:
        raise ImproperlyConfigured(
            f"EMAIL_URL has an unknown scheme {parts.scheme!r} (use smtp://, smtps:// or console://)."
        )
    mailer = {"BACKEND": backends[parts.scheme]}
    if parts.scheme.startswith("smtp"):
        query = {key: values[-1] for key, values in parse_qs(parts.query).items()}
        try:
            port = parts.port
        except ValueError:
            raise ImproperlyConfigured("EMAIL_URL has a port that is not a number.") from None
        if not parts.hostname:
            raise ImproperlyConfigured("EMAIL_URL names no host.")
        mailer["OPTIONS"] = {
            "host": parts.hostname,
            "port": port or (465 if parts.scheme == "smtps" else 587),
            "username": unquote(parts.username or ""),
            "password": unquote(parts.password or ""),
            "use_ssl": parts.scheme == "smtps",
            "use_tls": parts.scheme == "smtp" and query.get("tls", "1") in TRUE_WORDS,
            "timeout": 20,
        }
    return mailer


def site_url_from_env(default="http://127.0.0.1:8000", *, required=False):
    """SITE_URL: the public address ("https://academy.example.jp"), without a trailing slash.

    Only a scheme, a host and an optional port: links, e-mails and the Wagtail Site are built
    from it, so a path, a query or a missing host stops the process here.
    """
    url = env_str("SITE_URL", None if required else default, required=required)
    parts = urlsplit(url)
    try:
        parts.port  # noqa: B018 - raises ValueError on a port that is not a number
    except ValueError:
        raise ImproperlyConfigured(f"SITE_URL={url!r} has a port that is not a number.") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ImproperlyConfigured(
            f"SITE_URL={url!r} is not an absolute http(s) address such as https://academy.example.jp."
        )
    if parts.path not in ("", "/") or parts.query or parts.fragment or parts.username:
        raise ImproperlyConfigured(
            f"SITE_URL={url!r} must be only the scheme, host and port (the site is served at /)."
        )
    return f"{parts.scheme}://{parts.netloc}"
