"""Production reads every variable docs/deploy.md documents, and docs/deploy.md documents every
variable the settings and gunicorn.conf.py read; SITE_URL is required and reaches the Wagtail
Site (so the sitemap lists it)."""

import json
import os
import re
import runpy
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from wagtail.models import Site

from academy.settings.env import site_url_from_env

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "deploy.md"
SECRET = secrets.token_urlsafe(60)

# variable: (value set, setting read back in academy.settings.production, value expected)
DJANGO = {
    "SECRET_KEY": (SECRET, "SECRET_KEY", SECRET),
    "ALLOWED_HOSTS": (
        "a.example.jp, b.example.jp",
        "ALLOWED_HOSTS",
        ["a.example.jp", "b.example.jp"],
    ),
    "CSRF_TRUSTED_ORIGINS": (
        "https://a.example.jp",
        "CSRF_TRUSTED_ORIGINS",
        ["https://a.example.jp"],
    ),
    "SITE_URL": ("https://a.example.jp/", "WAGTAILADMIN_BASE_URL", "https://a.example.jp"),
    "DATABASE_URL": (
        "postgres://u:p@db.example.jp:5433/school",
        "DATABASES['default']['NAME']",
        "school",
    ),
    "DB_CONN_MAX_AGE": ("120", "DATABASES['default']['CONN_MAX_AGE']", 120),
    "CACHE_URL": (
        "redis://cache.example.jp:6379/3",
        "CACHES['default']['LOCATION']",
        "redis://cache.example.jp:6379/3",
    ),
    "EMAIL_URL": ("smtp://u:p@mail.example.jp:2525", "MAILERS['default']['OPTIONS']['port']", 2525),
    "DEFAULT_FROM_EMAIL": (
        "School <office@example.jp>",
        "DEFAULT_FROM_EMAIL",
        "School <office@example.jp>",
    ),
    "SERVER_EMAIL": ("errors@example.jp", "SERVER_EMAIL", "errors@example.jp"),
    "ADMINS": ("it@example.jp", "ADMINS", [["Office", "it@example.jp"]]),
    "STATIC_ROOT": ("/srv/test/static", "str(STATIC_ROOT)", "/srv/test/static"),
    "MEDIA_ROOT": ("/srv/test/media", "str(MEDIA_ROOT)", "/srv/test/media"),
    "PRIVATE_MEDIA_ROOT": ("/srv/test/private", "str(PRIVATE_MEDIA_ROOT)", "/srv/test/private"),
    "STORAGE_BACKEND": (
        "django.core.files.storage.InMemoryStorage",
        "STORAGES['default']['BACKEND']",
        "django.core.files.storage.InMemoryStorage",
    ),
    "LANGUAGE_CODE": ("en", "LANGUAGE_CODE", "en"),
    "TIME_ZONE": ("UTC", "TIME_ZONE", "UTC"),
    "TRUSTED_PROXY_COUNT": ("1", "TRUSTED_PROXY_COUNT", 1),
    "SUBMISSION_MAX_FILE_BYTES": ("1000", "SUBMISSION_MAX_FILE_BYTES", 1000),
    "SUBMISSION_MAX_FILES": ("2", "SUBMISSION_MAX_FILES", 2),
    "MENTORS_MAY_GRANT_EXTENSIONS": ("1", "MENTORS_MAY_GRANT_EXTENSIONS", True),
    "SECURE_SSL_REDIRECT": ("0", "SECURE_SSL_REDIRECT", False),
    "SECURE_HSTS_SECONDS": ("60", "SECURE_HSTS_SECONDS", 60),
    "LOG_FORMAT": ("text", "LOGGING['formatters']['default']['()'].__name__", "TextFormatter"),
    "LOG_LEVEL": ("WARNING", "LOGGING['root']['level']", "WARNING"),
    "TASKS_LOG_LEVEL": ("ERROR", "LOGGING['loggers']['django.tasks']['level']", "ERROR"),
    "TASK_RESULTS_KEEP_DAYS": ("3", "TASK_RESULTS_KEEP_DAYS", 3),
    "SENT_NOTICES_KEEP_DAYS": ("30", "SENT_NOTICES_KEEP_DAYS", 30),
    "DATABASE_REPLICA_URL": (
        "postgres://r:p@replica.example.jp:5432/school",
        "DATABASES['replica']['HOST']",
        "replica.example.jp",
    ),
    "EMAIL_FROM_NAME_JA": ("塾の事務局", "EMAIL_FROM_NAMES['ja']", "塾の事務局"),
    "MAIL_RETRY_DELAYS": ("5,50", "MAIL_RETRY_DELAYS", [5, 50]),
    # Production ignores it: never DEBUG in production, whatever the environment says.
    "DEBUG": ("1", "DEBUG", False),
}

# Object storage: checked in a run of its own, since S3_BUCKET replaces STORAGE_BACKEND.
S3 = {
    "S3_BUCKET": ("school-files", "STORAGES['private']['OPTIONS']['bucket_name']", "school-files"),
    "S3_ENDPOINT_URL": (
        "http://127.0.0.1:9000",
        "STORAGES['private']['OPTIONS']['endpoint_url']",
        "http://127.0.0.1:9000",
    ),
    "S3_REGION": (
        "ap-northeast-1",
        "STORAGES['default']['OPTIONS']['region_name']",
        "ap-northeast-1",
    ),
    "S3_ACCESS_KEY_ID": ("key", "STORAGES['default']['OPTIONS']['access_key']", "key"),
    "S3_SECRET_ACCESS_KEY": ("secret", "STORAGES['default']['OPTIONS']['secret_key']", "secret"),
    "S3_PREFIX": ("school", "STORAGES['private']['OPTIONS']['location']", "school/private"),
    "S3_URL_EXPIRY": ("60", "STORAGES['default']['OPTIONS']['querystring_expire']", 60),
}

# variable: (value set, name in gunicorn.conf.py, value expected)
GUNICORN = {
    "GUNICORN_BIND": ("127.0.0.1:8117", "bind", ["127.0.0.1:8117"]),
    "WEB_CONCURRENCY": ("3", "workers", 3),
    "GUNICORN_THREADS": ("4", "worker_class", "gthread"),
    "GUNICORN_TIMEOUT": ("90", "timeout", 90),
    "GUNICORN_GRACEFUL_TIMEOUT": ("10", "graceful_timeout", 10),
    "GUNICORN_KEEPALIVE": ("2", "keepalive", 2),
    "GUNICORN_MAX_REQUESTS": ("500", "max_requests", 500),
    "FORWARDED_ALLOW_IPS": ("127.0.0.1", "forwarded_allow_ips", "127.0.0.1"),
    "GUNICORN_ACCESS_LOG": ("-", "accesslog", "-"),
    "GUNICORN_LOG_LEVEL": ("warning", "loglevel", "warning"),
}

READS = re.compile(
    r"""(?:env_(?:str|int|bool|list)|os\.environ\.get|_int)\(\s*["']([A-Z][A-Z0-9_]+)["']"""
)


def documented():
    """The variables in docs/deploy.md's tables: rows that start with | `NAME` |."""
    return set(re.findall(r"^\| `([A-Z][A-Z0-9_]+)` \|", DOC.read_text(encoding="utf-8"), re.M))


def read_by_code():
    files = [
        *sorted((ROOT / "academy" / "settings").glob("*.py")),
        ROOT / "academy" / "logging_setup.py",
        ROOT / "gunicorn.conf.py",
    ]
    return {name for path in files for name in READS.findall(path.read_text(encoding="utf-8"))}


def test_every_variable_the_code_reads_is_documented():
    missing = read_by_code() - documented()
    assert not missing, f"add these to the tables of docs/deploy.md: {sorted(missing)}"


def test_every_documented_variable_has_a_check_here():
    assert documented() == set(DJANGO) | set(S3) | set(GUNICORN)


def clean_env(**values):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    for name in {*DJANGO, *S3, *GUNICORN}:
        env.pop(name, None)
    env.update(values)
    return env


@pytest.mark.parametrize("table", ["django", "object storage"])
def test_production_honours_every_documented_variable(table):
    checked = DJANGO if table == "django" else S3
    values = {name: value for name, (value, _, _) in DJANGO.items() if name != "STORAGE_BACKEND"}
    if table == "django":
        values = {name: value for name, (value, _, _) in DJANGO.items()}
    else:
        values.update({name: value for name, (value, _, _) in S3.items()})
    expressions = {name: expression for name, (_, expression, _) in checked.items()}
    script = (
        "import json, sys, django\n"
        "django.setup()\n"
        "from django.conf import settings as s\n"
        "names = json.loads(sys.argv[1])\n"
        "values = {name: getattr(s, name) for name in dir(s) if name.isupper()}\n"
        "out = {n: eval(e, {}, values) for n, e in names.items()}\n"
        "print(json.dumps(out, default=str))\n"
    )
    env = clean_env(
        DJANGO_SETTINGS_MODULE="academy.settings.production",
        **values,
    )
    result = subprocess.run(
        [sys.executable, "-c", script, json.dumps(expressions)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    wrong = {
        name: seen[name] for name, (_, _, expected) in checked.items() if seen[name] != expected
    }
    assert wrong == {}


@pytest.mark.parametrize("name", sorted(GUNICORN))
def test_gunicorn_honours_its_variables(name, monkeypatch):
    for other in GUNICORN:
        monkeypatch.delenv(other, raising=False)
    value, attribute, expected = GUNICORN[name]
    monkeypatch.setenv(name, value)
    config = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    assert config[attribute] == expected


def test_gunicorn_trusts_no_forwarded_headers_without_a_proxy(monkeypatch):
    monkeypatch.delenv("FORWARDED_ALLOW_IPS", raising=False)
    monkeypatch.delenv("GUNICORN_BIND", raising=False)
    config = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    assert config["forwarded_allow_ips"] == ""
    assert config["bind"] == ["127.0.0.1:8000"]
    assert config["accesslog"] is None


def test_gunicorn_accepts_the_config_file(tmp_path):
    env = clean_env(
        DJANGO_SETTINGS_MODULE="academy.settings.production",
        SECRET_KEY=SECRET,
        ALLOWED_HOSTS="academy.example.jp",
        SITE_URL="https://academy.example.jp",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        CACHE_URL="redis://127.0.0.1:6379/14",
        EMAIL_URL="console://",
    )
    result = subprocess.run(
        [str(Path(sys.executable).parent / "gunicorn"), "--check-config", "academy.wsgi"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    "value",
    [
        "academy.example.jp",
        "ftp://academy.example.jp",
        "https://",
        "https://a.example.jp/school",
        "https://a.example.jp?x=1",
        "https://a.example.jp:port",
    ],
)
def test_a_malformed_site_url_names_itself(monkeypatch, value):
    monkeypatch.setenv("SITE_URL", value)
    with pytest.raises(ImproperlyConfigured, match="SITE_URL"):
        site_url_from_env()


def test_site_url_is_required_in_production(monkeypatch):
    monkeypatch.delenv("SITE_URL", raising=False)
    with pytest.raises(ImproperlyConfigured, match="SITE_URL is required"):
        site_url_from_env(required=True)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "hostname", "port", "root"),
    [
        ("https://academy.example.jp", "academy.example.jp", 443, "https://academy.example.jp"),
        ("http://127.0.0.1:8107", "127.0.0.1", 8107, "http://127.0.0.1:8107"),
    ],
)
def test_sync_site_sets_the_wagtail_site_and_the_sitemap_lists_it(
    settings, client, url, hostname, port, root
):
    settings.SITE_URL = settings.WAGTAILADMIN_BASE_URL = url
    call_command("sync_site", verbosity=0)
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == (hostname, port)
    body = client.get("/sitemap.xml").content.decode()
    assert f"<loc>{root}/</loc>" in body
    assert "localhost" not in body


@pytest.mark.django_db
def test_migrate_syncs_the_site_in_production(settings):
    settings.SITE_URL = "https://academy.example.jp"
    settings.SYNC_SITE_ON_MIGRATE = True
    call_command("migrate", verbosity=0)
    assert Site.objects.get(is_default_site=True).root_url == "https://academy.example.jp"


@pytest.mark.django_db
def test_migrate_leaves_the_site_alone_elsewhere(settings):
    settings.SITE_URL = "https://academy.example.jp"
    call_command("migrate", verbosity=0)
    assert Site.objects.get(is_default_site=True).hostname == "localhost"


@pytest.mark.slow
def test_collectstatic_and_check_deploy_are_clean_in_production(tmp_path):
    """STATIC_ROOT from the environment is where collectstatic writes (hashed, compressed)."""
    env = clean_env(
        DJANGO_SETTINGS_MODULE="academy.settings.production",
        SECRET_KEY=SECRET,
        ALLOWED_HOSTS="academy.example.jp",
        SITE_URL="https://academy.example.jp",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        CACHE_URL="redis://127.0.0.1:6379/1",
        EMAIL_URL="smtp://u:p@mail.example.jp:587",
        STATIC_ROOT=str(tmp_path / "static"),
    )
    for command in (
        ["collectstatic", "--noinput", "-v0"],
        ["check", "--deploy", "--fail-level", "WARNING"],
    ):
        result = subprocess.run(
            [sys.executable, "manage.py", *command],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert result.returncode == 0, result.stderr
    assert (tmp_path / "static" / "staticfiles.json").exists()
    assert list((tmp_path / "static").rglob("*.css.gz"))
