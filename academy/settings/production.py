"""Production: every required variable must be set, or the process refuses to start."""

from django.core.exceptions import ImproperlyConfigured

from academy.logging_setup import logging_config

from .base import *  # noqa: F403
from .env import (
    SHARED_CACHE_BACKENDS,
    cache_from_env,
    env_bool,
    env_int,
    env_list,
    env_str,
    mailer_from_env,
    site_url_from_env,
)
from .storage import storages_from_env

DEBUG = False
SECRET_KEY = env_str("SECRET_KEY", required=True)
if len(SECRET_KEY) < 50 or SECRET_KEY.startswith("dev-only"):
    raise ImproperlyConfigured("SECRET_KEY must be a random value of at least 50 characters.")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", required=True)
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [f"https://{h}" for h in ALLOWED_HOSTS])

# Persistent connections with health checks on every engine (academy.settings.env).
env_str("DATABASE_URL", required=True)

# A cache shared by every web process: allauth's rate limits and sessions depend on it.
CACHES = {"default": cache_from_env(env_str("CACHE_URL", required=True))}
if CACHES["default"]["BACKEND"] not in SHARED_CACHE_BACKENDS:
    raise ImproperlyConfigured(
        "CACHE_URL must name a cache every web process shares (redis://…): with dummy:// "
        "the sign-in limits count nothing, and with locmem:// each worker counts on its own."
    )
# cached_db, whose cache entry arrives with the request's one round trip (academy/sessions.py).
SESSION_ENGINE = "academy.sessions"
MAILERS = {"default": mailer_from_env(env_str("EMAIL_URL", required=True))}
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}

STORAGES = storages_from_env("whitenoise.storage.CompressedManifestStaticFilesStorage")

SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
# X-Forwarded-Proto says "https" only if a proxy we trust wrote it: with no proxy configured
# (TRUSTED_PROXY_COUNT=0) any client could send it.
if env_int("TRUSTED_PROXY_COUNT", 0) > 0:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

ADMINS = [("Office", a) for a in env_list("ADMINS", [])]

# --- Site URL, static files, logs (docs/deploy.md lists every variable) ----------------------
# The public URL is required: e-mails, calendar files and the sitemap are built from it, and
# `manage.py sync_site` (also run after every migrate here) copies it into the Wagtail Site.
SITE_URL = site_url_from_env(required=True)
WAGTAILADMIN_BASE_URL = SITE_URL
SYNC_SITE_ON_MIGRATE = True
# STATIC_ROOT comes from the environment (base.py reads STATIC_ROOT); collectstatic fills it.
LOGGING = logging_config(env_str("LOG_FORMAT", "json"))
# --- end of site URL, static files, logs ------------------------------------------------------
