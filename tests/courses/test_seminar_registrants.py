"""Staff see and export each seminar's registrants in the Wagtail admin."""

import pytest
from django.urls import reverse

from courses.models import SeminarRegistration
from tests.conftest import client_for
from tests.factories import SeminarPageFactory, SeminarRegistrationFactory, UserFactory

pytestmark = pytest.mark.django_db

Status = SeminarRegistration.Status


def test_staff_see_and_export_the_registrants(staff):
    seminar = SeminarPageFactory()
    SeminarRegistrationFactory(seminar=seminar, name="佐藤 花子", company="=HYPERLINK()")
    SeminarRegistrationFactory(seminar=seminar, name="田中 健太", status=Status.WAITLISTED)
    page = staff.get(reverse("courses_admin:seminar_registrants", args=[seminar.pk]))
    assert page.status_code == 200
    assert "佐藤 花子" in page.content.decode()
    response = staff.get(reverse("courses_admin:seminar_registrants_csv", args=[seminar.pk]))
    assert response.status_code == 200
    content = b"".join(response.streaming_content).decode("utf-8")
    assert content.startswith("\ufeff")
    assert "佐藤 花子" in content and "田中 健太" in content
    assert "'=HYPERLINK()" in content
    assert "attachment" in response["Content-Disposition"]


def test_registrants_are_not_for_others(anonymous):
    seminar = SeminarPageFactory()
    SeminarRegistrationFactory(seminar=seminar)
    url = reverse("courses_admin:seminar_registrants_csv", args=[seminar.pk])
    assert anonymous.get(url).status_code == 302  # to the sign-in page
    signed_in = client_for(UserFactory())
    assert signed_in.get(url).status_code in (302, 403)
    assert staff_only_listing_button_shows_for(seminar)


def staff_only_listing_button_shows_for(seminar):
    from courses.admin import RegistrantsMenuItem
    from tests.factories import StaffFactory

    return RegistrantsMenuItem(page=seminar).is_shown(StaffFactory()) and not RegistrantsMenuItem(
        page=seminar
    ).is_shown(UserFactory())


def test_the_admin_links_each_seminar_to_its_registrants(staff):
    seminar = SeminarPageFactory()
    url = reverse("courses_admin:seminar_registrants", args=[seminar.pk])
    explorer = staff.get(reverse("wagtailadmin_explore", args=[seminar.get_parent().pk]))
    assert explorer.status_code == 200
    assert url in explorer.content.decode()
    edit = staff.get(reverse("wagtailadmin_pages:edit", args=[seminar.pk]))
    assert edit.status_code == 200
    assert url in edit.content.decode()
    index_edit = staff.get(reverse("wagtailadmin_pages:edit", args=[seminar.get_parent().pk]))
    assert index_edit.status_code == 200
    assert "/registrants/" not in index_edit.content.decode()
