"""Per-role client fixtures shared by every test file.

Each role fixture is a logged-in django.test.Client with `.user` set. The cohort roles
(trainee, other_trainee, mentor, other_mentor) live with the cohort factories.
"""

import os

import pytest
from django.core.cache import cache
from django.test import Client
from hypothesis import settings as hypothesis_settings

from .factories import StaffFactory

# CI explores the same examples every run, so a red build is reproducible; locally they vary.
hypothesis_settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    hypothesis_settings.load_profile("ci")


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Wagtail caches the site root and allauth counts attempts in the cache: start clean
    (also what this process keeps: academy.content_cache, route hints, language notes)."""
    from academy.content_cache import forget_local
    from academy.middleware import forget_language_notes
    from courses.models.fast_pages import forget_local_hints

    cache.clear()
    forget_local()
    forget_local_hints()
    forget_language_notes()
    yield
    cache.clear()


def client_for(user):
    client = Client()
    if user is not None:
        client.force_login(user)
    client.user = user
    return client


@pytest.fixture
def anonymous(db):
    return client_for(None)


@pytest.fixture
def staff(db):
    return client_for(StaffFactory())


# Cohort roles: every role client below belongs to the same `world` (tests/world.py):
# mentor is paired with trainee, other_mentor with other_trainee (same cohort), and
# trainee_other_cohort follows another course in another cohort.


@pytest.fixture
def world(db):
    from .world import build_world

    return build_world()


@pytest.fixture
def trainee(world):
    return client_for(world.users["trainee"])


@pytest.fixture
def other_trainee(world):
    return client_for(world.users["other_trainee"])


@pytest.fixture
def trainee_other_cohort(world):
    return client_for(world.users["trainee_other_cohort"])


@pytest.fixture
def mentor(world):
    return client_for(world.users["mentor"])


@pytest.fixture
def other_mentor(world):
    return client_for(world.users["other_mentor"])


@pytest.fixture
def browser():
    """A headless Chromium per test (tests/browser.py); only browser tests ask for it."""
    from playwright.sync_api import sync_playwright

    from .browser import ARGS, CHROMIUM

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def demo(settings):
    """The documented demo school (seed_demo), for walking the site as each role."""
    from django.core.management import call_command

    settings.DEBUG = False
    call_command("seed_demo", "--i-know-this-is-not-production", verbosity=0)
