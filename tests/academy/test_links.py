"""academy.links: absolute URLs come from the configured site URL, never from a request."""

import copy
from pathlib import Path

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse

from academy.links import absolute_reverse, absolute_url, site_url
from academy.mail import send_email
from courses.emails import registration_url
from tests.factories import SeminarRegistrationFactory

TEST_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
SITE = "https://academy.example.jp"


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("/seminars/x/", f"{SITE}/seminars/x/"),
        ("seminars/x/", f"{SITE}/seminars/x/"),
        ("", f"{SITE}/"),
        (None, f"{SITE}/"),
        ("https://other.example.com/a", "https://other.example.com/a"),
    ],
)
@pytest.mark.parametrize("configured", [SITE, SITE + "/"])
def test_absolute_url(settings, configured, given, expected):
    settings.WAGTAILADMIN_BASE_URL = configured
    assert absolute_url(given) == expected


@pytest.mark.parametrize("configured", [SITE, SITE + "/"])
def test_site_url_has_no_trailing_slash(settings, configured):
    settings.WAGTAILADMIN_BASE_URL = configured
    assert site_url() == SITE


@override_settings(WAGTAILADMIN_BASE_URL=SITE + "/")
def test_absolute_reverse_takes_positional_and_keyword_arguments():
    path = reverse("courses:registration_detail", args=["abc123"])
    assert absolute_reverse("courses:registration_detail", "abc123") == SITE + path
    assert absolute_reverse("courses:registration_detail", token="abc123") == SITE + path
    assert absolute_reverse("account_login") == SITE + reverse("account_login")


@pytest.mark.django_db
@override_settings(WAGTAILADMIN_BASE_URL=SITE + "/")
def test_registration_url_is_the_absolute_secret_link():
    registration = SeminarRegistrationFactory()
    assert registration_url(registration) == SITE + reverse(
        "courses:registration_detail", args=[registration.token]
    )


@pytest.fixture
def test_templates(settings):
    templates = copy.deepcopy(settings.TEMPLATES)
    templates[0]["DIRS"] = [*templates[0]["DIRS"], TEST_TEMPLATES]
    settings.TEMPLATES = templates


@pytest.mark.django_db  # a queued e-mail is an outbox row
def test_mail_links_to_the_configured_site_without_a_double_slash(settings, test_templates):
    settings.WAGTAILADMIN_BASE_URL = SITE + "/"
    send_email("someone@example.com", "academy/email/test_message", {"name": "x"}, language="en")
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert f"{SITE}/seminars/" in body
    assert f"{SITE}//" not in body
