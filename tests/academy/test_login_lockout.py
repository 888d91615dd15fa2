"""The sign-in limits count what they mean to count, whatever the request says about itself.

- The per-account lockout ("5/5m/key" on failed logins) counts per e-mail address: a Host
  header with another port or a trailing dot does not start a fresh count.
- Behind a proxy (settings.TRUSTED_PROXY_COUNT = 1) every visitor has their own per-IP bucket
  (academy.client_ip is allauth's rule too): 20 people mistyping once do not lock out
  others, and 40 people signing in within a minute all get in.
"""

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.1"
PER_ACCOUNT_LIMIT = 5


def sign_in(email, password, *, host="testserver", forwarded_for=None):
    extra = {"HTTP_HOST": host}
    if forwarded_for:
        extra.update(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded_for)
    client = Client(**extra)
    response = client.post(reverse("account_login"), {"login": email, "password": password})
    return response.status_code, client


@pytest.mark.parametrize(
    "hosts",
    [
        ["testserver:8000", "testserver:8001", "testserver:8002"],
        ["testserver.", "testserver:443", "TESTSERVER"],
    ],
)
def test_the_lockout_counts_per_account_whatever_the_host(hosts):
    user = UserFactory()
    statuses = []
    for attempt in range(PER_ACCOUNT_LIMIT * 2):
        status, _client = sign_in(user.email, "wrong", host=hosts[attempt % len(hosts)])
        statuses.append(status)
    assert statuses[:PER_ACCOUNT_LIMIT] == [200] * PER_ACCOUNT_LIMIT
    assert set(statuses[PER_ACCOUNT_LIMIT:]) == {429}
    # Even the right password waits now, from any host spelling.
    for host in hosts:
        status, client = sign_in(user.email, PASSWORD, host=host)
        assert status == 429
        assert "_auth_user_id" not in client.session


def test_the_lockout_does_not_depend_on_the_case_of_the_address():
    user = UserFactory(email="yamada@example.com")
    for attempt in range(PER_ACCOUNT_LIMIT):
        login = "YAMADA@example.com" if attempt % 2 else "yamada@example.com"
        assert sign_in(login, "wrong")[0] == 200
    assert sign_in(user.email, "wrong")[0] == 429


def test_behind_a_proxy_twenty_people_mistyping_lock_out_nobody_else(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    others = [UserFactory() for _ in range(20)]
    trainee, office = UserFactory(), UserFactory(is_staff=True)
    for n, person in enumerate(others):
        status, _client = sign_in(person.email, "typo", forwarded_for=f"198.51.100.{n + 1}")
        assert status == 200
    for n, person in enumerate([trainee, office]):
        status, client = sign_in(person.email, PASSWORD, forwarded_for=f"203.0.113.{n + 1}")
        assert status == 302
        assert client.session["_auth_user_id"] == str(person.pk)


def test_behind_a_proxy_forty_people_sign_in_within_a_minute(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    people = [UserFactory() for _ in range(40)]
    for n, person in enumerate(people):
        status, client = sign_in(person.email, PASSWORD, forwarded_for=f"198.51.100.{n + 1}")
        assert status == 302, f"sign-in {n + 1} answered {status}"
        assert client.session["_auth_user_id"] == str(person.pk)


def test_behind_a_proxy_one_client_is_still_limited(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    people = [UserFactory() for _ in range(21)]
    statuses = [
        sign_in(person.email, "typo", forwarded_for="192.0.2.7, 198.51.100.9")[0]
        for person in people
    ]
    assert statuses[:20] == [200] * 20
    assert statuses[20] == 429


def test_allauth_and_the_project_read_one_proxy_setting(settings):
    from allauth import app_settings as allauth_settings

    assert settings.ALLAUTH_TRUSTED_PROXY_COUNT == settings.TRUSTED_PROXY_COUNT
    assert allauth_settings.TRUSTED_PROXY_COUNT == settings.TRUSTED_PROXY_COUNT
