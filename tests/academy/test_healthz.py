"""/healthz: the database, the cache and the storages answer; "ok" or 503, nothing else."""

import pytest
from django.core.cache import cache

from academy import health

pytestmark = pytest.mark.django_db


def test_ok_with_one_query_and_no_session(client, django_assert_num_queries, settings):
    with django_assert_num_queries(1):  # SELECT 1: no session, no user, no language lookup
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert response["Content-Type"].startswith("text/plain")
    assert "no-cache" in response["Cache-Control"]
    assert "Set-Cookie" not in response.headers and not response.cookies


def test_a_signed_in_visitor_causes_no_session_work(staff, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert staff.get("/healthz").status_code == 200


def test_any_host_and_plain_http_are_answered(client, settings):
    """Probes come over HTTP on loopback with the machine's address as Host."""
    settings.SECURE_SSL_REDIRECT = True
    settings.ALLOWED_HOSTS = ["academy.example.jp"]
    response = client.get("/healthz", HTTP_HOST="10.0.0.7:8000")
    assert response.status_code == 200


@pytest.mark.parametrize("failing", ["database", "cache", "storage"])
def test_a_failing_check_is_503_without_detail(client, monkeypatch, caplog, failing):
    def broken():
        raise ConnectionError("secret-host.internal:5432 refused")

    monkeypatch.setitem(health.CHECKS, failing, broken)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.content == b"unavailable\n"
    record = next(r for r in caplog.records if r.name == "academy.health")
    assert record.check == failing


def test_the_cache_check_really_reads_back(monkeypatch):
    monkeypatch.setattr(cache, "get", lambda key, default=None: None)
    with pytest.raises(RuntimeError):
        health.check_cache()


def test_the_storage_check_leaves_no_file(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }
    health.check_storages()
    assert list(tmp_path.iterdir()) == []


def test_an_unwritable_storage_fails(settings, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(blocker)},
        },
    }
    with pytest.raises(OSError):
        health.check_storages()
