"""Invitations: one person from the admin, the single-use 14-day link, re-invite, accept."""

import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from cohorts.models import Invitation, Membership
from cohorts.services import invitations as services
from tests.conftest import client_for
from tests.factories import CohortFactory, MembershipFactory, StaffFactory, UserFactory

NEW_PASSWORD = "Kyoto-Succession-2026"


def link_in(message):
    match = re.search(r"(/invitations/[^/\s]+/)", message.body)
    assert match, message.body
    return match.group(1)


@pytest.fixture(autouse=True)
def _english():
    """Messages checked outside a request read in English; requests keep the site's Japanese."""
    with translation.override("en"):
        yield


@pytest.fixture
def cohort(db):
    return CohortFactory(name="2026 第1期")


def invite(cohort, django_capture_on_commit_callbacks, **kwargs):
    params = {"email": "new.person@example.com", "name": "新人 太郎", "role": "trainee"}
    params.update(kwargs)
    with django_capture_on_commit_callbacks(execute=True):
        return services.invite(cohort=cohort, **params)


def test_invite_new_person_creates_account_without_password_and_sends_link(
    cohort, django_capture_on_commit_callbacks
):
    membership = invite(cohort, django_capture_on_commit_callbacks)
    user = membership.user
    assert user.email == "new.person@example.com"
    assert not user.has_usable_password()
    assert membership.role == Membership.Role.TRAINEE and membership.is_active
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["new.person@example.com"]
    assert "2026 第1期" in message.subject
    token = link_in(message).split("/")[2]
    invitation = Invitation.objects.get(membership=membership)
    assert invitation.token_hash != token  # only the hash is stored
    assert Invitation.objects.by_token(token) == invitation
    assert invitation.expires_at - invitation.created_at == timedelta(days=14)


def test_invitation_email_is_in_the_recipients_language(cohort, django_capture_on_commit_callbacks):
    with time_machine.travel(datetime(2026, 12, 1, 12, 0, tzinfo=UTC), tick=False):
        invite(cohort, django_capture_on_commit_callbacks, email="en@example.com", language="en")
        invite(cohort, django_capture_on_commit_callbacks, email="ja@example.com", language="ja")
    english, japanese = mail.outbox
    assert "Invitation to" in english.subject
    assert "expires on Tue 15 Dec 2026" in english.body  # 14 days, with the weekday
    assert "招待" in japanese.subject
    assert "2026年12月15日（火）" in japanese.body


def test_accept_sets_password_signs_in_and_lands_on_dashboard(
    cohort, client, django_capture_on_commit_callbacks
):
    membership = invite(cohort, django_capture_on_commit_callbacks)
    link = link_in(mail.outbox[0])
    assert client.get(link).status_code == 200
    response = client.post(link, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.status_code == 302
    assert response.url == reverse("cohorts:dashboard")
    user = get_user_model().objects.get(pk=membership.user.pk)
    assert user.check_password(NEW_PASSWORD)
    assert user.emailaddress_set.get(email=user.email).verified
    dashboard = client.get(reverse("cohorts:dashboard"))
    assert dashboard.status_code == 200
    assert dashboard.wsgi_request.user == user
    assert "2026 第1期" in dashboard.content.decode()


def test_weak_password_is_refused_and_nothing_changes(
    cohort, client, django_capture_on_commit_callbacks
):
    membership = invite(cohort, django_capture_on_commit_callbacks)
    link = link_in(mail.outbox[0])
    response = client.post(link, {"new_password1": "12345678", "new_password2": "12345678"})
    assert response.status_code == 200
    assert response.context["form"].errors
    membership.user.refresh_from_db()
    assert not membership.user.has_usable_password()
    assert Invitation.objects.get(membership=membership).used_at is None
    mismatch = client.post(link, {"new_password1": NEW_PASSWORD, "new_password2": "other-Pass-99"})
    assert "new_password2" in mismatch.context["form"].errors


def test_link_works_only_once(cohort, client, django_capture_on_commit_callbacks):
    invite(cohort, django_capture_on_commit_callbacks)
    link = link_in(mail.outbox[0])
    client.post(link, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    other = client_for(None)
    assert other.get(link).status_code == 404
    again = other.post(
        link, {"new_password1": "Another-Pass-2026", "new_password2": "Another-Pass-2026"}
    )
    assert again.status_code == 404
    user = get_user_model().objects.get(email="new.person@example.com")
    assert user.check_password(NEW_PASSWORD)


def test_link_expires_after_14_days(cohort, client, django_capture_on_commit_callbacks):
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        membership = invite(cohort, django_capture_on_commit_callbacks)
        link = link_in(mail.outbox[0])
        traveller.shift(timedelta(days=13, hours=23))
        assert client.get(link).status_code == 200
        traveller.shift(timedelta(hours=2))
        assert client.get(link).status_code == 404
        response = client.post(link, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
        assert response.status_code == 404
        assert Invitation.objects.get(membership=membership).state == Invitation.State.EXPIRED
    membership.user.refresh_from_db()
    assert not membership.user.has_usable_password()


def test_reinvite_sends_a_new_link_and_voids_the_old(
    cohort, client, django_capture_on_commit_callbacks
):
    membership = invite(cohort, django_capture_on_commit_callbacks)
    old_link = link_in(mail.outbox[0])
    with django_capture_on_commit_callbacks(execute=True):
        services.reinvite(membership)
    new_link = link_in(mail.outbox[1])
    assert new_link != old_link
    assert client.get(old_link).status_code == 404
    assert client.get(new_link).status_code == 200
    states = sorted(i.state for i in Invitation.objects.filter(membership=membership))
    assert states == [Invitation.State.OPEN, Invitation.State.VOIDED]


def test_deactivated_membership_link_stops_working(
    cohort, client, django_capture_on_commit_callbacks
):
    membership = invite(cohort, django_capture_on_commit_callbacks)
    link = link_in(mail.outbox[0])
    Membership.objects.filter(pk=membership.pk).update(is_active=False)
    assert client.get(link).status_code == 404


def test_existing_account_is_added_without_a_new_account(
    cohort, django_capture_on_commit_callbacks
):
    person = UserFactory(email="known@example.com")
    users_before = get_user_model().objects.count()
    membership = invite(
        cohort, django_capture_on_commit_callbacks, email="Known@Example.com", name=""
    )
    assert membership.user == person
    assert get_user_model().objects.count() == users_before
    assert not Invitation.objects.filter(membership=membership).exists()
    assert len(mail.outbox) == 1
    assert "/dashboard/" in mail.outbox[0].body
    assert person.check_password("correct-horse-battery")


def test_invite_pairs_mentors_of_the_same_cohort_only(cohort, django_capture_on_commit_callbacks):
    mentor = MembershipFactory(cohort=cohort, role="mentor")
    elsewhere = MembershipFactory(role="mentor")
    membership = invite(cohort, django_capture_on_commit_callbacks, mentors=[mentor])
    assert list(membership.mentors.all()) == [mentor]
    with pytest.raises(Exception, match="not a mentor of this cohort"):
        invite(
            cohort, django_capture_on_commit_callbacks, email="b@example.com", mentors=[elsewhere]
        )
    assert not get_user_model().objects.filter(email="b@example.com").exists()


def test_admin_invite_form_round(cohort, django_capture_on_commit_callbacks):
    staff = client_for(StaffFactory())
    mentor = MembershipFactory(cohort=cohort, role="mentor")
    url = reverse("cohorts_admin:invite")
    assert staff.get(url).status_code == 200
    data = {
        "cohort": cohort.pk,
        "email": "admin.invited@example.com",
        "name": "管理 招待",
        "role": "trainee",
        "mentors": [mentor.pk],
        "language": "ja",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = staff.post(url, data)
    assert response.status_code == 302
    membership = Membership.objects.get(user__email="admin.invited@example.com")
    assert list(membership.mentors.all()) == [mentor]
    assert len(mail.outbox) == 1
    # The same person again: a clear message, nothing changes.
    again = staff.post(url, data)
    assert again.status_code == 200
    assert "email" in again.context["form"].errors
    assert Membership.objects.filter(user__email="admin.invited@example.com").count() == 1


def test_admin_invite_refuses_mentor_of_another_cohort(cohort):
    staff = client_for(StaffFactory())
    elsewhere = MembershipFactory(role="mentor")
    response = staff.post(
        reverse("cohorts_admin:invite"),
        {
            "cohort": cohort.pk,
            "email": "x@example.com",
            "name": "X",
            "role": "trainee",
            "mentors": [elsewhere.pk],
            "language": "ja",
        },
    )
    assert response.status_code == 200
    assert "mentors" in response.context["form"].errors
    assert not get_user_model().objects.filter(email="x@example.com").exists()


def test_admin_reinvite_needs_post(cohort, django_capture_on_commit_callbacks):
    staff = client_for(StaffFactory())
    membership = invite(cohort, django_capture_on_commit_callbacks)
    url = reverse("cohorts_admin:reinvite", args=[membership.pk])
    assert staff.get(url).status_code == 200
    assert Invitation.objects.filter(membership=membership).count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert staff.post(url).status_code == 302
    assert Invitation.objects.filter(membership=membership).count() == 2
    assert len(mail.outbox) == 2


def test_whole_round_from_roster_to_dashboard(cohort, django_capture_on_commit_callbacks):
    """Staff upload a roster, confirm; a new mentor and trainee accept and see each other."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    staff = client_for(StaffFactory())
    csv = (
        "メールアドレス,氏名,役割,担当メンター\r\n"
        "round.mentor@example.com,担当 先生,メンター,\r\n"
        "round.trainee@example.com,新人 花子,受講生,round.mentor@example.com\r\n"
    ).encode("cp932")
    url = reverse("cohorts_admin:roster_import")
    preview = staff.post(url, {"cohort": cohort.pk, "file": SimpleUploadedFile("r.csv", csv)})
    with django_capture_on_commit_callbacks(execute=True):
        staff.post(url, {"payload": preview.context["payload"]})
    links = {message.to[0]: link_in(message) for message in mail.outbox}
    trainee, mentor = client_for(None), client_for(None)
    for client, email in (
        (trainee, "round.trainee@example.com"),
        (mentor, "round.mentor@example.com"),
    ):
        response = client.post(
            links[email], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
        )
        assert response.status_code == 302
    assert "担当 先生" in trainee.get(reverse("cohorts:dashboard")).content.decode()
    assert "新人 花子" in mentor.get(reverse("cohorts:dashboard")).content.decode()


def test_link_page_speaks_the_invitees_language_unless_the_visitor_chose_one(
    cohort, django_capture_on_commit_callbacks
):
    from django.conf import settings

    invite(cohort, django_capture_on_commit_callbacks, email="en@example.com", language="en")
    link = link_in(mail.outbox[0])
    page = client_for(None).get(link)
    assert page["Content-Language"] == "en"
    assert "Set your password" in page.content.decode()
    chose = client_for(None)
    chose.cookies[settings.LANGUAGE_COOKIE_NAME] = "ja"
    japanese = chose.get(link)
    assert japanese["Content-Language"] == "ja"
    assert "Set your password" not in japanese.content.decode()
    weak = client_for(None).post(link, {"new_password1": "123", "new_password2": "123"})
    assert "Set your password" in weak.content.decode()  # the form's errors too
    done = client_for(None)
    done.post(link, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    dashboard = done.get(reverse("cohorts:dashboard"))
    assert "Welcome! Your password is set" in dashboard.content.decode()
