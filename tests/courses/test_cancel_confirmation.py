"""Cancelling a seminar seat takes two steps, without JavaScript: a link, then a confirm."""

import pytest
from django.test import Client
from django.urls import reverse

from courses.models import SeminarRegistration
from tests.factories import SeminarPageFactory, SeminarRegistrationFactory

pytestmark = pytest.mark.django_db


def test_the_registration_page_asks_before_cancelling():
    registration = SeminarRegistrationFactory(seminar=SeminarPageFactory())
    url = reverse("courses:registration_detail", args=[registration.token])
    cancel = reverse("courses:registration_cancel", args=[registration.token])
    first = Client().get(url).content.decode()
    assert f'action="{cancel}"' not in first  # no one-click cancel
    assert "?cancel=confirm" in first
    second = Client().get(url + "?cancel=confirm").content.decode()
    assert f'action="{cancel}"' in second
    assert "取り消しはできません" in second and "キャンセルしない" in second
    registration.refresh_from_db()
    assert registration.status == SeminarRegistration.Status.CONFIRMED
    Client().post(cancel)
    registration.refresh_from_db()
    assert registration.status == SeminarRegistration.Status.CANCELLED
