"""What every visitor shares, kept in the process and in Redis under one content version
(academy.content_cache), and one round trip to Redis per request.

- A version is never reused, so a copy kept in a process cannot look current after the
  version key is lost; a change in any process (a new version) is seen by the next request.
- Without a reachable cache, nothing is kept: every value is built again.
- A signed-in request reads its session and the content version in one get_many
  (academy.middleware.SharedCacheMiddleware, production's academy.sessions), and a bare view
  reads neither.
"""

import pytest
from django.core.cache import cache
from django.test import Client
from wagtail.models import Page

from academy import content_cache
from academy.cache import ReusedClientRedisCacheClient
from academy.sessions import SessionStore
from tests.academy import counting_cache
from tests.conftest import client_for
from tests.factories import CohortFactory, MembershipFactory, UserFactory, build_course

pytestmark = pytest.mark.django_db


class Builds:
    def __init__(self):
        self.count = 0

    def __call__(self):
        self.count += 1
        return {"built": self.count}


def test_a_value_is_built_once_per_version_and_each_caller_gets_its_own_copy():
    build = Builds()
    first = content_cache.cached("thing", build)
    first["built"] = "changed by a caller"
    assert content_cache.cached("thing", build) == {"built": 1}
    assert build.count == 1


def test_a_new_version_from_any_process_is_seen_at_once():
    build = Builds()
    content_cache.cached("thing", build)
    cache.incr(content_cache.VERSION_KEY)  # what another process's publish does
    assert content_cache.cached("thing", build) == {"built": 2}


def test_a_lost_version_key_never_brings_back_an_old_copy():
    build = Builds()
    before = content_cache.current_version()
    content_cache.cached("thing", build)
    cache.clear()  # Redis restarted or flushed; this process still has its copy
    after = content_cache.current_version()
    assert after != before
    assert content_cache.cached("thing", build) == {"built": 2}


def test_saving_a_page_starts_a_new_version(django_capture_on_commit_callbacks):
    course, _ = build_course(modules=1, lessons_per_module=1)
    before = content_cache.current_version()
    with django_capture_on_commit_callbacks(execute=True):
        course.save_revision().publish()
    assert content_cache.current_version() > before


def test_without_a_reachable_cache_every_value_is_built(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    build = Builds()
    content_cache.cached("thing", build)
    content_cache.cached("thing", build)
    assert content_cache.current_version() is None
    assert build.count == 2


def test_the_redis_client_is_made_once_per_pool():
    client = ReusedClientRedisCacheClient(["redis://127.0.0.1:1/0"])  # connects only on use
    assert client.get_client(write=True) is client.get_client(write=False)


def test_a_key_read_along_with_the_session():
    store = SessionStore()
    store["language"] = "en"
    store.save()
    read = {}
    along = SessionStore(store.session_key)
    along.read_along("other-key", lambda value: read.update(value=value))
    cache.set("other-key", 7)
    assert along["language"] == "en"
    assert read == {"value": 7}  # read in the same get_many
    cache.delete(along.cache_key)  # evicted: cached_db reads the database, the other still along
    missing = SessionStore(store.session_key)
    missing.read_along("other-key", lambda value: read.update(value=value + 1))
    assert missing["language"] == "en"
    assert read == {"value": 8}


@pytest.fixture
def counted(settings):
    settings.CACHES = {"default": {"BACKEND": counting_cache.BACKEND}}
    settings.SESSION_ENGINE = "academy.sessions"
    counting_cache.CALLS.clear()
    return counting_cache.CALLS


def calls_for(client, url, calls):
    calls.clear()
    response = client.get(url)
    assert response.status_code == 200, url
    return list(calls)


def test_one_round_trip_per_request(counted):
    course, lessons = build_course(modules=2, lessons_per_module=3)
    trainee = MembershipFactory(cohort=CohortFactory(course=course)).user
    client = Client()
    client.force_login(trainee)
    for url in (course.url, lessons[1].url):
        calls_for(client, url, counted)  # first visit: fills the caches
        assert calls_for(client, url, counted) == ["get_many"], url  # session + version
    # a bare view: the worker noted the session's language, nothing else is needed
    assert calls_for(client, "/robots.txt", counted) == []
    assert calls_for(Client(), "/robots.txt", counted) == []  # no session cookie, no version


def test_a_page_change_in_another_process_reaches_the_cached_site_and_outline(staff):
    course, lessons = build_course(modules=1, lessons_per_module=2)
    assert "レッスン 1-2" in staff.get(course.url).text
    Page.objects.filter(pk=lessons[1].pk).update(title="改題したレッスン")  # no signal here
    cache.incr(content_cache.VERSION_KEY)  # as the other process's publish does
    assert "改題したレッスン" in staff.get(course.url).text


def test_the_course_description_is_in_the_reader_s_language(django_capture_on_commit_callbacks):
    course, _ = build_course(modules=1, lessons_per_module=1)
    course.duration = "一年"
    with django_capture_on_commit_callbacks(execute=True):
        course.save_revision().publish()
    japanese = client_for(UserFactory(preferred_language="ja"))
    english = client_for(UserFactory(preferred_language="en"))
    assert "<dt>期間</dt>" in japanese.get(course.url).text
    assert "<dt>Duration</dt>" in english.get(course.url).text
    assert "<dt>期間</dt>" in japanese.get(course.url).text
    course.duration = "二年"
    with django_capture_on_commit_callbacks(execute=True):
        course.save_revision().publish()
    assert "<dd>二年</dd>" in japanese.get(course.url).text
