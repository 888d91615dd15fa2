"""A roster saved from a page opened before someone else recorded a trainee (a self check-in,
another mentor's roster) does not overwrite that record: the page says who changed, shows
the record as it is now, keeps the rest of what was chosen, and saving again goes through."""

import pytest
from django.urls import reverse

from cohorts.attendance.models import Attendance
from cohorts.attendance.services.checkin import check_in
from tests.attendance.factories import AttendanceFactory, SessionFactory, soon
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def url(session):
    return reverse("attendance:roster", args=[session.pk])


def posted(page):
    """What the roster form, as loaded, posts back unchanged."""
    form = page.context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    data.pop("base", None)
    data["base"] = form["base"].value()
    return data


def test_a_check_in_after_the_page_was_opened_is_not_overwritten(world):
    session = SessionFactory(cohort=world.cohort, starts_at=soon(-20))  # checking in: late
    trainee, other = world.memberships["trainee"], world.memberships["other_trainee"]
    staff = client_for(world.users["staff"])
    data = posted(staff.get(url(session)))
    record, _created = check_in(user=trainee.user, session=session, code="123456")
    assert record.status == "late"
    data[f"status_{other.pk}"] = "absent"

    response = staff.post(url(session), data)

    assert response.status_code == 409
    assert Attendance.objects.get(membership=trainee).status == "late"
    assert not Attendance.objects.filter(membership=other).exists()  # nothing saved
    assert "受講生 花子" in response.content.decode()
    form = response.context["form"]
    assert form[f"status_{other.pk}"].value() == "absent"  # kept
    # saved again from the page as shown: the other trainee's choice goes through
    again = {name: form[name].value() or "" for name in form.fields}
    assert staff.post(url(session), again).status_code == 302
    assert Attendance.objects.get(membership=other).status == "absent"
    assert Attendance.objects.get(membership=trainee).status == "late"


def test_another_mentors_save_in_between_is_not_overwritten(world):
    session = SessionFactory(cohort=world.cohort)
    trainee = world.memberships["trainee"]
    record = AttendanceFactory(session=session, membership=trainee, status="present")
    mentor, staff = client_for(world.users["mentor"]), client_for(world.users["staff"])
    stale = posted(mentor.get(url(session)))
    fresh = posted(staff.get(url(session)))
    fresh[f"status_{trainee.pk}"] = "excused"
    assert staff.post(url(session), fresh).status_code == 302
    stale[f"status_{trainee.pk}"] = "late"

    assert mentor.post(url(session), stale).status_code == 409
    record.refresh_from_db()
    assert record.status == "excused"
