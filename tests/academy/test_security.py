"""Security headers, CSRF, method rules and error pages."""

import secrets
import sys
from importlib import import_module

import pytest
from django.test import Client, override_settings

pytestmark = pytest.mark.django_db


def test_site_pages_send_a_strict_content_security_policy():
    response = Client().get("/")
    policy = response["Content-Security-Policy"]
    script_src = next(p for p in policy.split(";") if p.strip().startswith("script-src"))
    assert "'unsafe-inline'" not in script_src
    assert "frame-ancestors 'none'" in policy
    assert "object-src 'none'" in policy


def test_pages_cannot_be_framed_and_are_not_sniffed():
    response = Client().get("/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_page_has_no_inline_script_or_style():
    html = Client().get("/").text
    assert "<script>" not in html
    assert " style=" not in html
    assert " onclick=" not in html


def test_post_without_csrf_token_changes_nothing(staff):
    client = Client(enforce_csrf_checks=True)
    client.force_login(staff.user)
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 403
    staff.user.refresh_from_db()
    assert staff.user.preferred_language == "ja"


def test_logout_is_post_only_in_effect(staff):
    """allauth shows a confirmation page on GET; only POST signs out."""
    response = staff.get("/accounts/logout/")
    assert response.status_code == 200
    assert staff.get("/admin/").status_code == 200


@override_settings(DEBUG=False)
def test_404_is_translated_and_leaks_nothing():
    response = Client().get("/no-such-page/")
    assert response.status_code == 404
    assert "ページが見つかりません" in response.text
    assert "Traceback" not in response.text
    assert "urlpatterns" not in response.text


def test_500_page_is_translated_and_leaks_nothing(rf):
    from academy.views import server_error

    request = rf.get("/")
    response = server_error(request)
    assert response.status_code == 500
    assert "エラーが発生しました" in response.content.decode()


def test_robots_txt_points_at_the_sitemap():
    response = Client().get("/robots.txt")
    assert response.status_code == 200
    assert "Sitemap:" in response.text
    assert "Disallow: /admin/" in response.text


def test_production_security_settings(monkeypatch):
    env = {
        "SECRET_KEY": secrets.token_urlsafe(60),
        "ALLOWED_HOSTS": "academy.example.jp",
        "SITE_URL": "https://academy.example.jp",
        "DATABASE_URL": "sqlite:////tmp/academy-prod-test.sqlite3",
        "CACHE_URL": "redis://127.0.0.1:6379/1",
        "EMAIL_URL": "smtp://u:p@mail.example.jp:587",
    }
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    monkeypatch.delitem(sys.modules, "academy.settings.production", raising=False)
    production = import_module("academy.settings.production")
    monkeypatch.delitem(sys.modules, "academy.settings.production")
    assert production.SECURE_HSTS_SECONDS >= 31536000
    assert production.SESSION_COOKIE_SECURE and production.CSRF_COOKIE_SECURE
    assert production.SECURE_SSL_REDIRECT
    assert production.CACHES["default"]["BACKEND"].endswith("RedisCache")
    assert production.TASKS["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend"


def test_admin_gets_its_own_policy_that_allows_same_origin_preview_frames(staff):
    response = staff.get("/admin/")
    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    assert "frame-ancestors 'self'" in policy
    assert "'nonce-" not in policy  # a nonce would make browsers ignore 'unsafe-inline'
