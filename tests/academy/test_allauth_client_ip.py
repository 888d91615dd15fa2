"""allauth's rate limits count per client with the site's one client-IP rule.

academy.accounts.AccountAdapter.get_client_ip is academy.client_ip.client_ip, which trusts
X-Forwarded-For exactly as far as settings.TRUSTED_PROXY_COUNT says. The failed-login limit
is "20/5m/ip" (and "5/5m/key" per address, avoided here by a new address on each attempt).
"""

import pytest
from allauth.account.adapter import get_adapter
from allauth.core.internal.ratelimit import get_ip
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from academy.client_ip import client_ip

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.1"
PER_IP_LIMIT = 20


def failed_login(n, forwarded_for):
    client = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded_for)
    response = client.post(
        reverse("account_login"), {"login": f"nobody{n}@example.com", "password": "wrong"}
    )
    return response.status_code


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()  # allauth counts attempts in the cache
    yield
    cache.clear()


def test_allauth_asks_the_site_rule(rf, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    request = rf.post("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="1.1.1.1, 198.51.100.7")
    assert get_adapter(request).get_client_ip(request) == "198.51.100.7" == client_ip(request)
    assert get_ip(request) == "198.51.100.7"
    settings.TRUSTED_PROXY_COUNT = 0
    assert get_adapter(request).get_client_ip(request) == PROXY


def test_behind_one_proxy_each_client_has_its_own_bucket(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    first = [failed_login(n, "203.0.113.5, 198.51.100.1") for n in range(PER_IP_LIMIT + 1)]
    assert first[:PER_IP_LIMIT] == [200] * PER_IP_LIMIT
    assert first[PER_IP_LIMIT] == 429  # the first client is throttled...
    # ...and the second one, through the same proxy, is not.
    assert failed_login(100, "198.51.100.2") == 200
    # Whatever the first client writes further left, its last hop is what counts.
    assert failed_login(101, "192.0.2.99, 198.51.100.1") == 429


def test_without_trusted_proxies_a_forged_header_changes_nothing(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    statuses = [failed_login(n, f"198.51.100.{n + 1}") for n in range(PER_IP_LIMIT + 1)]
    assert statuses[:PER_IP_LIMIT] == [200] * PER_IP_LIMIT
    assert statuses[PER_IP_LIMIT] == 429  # one bucket: REMOTE_ADDR's
    assert failed_login(200, "203.0.113.200") == 429
