"""The cache that holds the sign-in limits: shared in production, and an outage is survivable.

- Production refuses, at settings load, a CACHE_URL every web process does not share
  (dummy:// disables every limit; locmem:// gives each worker its own count).
- With Redis down, pages keep serving (the cache reads as empty, writes are dropped) while
  allauth's sign-in limits fail closed (its lock cannot be taken, so the attempt is refused).
"""

import secrets
import socket
import sys
from importlib import import_module

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import Client
from django.urls import reverse

from academy.settings.env import cache_from_env
from tests.factories import PASSWORD, UserFactory

PRODUCTION_ENV = {
    "SECRET_KEY": secrets.token_urlsafe(60),
    "ALLOWED_HOSTS": "academy.example.jp",
    "DATABASE_URL": "sqlite:////tmp/academy-prod-test.sqlite3",
    "EMAIL_URL": "smtp://u:p@mail.example.jp:587",
    "SITE_URL": "https://academy.example.jp",
}


def load_production(monkeypatch, **env):
    for key, value in {**PRODUCTION_ENV, **env}.items():
        monkeypatch.setenv(key, value)
    monkeypatch.delitem(sys.modules, "academy.settings.production", raising=False)
    try:
        return import_module("academy.settings.production")
    finally:
        sys.modules.pop("academy.settings.production", None)


@pytest.mark.parametrize("url", ["dummy://", "locmem://"])
def test_production_refuses_a_cache_that_is_not_shared(monkeypatch, url):
    with pytest.raises(ImproperlyConfigured, match="CACHE_URL"):
        load_production(monkeypatch, CACHE_URL=url)


def test_production_accepts_redis(monkeypatch):
    production = load_production(monkeypatch, CACHE_URL="redis://127.0.0.1:6379/1")
    assert "Redis" in production.CACHES["default"]["BACKEND"]


def closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def redis_down(settings):
    settings.CACHES = {"default": cache_from_env(f"redis://127.0.0.1:{closed_port()}/0")}
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    yield


@pytest.mark.django_db
def test_with_redis_down_pages_keep_serving(redis_down):
    assert Client().get("/").status_code == 200
    client = Client()
    client.force_login(UserFactory())
    assert client.get(reverse("account_email")).status_code == 200


@pytest.mark.django_db
def test_with_redis_down_sign_in_fails_closed(redis_down):
    user = UserFactory()
    client = Client()
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
