"""Mentors comment on a section, anchored to the version they read; the trainee is e-mailed
once, in their language; the trainee or the commenter resolves (who and when kept)."""

import pytest
from django.core import mail
from django.urls import reverse

from academy.models import AuditEntry, OutgoingEmail
from cohorts.plans.models import SectionComment
from cohorts.plans.services.comments import add_comment, notify_trainee, resolve_comment
from cohorts.plans.services.plans import PlanRefused, save_section
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def comment_url(section):
    return reverse("plans:comment_create", args=[section.pk])


def test_a_mentor_comments_on_the_version_read_and_the_trainee_is_mailed_once(
    world, mentor, section, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = mentor.post(
            comment_url(section), {"body": "数字の根拠を<b>書いて</b>ください。", "version": "1"}
        )
    assert response.status_code == 302
    comment = SectionComment.objects.get()
    assert comment.version.number == 1 and comment.author == world.users["mentor"]
    assert comment.is_open
    (message,) = mail.outbox
    assert message.to == ["w-trainee@example.com"]
    assert "メンター 一郎さんからコメント" in message.subject  # Japanese, the trainee's language
    assert "「会社概要」（第1版）" in message.body
    assert "数字の根拠を<b>書いて</b>ください。" in message.body  # plain text part as typed
    html = message.alternatives[0][0]
    assert "&lt;b&gt;書いて&lt;/b&gt;" in html  # escaped in the HTML part
    assert f"/plans/sections/{section.pk}/" in message.body
    # The same event processed again queues nothing more.
    assert notify_trainee(comment.pk) is None
    assert OutgoingEmail.objects.filter(key=f"plans:comment:{comment.pk}").count() == 1


def test_the_mail_follows_the_trainee_language(world, section, django_capture_on_commit_callbacks):
    trainee = world.users["trainee"]
    trainee.preferred_language = "en"
    trainee.save()
    with django_capture_on_commit_callbacks(execute=True):
        add_comment(
            world.users["mentor"], section, version=section.versions.get(number=2), body="Good"
        )
    (message,) = mail.outbox
    assert message.subject == "A comment from メンター 一郎 on your succession plan"
    assert "“Company overview” of your succession plan (version 2)" in message.body


def test_the_comment_page_shows_which_version_and_what_changed_since(world, mentor, comment):
    section = comment.section
    save_section(world.users["trainee"], section, body="第3版", based_on=2)
    page = mentor.get(reverse("plans:section_detail", args=[section.pk]))
    text = page.content.decode()
    assert "第2版へ" in text
    assert "?old=2&amp;new=3" in text
    assert page.context["comment_form"].initial["version"] == 3


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"body": "", "version": "2"}, "送信する前にコメントを書いてください。"),
        ({"body": "   ", "version": "2"}, "送信する前にコメントを書いてください。"),
        ({"body": "x" * 5001, "version": "2"}, None),
        ({"body": "版がない", "version": "9"}, "この項目の保存された版にコメントしてください。"),
        ({"body": "版がない"}, None),
    ],
)
def test_bad_comments_change_nothing(mentor, section, data, message):
    response = mentor.post(comment_url(section), data)
    assert response.status_code == 400
    if message:
        assert message in response.content.decode()
    assert not SectionComment.objects.exists()
    assert not mail.outbox


def test_a_version_of_another_section_is_refused(world, section):
    other = section.plan.sections.exclude(pk=section.pk).first()
    with pytest.raises(PlanRefused):
        add_comment(world.users["mentor"], other, version=section.versions.first(), body="x")


def test_staff_and_trainees_do_not_comment(world, section):
    version = section.versions.first()
    for role in ("staff", "trainee", "other_mentor"):
        with pytest.raises(PlanRefused):
            add_comment(world.users[role], section, version=version, body="x")
    assert client_for(world.users["staff"]).post(
        comment_url(section), {"body": "事務局", "version": "1"}
    ).status_code == 404  # fmt: skip


def test_an_unpaired_mentor_loses_access_at_once(world, mentor, section):
    world.memberships["trainee"].set_mentors([])
    assert mentor.get(reverse("plans:section_detail", args=[section.pk])).status_code == 404
    response = mentor.post(comment_url(section), {"body": "x", "version": "1"})
    assert response.status_code == 404


def test_the_trainee_resolves_and_who_and_when_are_kept(world, trainee, comment):
    response = trainee.post(reverse("plans:comment_resolve", args=[comment.pk]))
    assert response.status_code == 302
    comment.refresh_from_db()
    assert not comment.is_open
    assert comment.resolved_by == world.users["trainee"]
    assert comment.resolved_by_name == "受講生 花子"
    assert comment.resolved_at is not None
    entry = AuditEntry.objects.get(object_id=str(comment.pk))
    assert entry.actor == world.users["trainee"] and entry.before["resolved_at"] is None


def test_the_commenter_resolves_too_but_only_once(world, mentor, trainee, comment):
    assert mentor.post(reverse("plans:comment_resolve", args=[comment.pk])).status_code == 302
    comment.refresh_from_db()
    first = (comment.resolved_by_id, comment.resolved_at)
    with pytest.raises(PlanRefused) as refused:
        resolve_comment(world.users["trainee"], comment)
    assert refused.value.code == "already_resolved"
    page = trainee.post(reverse("plans:comment_resolve", args=[comment.pk]), follow=True)
    assert "このコメントはすでに解決済みです。" in page.content.decode()
    comment.refresh_from_db()
    assert (comment.resolved_by_id, comment.resolved_at) == first


def test_staff_and_another_mentor_cannot_resolve(world, comment):
    co_mentor = world.memberships["other_mentor"]
    world.memberships["trainee"].set_mentors([world.memberships["mentor"], co_mentor])
    for role in ("staff", "other_mentor"):
        response = client_for(world.users[role]).post(
            reverse("plans:comment_resolve", args=[comment.pk])
        )
        assert response.status_code == 404
    comment.refresh_from_db()
    assert comment.is_open
