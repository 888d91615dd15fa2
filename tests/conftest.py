"""Per-role client fixtures shared by every test file.

Each role fixture is a logged-in django.test.Client with `.user` set. The cohort roles
(trainee, other_trainee, mentor, other_mentor) live with the cohort factories.
"""

import pytest
from django.core.cache import cache
from django.test import Client

from .factories import StaffFactory


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Wagtail caches the site root and allauth counts attempts in the cache: start clean."""
    cache.clear()
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
