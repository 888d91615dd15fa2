"""What a request costs before its view runs: no database work for a view that needs none,
and one database connection per process, opened once with its pragmas.

robots.txt is such a view: it reads neither the user nor the database.
"""

import pytest
from django.db import connection
from django.db.backends.signals import connection_created
from django.test import Client
from django.test.utils import CaptureQueriesContext

from academy.middleware import forget_language_notes
from academy.settings.env import SQLITE_PRAGMAS, database_from_env
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def queries_for(client, url="/robots.txt"):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return [query["sql"] for query in queries]


def test_an_anonymous_bare_request_touches_no_database():
    assert queries_for(Client()) == []


def test_a_signed_in_bare_request_never_reads_the_user(settings):
    client = Client()
    client.force_login(UserFactory(preferred_language="en"))
    queries_for(client)  # the first request remembers the profile language in the session
    assert queries_for(client) == []  # the worker noted the session's language: no session read
    assert client.get("/robots.txt")["Content-Language"] == "en"
    forget_language_notes()  # another worker: it reads the session (not the user) once
    later = queries_for(client)
    assert len(later) == 1 and "django_session" in later[0]
    assert client.get("/robots.txt")["Content-Language"] == "en"


def test_with_production_sessions_a_signed_in_bare_request_does_no_query(settings):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    client = Client()
    client.force_login(UserFactory(preferred_language="en"))
    queries_for(client)
    assert queries_for(client) == []
    assert client.get("/robots.txt")["Content-Language"] == "en"


def test_the_language_cookie_wins_and_costs_nothing():
    client = Client()
    client.force_login(UserFactory(preferred_language="en"))
    client.cookies["django_language"] = "ja"
    assert queries_for(client) == []  # neither the session nor the user
    assert client.get("/robots.txt")["Content-Language"] == "ja"


def test_switching_language_updates_what_the_session_remembers():
    client = Client()
    client.force_login(UserFactory(preferred_language="ja"))
    assert client.get("/robots.txt")["Content-Language"] == "ja"
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    client.cookies.pop("django_language")  # a browser that dropped the cookie
    assert client.get("/robots.txt")["Content-Language"] == "en"
    forget_language_notes()  # another worker reads it from the session
    assert client.get("/robots.txt")["Content-Language"] == "en"


def test_the_language_noted_in_a_worker_lasts_a_short_while(monkeypatch):
    """The note is a session's display language only, kept under a hash of the session key,
    and for at most LANGUAGE_NOTE_SECONDS: a switch made in another worker is seen after."""
    from academy import middleware

    client = Client()
    client.force_login(UserFactory(preferred_language="ja"))
    assert client.get("/robots.txt")["Content-Language"] == "ja"
    session_key = client.cookies["sessionid"].value
    assert middleware.noted_language(session_key) == "ja"
    assert session_key not in str(middleware._language_notes)
    session = client.session
    session[middleware.SESSION_LANGUAGE_KEY] = "en"  # switched in another worker
    session.save()
    assert client.get("/robots.txt")["Content-Language"] == "ja"  # noted here a moment ago
    now = middleware.time.monotonic() + middleware.LANGUAGE_NOTE_SECONDS + 1
    monkeypatch.setattr(middleware.time, "monotonic", lambda: now)
    assert client.get("/robots.txt")["Content-Language"] == "en"


@pytest.mark.parametrize(
    "url",
    ["sqlite:////tmp/academy.sqlite3", "postgres://academy:secret@db.example:5432/academy"],
)
def test_every_engine_keeps_its_connection_with_health_checks(url, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.delenv("DB_CONN_MAX_AGE", raising=False)
    config = database_from_env("sqlite:///unused")
    assert config["CONN_MAX_AGE"] >= 60
    assert config["CONN_HEALTH_CHECKS"] is True
    if "sqlite" in url:
        assert config["OPTIONS"]["init_command"] == SQLITE_PRAGMAS


def test_a_sqlite_connection_is_opened_once_and_its_pragmas_applied_once(tmp_path, monkeypatch):
    """What happens between requests (close_if_unusable_or_obsolete) keeps the connection."""
    from django.db.backends.sqlite3.base import DatabaseWrapper

    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path}/one.sqlite3")
    settings_dict = {
        **connection.settings_dict,
        **database_from_env("sqlite:///unused"),
        "TEST": {},
        "TIME_ZONE": None,
        "AUTOCOMMIT": True,
        "ATOMIC_REQUESTS": False,
    }
    opened = []

    def count(sender, connection, **kwargs):
        if connection is wrapper:
            opened.append(connection.connection)

    wrapper = DatabaseWrapper(settings_dict, alias="overhead")
    connection_created.connect(count)
    try:
        for _ in range(3):  # three "requests"
            with wrapper.cursor() as cursor:
                cursor.execute("PRAGMA journal_mode")
                assert cursor.fetchone()[0] == "wal"
                cursor.execute("PRAGMA foreign_keys")
                assert cursor.fetchone()[0] == 1
            wrapper.close_if_unusable_or_obsolete()
    finally:
        connection_created.disconnect(count)
        wrapper.close()
    assert len(opened) == 1


def test_templates_are_compiled_once_per_process():
    """Django's cached loader wraps the template loaders (no loaders option in settings)."""
    from django.template import engines
    from django.template.loaders.cached import Loader

    loaders = engines["django"].engine.template_loaders
    assert len(loaders) == 1 and isinstance(loaders[0], Loader)
