"""Seminar-registration links with a malformed token, and unpublished seminars: 404, never 500
or 410 (which would say the seminar exists). Runs on PostgreSQL too, where a NUL byte in a
query parameter is an error."""

import pytest
from django.urls import NoReverseMatch, reverse

from courses.models import SeminarRegistration
from tests.factories import SeminarPageFactory, SeminarRegistrationFactory
from tests.registration_helpers import register

pytestmark = pytest.mark.django_db

BAD_TOKENS = ["%00", "abc%00def", "%E3%81%82", "a.b", "x" * 65, "%20", "a%0Ab"]


@pytest.mark.parametrize("token", BAD_TOKENS)
@pytest.mark.parametrize(
    ("suffix", "method"), [("", "get"), ("calendar.ics", "get"), ("cancel/", "post")]
)
def test_a_malformed_token_is_404(anonymous, token, suffix, method):
    response = getattr(anonymous, method)(f"/seminar-registration/{token}/{suffix}")
    assert response.status_code == 404


def test_a_real_token_still_works(anonymous):
    registration = SeminarRegistrationFactory()
    url = reverse("courses:registration_detail", args=[registration.token])
    assert anonymous.get(url).status_code == 200


def test_reverse_refuses_a_malformed_token():
    with pytest.raises(NoReverseMatch):
        reverse("courses:registration_detail", args=["a\x00b"])


def test_an_unpublished_seminar_id_is_404_not_410(anonymous):
    seminar = SeminarPageFactory()
    seminar.unpublish()
    assert register(anonymous, seminar).status_code == 404
    assert SeminarRegistration.objects.count() == 0
