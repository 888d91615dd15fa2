"""Response headers and status codes that the trial as an attacker found wrong.

- Pages with a person's work or data, and downloads: Cache-Control: private, no-store.
- X-Forwarded-Proto is trusted only when a proxy is configured (TRUSTED_PROXY_COUNT > 0).
- The 403 pages (a refused CSRF check, a PermissionDenied) are our translated template.
"""

import secrets
import sys
from importlib import import_module

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.test import Client
from django.urls import reverse

from cohorts.uploads.responses import private_download

pytestmark = pytest.mark.django_db


def assert_private(response):
    words = {word.strip() for word in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= words, response["Cache-Control"]


@pytest.mark.parametrize(
    "url",
    [
        reverse("cohorts:dashboard"),
        reverse("coursework:assignment_list"),
        reverse("account_email"),
        reverse("account_change_password"),
        "/",
    ],
)
def test_pages_for_a_signed_in_person_are_not_stored(trainee, url):
    response = trainee.get(url)
    assert response.status_code == 200
    assert_private(response)


def test_the_sign_in_page_is_not_stored():
    assert_private(Client().get(reverse("account_login")))


def test_public_pages_for_visitors_may_be_cached():
    response = Client().get("/")
    assert "no-store" not in response.get("Cache-Control", "")


def test_downloads_are_not_stored(tmp_path):
    storage = FileSystemStorage(location=tmp_path)
    name = storage.save("a.txt", ContentFile(b"hello"))

    class Stored:
        pass

    stored = Stored()
    stored.storage, stored.name = storage, name
    response = private_download(stored, filename="a.txt", content_type="text/plain")
    assert_private(response)
    response.close()


PRODUCTION_ENV = {
    "SECRET_KEY": secrets.token_urlsafe(60),
    "ALLOWED_HOSTS": "academy.example.jp",
    "DATABASE_URL": "sqlite:////tmp/academy-prod-test.sqlite3",
    "CACHE_URL": "redis://127.0.0.1:6379/1",
    "EMAIL_URL": "smtp://u:p@mail.example.jp:587",
    "SITE_URL": "https://academy.example.jp",
}


def load_production(monkeypatch, **env):
    monkeypatch.delenv("TRUSTED_PROXY_COUNT", raising=False)
    for key, value in {**PRODUCTION_ENV, **env}.items():
        monkeypatch.setenv(key, value)
    monkeypatch.delitem(sys.modules, "academy.settings.production", raising=False)
    try:
        return import_module("academy.settings.production")
    finally:
        sys.modules.pop("academy.settings.production", None)


def test_forwarded_proto_is_ignored_without_a_proxy(monkeypatch):
    production = load_production(monkeypatch)
    assert getattr(production, "SECURE_PROXY_SSL_HEADER", None) is None


def test_forwarded_proto_is_trusted_behind_a_proxy(monkeypatch):
    production = load_production(monkeypatch, TRUSTED_PROXY_COUNT="1")
    assert production.SECURE_PROXY_SSL_HEADER == ("HTTP_X_FORWARDED_PROTO", "https")


def test_a_refused_csrf_check_is_our_translated_page(trainee):
    client = Client(enforce_csrf_checks=True)
    client.force_login(trainee.user)
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 403
    body = response.content.decode()
    assert "この操作はできません" in body
    assert "CSRF verification failed" not in body


def test_permission_denied_is_our_translated_page(rf):
    from django.core.exceptions import PermissionDenied

    from academy.views import permission_denied

    response = permission_denied(rf.get("/"), PermissionDenied())
    assert response.status_code == 403
    assert "この操作はできません" in response.content.decode()
