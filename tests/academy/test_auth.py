"""Sign-in: e-mail login through allauth, rate limits, no enumeration, no self sign-up."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client
from django.urls import reverse

from tests.factories import PASSWORD, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db


def login(client, email, password):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def test_login_with_email_and_password():
    user = UserFactory(email="trainee@example.com")
    client = Client()
    response = login(client, "Trainee@Example.com", PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_wrong_password_shows_an_error_and_signs_nobody_in():
    UserFactory(email="trainee@example.com")
    client = Client()
    response = login(client, "trainee@example.com", "wrong-password")
    assert response.status_code == 200
    assert response.context["form"].errors
    assert "_auth_user_id" not in client.session


def test_sixth_wrong_password_within_five_minutes_answers_429():
    UserFactory(email="target@example.com")
    statuses = []
    for attempt in range(6):
        client = Client(REMOTE_ADDR=f"10.0.0.{attempt + 1}")  # different IPs: the per-account limit
        statuses.append(login(client, "target@example.com", "wrong-password").status_code)
    assert statuses[:5] == [200] * 5
    assert statuses[5] == 429


def test_the_429_also_stops_the_right_password():
    UserFactory(email="target@example.com")
    client = Client()
    for _ in range(5):
        login(client, "target@example.com", "wrong-password")
    response = login(client, "target@example.com", PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_unknown_and_known_addresses_fail_alike():
    UserFactory(email="known@example.com")
    known = login(Client(), "known@example.com", "wrong-password")
    unknown = login(Client(), "nobody@example.com", "wrong-password")
    assert known.status_code == unknown.status_code == 200
    assert known.context["form"].errors == unknown.context["form"].errors


def test_password_reset_looks_identical_for_known_and_unknown_addresses():
    UserFactory(email="known@example.com")
    url = reverse("account_reset_password")
    known = Client().post(url, {"email": "known@example.com"})
    unknown = Client().post(url, {"email": "nobody@example.com"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    # The known address gets a reset link; the unknown one is not told anything exists.
    recipients = [m.to[0] for m in mail.outbox]
    assert "known@example.com" in recipients


def test_password_change_ends_other_sessions_and_emails_the_person():
    user = UserFactory(email="trainee@example.com")
    laptop, phone = Client(), Client()
    assert login(laptop, user.email, PASSWORD).status_code == 302
    assert login(phone, user.email, PASSWORD).status_code == 302
    mail.outbox.clear()
    response = laptop.post(
        reverse("account_change_password"),
        {
            "oldpassword": PASSWORD,
            "password1": "a-new-long-pass-2026",
            "password2": "a-new-long-pass-2026",
        },
    )
    assert response.status_code == 302
    assert laptop.get(reverse("account_change_password")).status_code == 200  # still signed in
    assert phone.get(reverse("account_change_password")).status_code == 302  # signed out
    assert any(user.email in m.to for m in mail.outbox)


def test_nobody_can_sign_themselves_up():
    response = Client().post(
        reverse("account_signup"),
        {
            "email": "new@example.com",
            "password1": "a-long-pass-2026",
            "password2": "a-long-pass-2026",
        },
    )
    assert not get_user_model().objects.filter(email="new@example.com").exists()
    assert response.status_code == 200


def test_wagtail_admin_signs_in_through_allauth():
    response = Client().get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    response = Client().get("/admin/", follow=True)  # through /admin/login/ (academy.views)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0].startswith(reverse("account_login"))


def test_staff_reach_the_wagtail_admin_and_others_do_not():
    staff, person = StaffFactory(), UserFactory()
    staff_client, person_client = Client(), Client()
    staff_client.force_login(staff)
    person_client.force_login(person)
    assert staff_client.get("/admin/").status_code == 200
    assert person_client.get("/admin/").status_code in (302, 403)


def test_django_admin_is_not_exposed():
    assert Client().get("/django-admin/").status_code == 404
    staff = Client()
    staff.force_login(StaffFactory())
    assert staff.get("/admin/auth/user/").status_code == 404


def test_users_are_created_with_email_and_no_username():
    user = get_user_model().objects.create_user("Someone@Example.COM", "x-long-pass-2026")
    assert user.email == "someone@example.com"
    assert user.check_password("x-long-pass-2026")
    assert user.username is None
    assert "username" not in {field.name for field in get_user_model()._meta.get_fields()}


def test_a_phone_stays_logged_in_for_the_programme_unless_the_box_is_unticked():
    """The "remember me" box starts ticked; ticked, the login lasts 400 days; unticked, it ends
    when the browser closes (a shared office computer)."""
    user = UserFactory(email="phone@example.com")
    client = Client()
    page = client.get(reverse("account_login")).content.decode()
    assert 'name="remember"' in page and "checked" in page.split('name="remember"')[1][:80]
    client.post(
        reverse("account_login"),
        {"login": user.email, "password": PASSWORD, "remember": "on"},
    )
    assert client.session.get_expiry_age() == 60 * 60 * 24 * 400
    assert not client.session.get_expire_at_browser_close()
    other = Client()
    other.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert other.session.get_expire_at_browser_close()
