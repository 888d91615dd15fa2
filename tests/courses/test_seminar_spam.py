"""Spam resistance for seminar registration: honeypot and a per-client-IP rate limit."""

import pytest
from django.core import mail
from django.urls import reverse

from academy.client_ip import client_ip
from courses.models import SeminarRegistration
from tests.factories import SeminarPageFactory
from tests.registration_helpers import form_data, register

pytestmark = pytest.mark.django_db


def test_the_honeypot_turns_bots_away(anonymous):
    seminar = SeminarPageFactory()
    response = register(anonymous, seminar, website="http://spam.example.com")
    assert response.status_code == 400
    assert SeminarRegistration.objects.count() == 0
    assert mail.outbox == []


@pytest.fixture
def small_limit(settings):
    settings.SEMINAR_REGISTRATION_RATE_LIMIT = (3, 3600)
    return 3


def test_the_rate_limit_stops_a_client_ip(anonymous, small_limit):
    seminar = SeminarPageFactory()
    for n in range(small_limit):
        assert register(anonymous, seminar, email=f"r{n}@example.com").status_code == 302
    response = register(anonymous, seminar, email="late@example.com")
    assert response.status_code == 429
    assert SeminarRegistration.objects.count() == small_limit


def test_a_forged_forwarded_header_does_not_reset_the_limit(anonymous, small_limit, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    seminar = SeminarPageFactory()
    for n in range(small_limit + 2):
        response = anonymous.post(
            reverse("courses:seminar_register", args=[seminar.pk]),
            form_data(email=f"f{n}@example.com"),
            HTTP_X_FORWARDED_FOR=f"203.0.113.{n}",
        )
    assert response.status_code == 429
    assert SeminarRegistration.objects.count() == small_limit


def test_behind_a_trusted_proxy_the_limit_follows_the_real_client(anonymous, small_limit, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    seminar = SeminarPageFactory()
    url = reverse("courses:seminar_register", args=[seminar.pk])
    for n in range(small_limit + 1):  # one client forging a different left-most hop each time
        response = anonymous.post(
            url,
            form_data(email=f"a{n}@example.com"),
            HTTP_X_FORWARDED_FOR=f"10.9.9.{n}, 198.51.100.7",
        )
    assert response.status_code == 429
    other = anonymous.post(
        url, form_data(email="b@example.com"), HTTP_X_FORWARDED_FOR="198.51.100.8"
    )
    assert other.status_code == 302


def test_client_ip_trusts_only_configured_proxies(rf, settings):
    request = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="1.1.1.1, 2.2.2.2")
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(request) == "10.0.0.1"
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(request) == "2.2.2.2"
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_ip(request) == "1.1.1.1"
    settings.TRUSTED_PROXY_COUNT = 3
    assert client_ip(request) == "10.0.0.1"  # fewer hops than proxies: header not ours
    garbage = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="not-an-ip")
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(garbage) == "10.0.0.1"
