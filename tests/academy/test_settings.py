"""Settings come from the environment; production refuses to start without what it needs."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from academy.settings.env import (
    cache_from_env,
    database_from_env,
    env_bool,
    env_int,
    mailer_from_env,
)

ROOT = Path(__file__).resolve().parents[2]


def manage(*args, env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    clean.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


def production_env(tmp_path, **overrides):
    """What production needs (`make check-deploy` runs `check --deploy` with the same)."""
    env = {
        "DJANGO_SETTINGS_MODULE": "academy.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(60),
        "ALLOWED_HOSTS": "academy.example.jp",
        "SITE_URL": "https://academy.example.jp",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'prod.sqlite3'}",
        "CACHE_URL": "redis://127.0.0.1:6379/1",
        "EMAIL_URL": "smtp://office:secret@mail.example.jp:587",
    }
    env.update(overrides)
    return {k: v for k, v in env.items() if v is not None}


@pytest.mark.parametrize(
    "missing", ["SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "CACHE_URL", "SITE_URL"]
)
def test_production_refuses_to_start_without(missing, tmp_path):
    result = manage("check", env=production_env(tmp_path, **{missing: None}))
    assert result.returncode != 0
    assert missing in result.stderr


def test_production_refuses_a_weak_secret_key(tmp_path):
    result = manage("check", env=production_env(tmp_path, SECRET_KEY="short"))
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_bad_database_url_says_so_before_anything_else(tmp_path):
    result = manage(
        "check", env={"DJANGO_SETTINGS_MODULE": "academy.settings.dev", "DATABASE_URL": "nope://x"}
    )
    assert result.returncode != 0
    assert "DATABASE_URL" in result.stderr.strip().splitlines()[-1]


def test_database_url_errors_name_the_variable(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://a:b@host:notaport/db")
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL"):
        database_from_env("sqlite:///x")


def test_sqlite_runs_in_wal_mode_with_immediate_transactions(monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    config = database_from_env("sqlite:////tmp/academy.sqlite3")
    assert config["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in config["OPTIONS"]["init_command"]


def test_postgres_url_is_parsed(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/test")
    config = database_from_env("sqlite:///x")
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert config["NAME"] == "test"


@pytest.mark.parametrize(
    ("name", "value", "function"),
    [
        ("DEBUG", "maybe", lambda: env_bool("DEBUG")),
        ("DB_CONN_MAX_AGE", "soon", lambda: env_int("DB_CONN_MAX_AGE", 0)),
        ("CACHE_URL", "memcached://x", cache_from_env),
        ("EMAIL_URL", "pigeon://x", mailer_from_env),
        ("EMAIL_URL", "smtp://host:port", mailer_from_env),
    ],
)
def test_malformed_variables_name_themselves(monkeypatch, name, value, function):
    monkeypatch.setenv(name, value)
    with pytest.raises(ImproperlyConfigured, match=name):
        function()


def test_email_url_becomes_an_smtp_mailer(monkeypatch):
    monkeypatch.setenv("EMAIL_URL", "smtp://office%40school:p%40ss@mail.example.jp:2525?tls=0")
    mailer = mailer_from_env()
    assert mailer["BACKEND"].endswith("smtp.EmailBackend")
    assert mailer["OPTIONS"]["host"] == "mail.example.jp"
    assert mailer["OPTIONS"]["port"] == 2525
    assert mailer["OPTIONS"]["username"] == "office@school"
    assert mailer["OPTIONS"]["password"] == "p@ss"
    assert mailer["OPTIONS"]["use_tls"] is False


def test_redis_cache_url(monkeypatch):
    monkeypatch.setenv("CACHE_URL", "redis://127.0.0.1:6379/2")
    assert cache_from_env()["BACKEND"].endswith("RedisCache")


def test_defaults_are_japanese_and_tokyo(settings):
    assert settings.LANGUAGE_CODE == "ja"
    assert settings.TIME_ZONE == "Asia/Tokyo"
    assert settings.USE_TZ is True
