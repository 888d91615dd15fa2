"""The test suite: fast hashing, in-memory e-mail and cache, tasks run immediately."""

import atexit
import shutil
import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .env import cache_from_env

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
CACHES = {"default": cache_from_env("locmem://")}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True

# Submitted files: a throwaway directory per test process, never ./private.

PRIVATE_MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="academy-test-private-"))
atexit.register(shutil.rmtree, PRIVATE_MEDIA_ROOT, ignore_errors=True)
