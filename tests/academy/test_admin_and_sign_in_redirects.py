"""Where a link leads someone who may not (yet) open it.

- /admin/… for a signed-in trainee or mentor: no loop through the sign-in page, but a clear,
  translated "not for you" page (403) with a way to the dashboard.
- A signed-out person opening a lesson link: the sign-in page, then the lesson.
- A signed-in person with no access to a lesson: still 404.
"""

import pytest
from django.test import Client
from django.urls import reverse

from tests.conftest import client_for
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def follow_redirects(client, url, limit=5):
    """(final response, [urls visited]) without following more than `limit` redirects."""
    visited = [url]
    response = client.get(url)
    while response.status_code in (301, 302) and len(visited) <= limit:
        url = response["Location"]
        visited.append(url)
        response = client.get(url)
    return response, visited


@pytest.mark.parametrize("role", ["trainee", "mentor"])
@pytest.mark.parametrize("path", ["/admin/", "/admin/pages/", "/admin/login/?next=/admin/"])
def test_admin_for_a_trainee_or_mentor_is_a_clear_page_not_a_loop(world, role, path):
    client = client_for(world.users[role])
    response, visited = follow_redirects(client, path)
    assert response.status_code == 403, visited
    assert len(visited) <= 3
    body = response.content.decode()
    assert "事務局専用" in body
    assert reverse("cohorts:dashboard") in body


def test_admin_for_staff_still_opens(staff):
    assert staff.get("/admin/").status_code == 200


def test_admin_signed_out_goes_to_sign_in_and_back(staff):
    client = Client()
    response, visited = follow_redirects(client, "/admin/pages/")
    assert response.status_code == 200
    assert visited[-1].startswith(reverse("account_login"))
    assert "next=/admin/pages/" in visited[-1]
    response = client.post(
        visited[-1], {"login": staff.user.email, "password": PASSWORD}, follow=False
    )
    assert response.status_code == 302
    assert response["Location"] == "/admin/pages/"


def test_a_signed_out_person_opening_a_lesson_signs_in_then_reads_it(world):
    lesson_url = world.lesson.url
    client = Client()
    response = client.get(lesson_url)
    assert response.status_code == 302
    login_url = response["Location"]
    assert login_url.startswith(reverse("account_login"))
    trainee = world.users["trainee"]
    trainee.set_password(PASSWORD)
    trainee.save()
    response = client.post(login_url, {"login": trainee.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == lesson_url
    assert client.get(lesson_url).status_code == 200


def test_a_signed_in_person_without_access_still_gets_404(world):
    assert client_for(world.users["trainee_other_cohort"]).get(world.lesson.url).status_code == 404
    assert client_for(UserFactory()).get(world.lesson.url).status_code == 404
