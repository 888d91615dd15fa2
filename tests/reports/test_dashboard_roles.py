"""The dashboard each role lands on, the header link, and staff's membership admin form."""

from django.urls import reverse

from cohorts.forms import MembershipAdminForm
from cohorts.models import Membership
from tests.factories import MembershipFactory


def page(client):
    response = client.get(reverse("cohorts:dashboard"))
    assert response.status_code == 200
    return response.content.decode()


def test_anonymous_is_sent_to_sign_in(anonymous):
    response = anonymous.get(reverse("cohorts:dashboard"))
    assert response.status_code == 302
    assert reverse("account_login") in response.url


def test_trainee_sees_cohort_course_and_own_mentor(trainee, world):
    body = page(trainee)
    assert "2026 第1期" in body
    assert world.course.title in body
    assert "メンター 一郎" in body
    assert "メンター 二郎" not in body
    assert "受講生 次郎" not in body


def test_mentor_sees_only_paired_trainees(mentor):
    body = page(mentor)
    assert "受講生 花子" in body
    assert "受講生 次郎" not in body
    assert "受講生 三郎" not in body


def test_staff_sees_cohorts_overview(world, django_assert_max_num_queries):
    from tests.conftest import client_for

    staff = client_for(world.users["staff"])
    with django_assert_max_num_queries(12):
        body = page(staff)
    assert "2026 第1期" in body and "2026 実践1期" in body


def test_dashboard_queries_do_not_grow_with_trainees(world, django_assert_max_num_queries):
    from tests.conftest import client_for

    for _ in range(10):
        MembershipFactory(cohort=world.cohort, mentors=[world.memberships["mentor"]])
    mentor = client_for(world.users["mentor"])
    with django_assert_max_num_queries(18):
        page(mentor)


def test_header_link_and_role(trainee):
    body = page(trainee)
    assert f'href="{reverse("cohorts:dashboard")}"' in body


def test_dashboard_is_get_only(trainee):
    assert trainee.post(reverse("cohorts:dashboard")).status_code == 405


def test_membership_admin_form_limits_mentors_to_the_same_cohort(world):
    trainee = world.memberships["trainee"]
    elsewhere = MembershipFactory(cohort=world.other_cohort, role="mentor")
    form = MembershipAdminForm(
        instance=trainee,
        data={
            "user": trainee.user.pk,
            "cohort": trainee.cohort.pk,
            "role": "trainee",
            "is_active": "on",
            "mentors": [elsewhere.pk],
        },
    )
    assert not form.is_valid()
    assert "mentors" in form.errors
    ok = MembershipAdminForm(
        instance=trainee,
        data={
            "user": trainee.user.pk,
            "cohort": trainee.cohort.pk,
            "role": "trainee",
            "is_active": "on",
            "mentors": [world.memberships["other_mentor"].pk],
        },
    )
    assert ok.is_valid(), ok.errors
    ok.save()
    assert list(trainee.mentors.all()) == [world.memberships["other_mentor"]]


def test_membership_admin_form_refuses_demoting_a_paired_mentor(world):
    mentor = world.memberships["mentor"]
    form = MembershipAdminForm(
        instance=mentor,
        data={"user": mentor.user.pk, "cohort": mentor.cohort.pk, "role": "trainee"},
    )
    assert not form.is_valid()
    assert Membership.objects.get(pk=mentor.pk).role == "mentor"


def test_membership_admin_listing_filters(world):
    from tests.conftest import client_for

    staff = client_for(world.users["staff"])
    url = reverse("cohorts_membership:index")
    response = staff.get(url, {"cohort": world.other_cohort.pk})
    assert response.status_code == 200
    body = response.content.decode()
    assert "w-trainee3@example.com" in body
    assert "w-trainee@example.com" not in body
    search = staff.get(url, {"q": "w-mentor2"})
    assert "w-mentor2@example.com" in search.content.decode()
    assert "w-trainee2@example.com" not in search.content.decode()


def test_cohort_admin_listing_counts_active_members(world):
    from tests.conftest import client_for

    Membership.objects.filter(pk=world.memberships["other_trainee"].pk).update(is_active=False)
    staff = client_for(world.users["staff"])
    response = staff.get(reverse("cohorts_cohort:index"))
    assert response.status_code == 200
    rows = {c.name: c for c in response.context["object_list"]}
    assert rows["2026 第1期"].trainee_count == 1
    assert rows["2026 第1期"].mentor_count == 2
    assert rows["2026 実践1期"].trainee_count == 1


def test_membership_admin_filter_by_invitation_state(world):
    from cohorts.services import invitations as services
    from tests.conftest import client_for
    from tests.factories import UserFactory

    pending = UserFactory(email="pending@example.com")
    pending.set_unusable_password()
    pending.save(update_fields=["password"])
    membership = Membership.objects.create(user=pending, cohort=world.cohort, role="trainee")
    services.send_invitation(membership)
    staff = client_for(world.users["staff"])
    url = reverse("cohorts_membership:index")
    waiting = staff.get(url, {"invitation": "open"}).context["object_list"]
    assert [m.user.email for m in waiting] == ["pending@example.com"]
    never = staff.get(url, {"invitation": "none"}).context["object_list"]
    assert "pending@example.com" not in {m.user.email for m in never}
    assert len(never) == 5


def test_membership_admin_add_view_pairs_and_validates(world):
    from tests.conftest import client_for
    from tests.factories import UserFactory

    staff = client_for(world.users["staff"])
    url = reverse("cohorts_membership:add")
    assert staff.get(url).status_code == 200
    person = UserFactory(email="added.in.admin@example.com")
    data = {
        "user": person.pk,
        "cohort": world.cohort.pk,
        "role": "trainee",
        "is_active": "on",
        "mentors": [world.memberships["mentor"].pk],
    }
    assert staff.post(url, data).status_code == 302
    added = Membership.objects.get(user=person)
    assert list(added.mentors.all()) == [world.memberships["mentor"]]
    again = staff.post(url, data)  # the same person twice in one cohort
    assert again.status_code == 200
    assert Membership.objects.filter(user=person).count() == 1


def test_cohort_admin_labels_the_cohort_name_as_a_name_not_a_persons_name(world):
    """ "name" is 氏名 (a person's name) elsewhere; a cohort's name reads 期の名称."""
    import re

    from django.utils import translation

    from tests.conftest import client_for

    staff = client_for(world.users["staff"])
    with translation.override("ja"):
        body = staff.get(reverse("cohorts_cohort:edit", args=[world.cohort.pk])).content.decode()
        listing = staff.get(reverse("cohorts_cohort:index")).content.decode()
    label = re.search(r'<label[^>]*for="id_name"[^>]*>\s*([^<]+?)\s*<', body)
    assert label and label.group(1) == "期の名称"
    assert "期の名称" in listing
    with translation.override("ja"):
        members = staff.get(reverse("cohorts_membership:index")).content.decode()
    assert "氏名" in members
    assert "受講者" not in members  # the column lists mentors too


def test_deactivating_in_the_admin_removes_access_at_once(world):
    """Staff untick "active" in the Wagtail admin; the trainee's open session loses the lesson
    (404) and the cohort on the next request, and the mentor no longer lists them."""
    from tests.conftest import client_for

    membership = world.memberships["trainee"]
    trainee = client_for(world.users["trainee"])
    mentor = client_for(world.users["mentor"])
    assert trainee.get(world.lesson.url).status_code == 200
    assert "2026 第1期" in page(trainee)
    assert "受講生 花子" in page(mentor)
    staff = client_for(world.users["staff"])
    response = staff.post(
        reverse("cohorts_membership:edit", args=[membership.pk]),
        {
            "user": membership.user.pk,
            "cohort": membership.cohort.pk,
            "role": "trainee",
            "mentors": [world.memberships["mentor"].pk],
        },  # "is_active" left out: unticked
    )
    assert response.status_code == 302
    assert not Membership.objects.get(pk=membership.pk).is_active
    assert trainee.get(world.lesson.url).status_code == 404
    assert "2026 第1期" not in page(trainee)
    assert "受講生 花子" not in page(mentor)


def test_cohort_admin_refuses_an_end_before_the_start_and_the_course_is_protected(world):
    import pytest
    from django.db.models import ProtectedError

    from cohorts.models import Cohort
    from tests.conftest import client_for

    staff = client_for(world.users["staff"])
    before = Cohort.objects.count()
    response = staff.post(
        reverse("cohorts_cohort:add"),
        {
            "course": world.course.pk,
            "name": "2027 第1期",
            "starts_on": "2027-04-01",
            "ends_on": "2027-03-31",
            "status": "planned",
        },
    )
    assert response.status_code == 200
    assert "ends_on" in response.context["form"].errors
    assert Cohort.objects.count() == before
    with pytest.raises(ProtectedError):
        world.course.delete()
