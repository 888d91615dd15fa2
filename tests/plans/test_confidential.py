"""Every view of a plan by someone other than the trainee leaves a ConfidentialView row
(who, when, what, which page); the trainee's own reading and refused requests leave none."""

import pytest
from django.urls import reverse

from cohorts.models import ConfidentialView
from cohorts.plans.services.snapshots import submit_plan
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def urls(world, section, plan_assignment):
    membership = world.memberships["trainee"]
    snapshot, _created = submit_plan(membership.user, plan_assignment, membership, key="c")
    return {
        "plan": reverse("plans:plan_detail", args=[membership.pk]),
        "pdf": reverse("plans:plan_pdf", args=[membership.pk]),
        "section": reverse("plans:section_detail", args=[section.pk]),
        "history": reverse("plans:section_history", args=[section.pk]),
        "compare": reverse("plans:section_compare", args=[section.pk]) + "?old=1&new=2",
        "snapshot": reverse("plans:snapshot_detail", args=[snapshot.pk]),
        "snapshot_pdf": reverse("plans:snapshot_pdf", args=[snapshot.pk]),
        "attempt": reverse("coursework:submission_detail", args=[snapshot.submission_id]),
        "review": reverse("review:review_detail", args=[snapshot.submission_id]),
    }


@pytest.mark.parametrize("role", ["mentor", "staff"])
def test_every_page_that_shows_the_plan_is_logged(world, urls, role):
    client = client_for(world.users[role])
    for name, url in urls.items():
        if name == "review" and role == "staff":
            continue  # staff review too, logged the same way; one role is enough here
        before = ConfidentialView.objects.count()
        assert client.get(url).status_code == 200, name
        row = ConfidentialView.objects.order_by("-pk").first()
        assert ConfidentialView.objects.count() == before + 1, name
        assert row.viewer == world.users[role]
        assert row.trainee == world.memberships["trainee"]
        assert row.path == url, name
        assert row.viewer_name


def test_the_trainee_reading_their_own_plan_is_not_logged(world, trainee, urls):
    for name, url in urls.items():
        if name == "review":
            continue
        assert trainee.get(url).status_code == 200, name
    assert not ConfidentialView.objects.exists()


def test_refused_requests_are_not_logged(world, urls):
    for role in ("other_trainee", "other_mentor", "trainee_other_cohort"):
        client = client_for(world.users[role])
        for url in urls.values():
            assert client.get(url).status_code == 404
    assert not ConfidentialView.objects.exists()


def test_what_the_log_names(world, mentor, section):
    mentor.get(reverse("plans:section_detail", args=[section.pk]))
    row = ConfidentialView.objects.get()
    assert row.object_repr == "受講生 花子さんの事業承継計画書"
    assert row.content_type.model == "plan"


def test_staff_read_the_log_on_the_plan_page_and_nobody_else_does(world, mentor, staff, section):
    url = reverse("plans:plan_detail", args=[world.memberships["trainee"].pk])
    mentor.get(reverse("plans:section_detail", args=[section.pk]))
    page = staff.get(url)
    assert [r.viewer_name for r in page.context["readings"]] == ["メンター 一郎"]
    assert "この事業承継計画書を読んだ人" in page.content.decode()
    assert mentor.get(url).context["readings"] == []
