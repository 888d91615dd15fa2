"""Confirming and undoing a completion (audited), the certificate the worker makes (its text
read back from the PDF), the trainee's download, and staff's completion page."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from academy.models import AuditEntry
from cohorts.certificates.models import Completion
from cohorts.certificates.services.completions import (
    CompletionRefused,
    confirm_completion,
    undo_completion,
)
from tests.conftest import client_for
from tests.factories import MembershipFactory, UserFactory

from .scenario import completable, past_sessions, record, rule_for

pytestmark = pytest.mark.django_db


def confirmed(world, capture, role="trainee"):
    with capture(execute=True):
        return confirm_completion(actor=world.users["staff"], membership=world.memberships[role])


def pdf_text(completion):
    completion.refresh_from_db()
    with completion.certificate.open("rb") as handle:
        data = handle.read()
    assert data.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(data))
    return "".join("".join(page.extract_text() for page in reader.pages).split())


def test_confirm_is_audited_and_the_worker_makes_the_certificate(
    world, django_capture_on_commit_callbacks
):
    completable(world.cohort, [world.memberships["trainee"]])
    completion = confirmed(world, django_capture_on_commit_callbacks)
    entry = AuditEntry.objects.for_object(completion).get()
    assert entry.action == "confirm"
    assert entry.actor == world.users["staff"]
    assert entry.after["membership"] == world.memberships["trainee"].pk
    text = pdf_text(completion)
    for expected in (
        "修了証",
        "受講生 花子",
        "2026 第1期",
        "事業承継基礎コース",
        "2026年4月1日",
        "2027年3月31日",
        completion.code,
        f"/verify/{completion.code}/",
    ):
        assert "".join(expected.split()) in text, expected  # wrapped lines: no whitespace


def test_the_seal_and_signatory_are_printed(world, django_capture_on_commit_callbacks):
    from django.core.files.base import ContentFile

    from cohorts.certificates.demo import seal_png

    rule = completable(world.cohort, [world.memberships["trainee"]])
    rule.signatory = "塾長 阿部 正彦"
    rule.seal.save("seal", ContentFile(seal_png()), save=True)
    completion = confirmed(world, django_capture_on_commit_callbacks)
    assert "塾長阿部正彦" in pdf_text(completion)
    completion.certificate.open("rb")
    reader = PdfReader(completion.certificate.open("rb"))
    assert list(reader.pages[0].images), "the seal image is on the page"


def test_codes_are_unguessable_and_distinct(world, django_capture_on_commit_callbacks):
    completable(world.cohort, [world.memberships["trainee"], world.memberships["other_trainee"]])
    first = confirmed(world, django_capture_on_commit_callbacks)
    second = confirmed(world, django_capture_on_commit_callbacks, "other_trainee")
    assert first.code != second.code
    assert len(first.code) >= 20


def test_confirm_is_refused_when_a_rule_is_not_met(world):
    sessions = past_sessions(world.cohort, 1)
    record(sessions[0], world.memberships["trainee"], "absent")
    rule_for(world.cohort, min_attendance=0, sessions=sessions)
    with pytest.raises(CompletionRefused) as refused:
        confirm_completion(actor=world.users["staff"], membership=world.memberships["trainee"])
    assert refused.value.code == "not_met"
    assert "出席していません" in refused.value.reasons[0]
    assert not Completion.objects.exists()
    assert not AuditEntry.objects.filter(content_type__model="completion").exists()


def test_confirming_twice_is_refused_and_keeps_one(world, django_capture_on_commit_callbacks):
    completable(world.cohort, [world.memberships["trainee"]])
    confirmed(world, django_capture_on_commit_callbacks)
    with pytest.raises(CompletionRefused) as refused:
        confirmed(world, django_capture_on_commit_callbacks)
    assert refused.value.code == "already"
    assert Completion.objects.count() == 1


def test_undo_needs_a_reason_and_is_audited(world, django_capture_on_commit_callbacks):
    completable(world.cohort, [world.memberships["trainee"]])
    completion = confirmed(world, django_capture_on_commit_callbacks)
    with pytest.raises(CompletionRefused) as refused:
        undo_completion(actor=world.users["staff"], completion=completion, reason="  ")
    assert refused.value.code == "reason"
    completion.refresh_from_db()
    assert not completion.is_revoked
    undo_completion(actor=world.users["staff"], completion=completion, reason="出欠の記録誤り")
    completion.refresh_from_db()
    assert completion.is_revoked and completion.revoke_reason == "出欠の記録誤り"
    entry = AuditEntry.objects.for_object(completion).get(action="undo")
    assert entry.reason == "出欠の記録誤り"
    assert entry.before["revoked_at"] is None and entry.after["revoked_at"] is not None
    # Confirmed again later: a new completion with a new code.
    again = confirmed(world, django_capture_on_commit_callbacks)
    assert again.pk != completion.pk and again.code != completion.code


def test_the_staff_page_confirms_and_undoes(world, django_capture_on_commit_callbacks):
    completable(world.cohort, [world.memberships["trainee"]])
    staff = client_for(world.users["staff"])
    trainee = world.memberships["trainee"]
    page = reverse("certificates:cohort_completion", args=[world.cohort.pk])
    body = staff.get(page).content.decode()
    assert "すべての要件を満たしています。" in body
    with django_capture_on_commit_callbacks(execute=True):
        response = staff.post(reverse("certificates:confirm", args=[world.cohort.pk, trainee.pk]))
    assert response.status_code == 302
    completion = Completion.objects.get()
    undo_url = reverse("certificates:undo", args=[completion.pk])
    response = staff.post(undo_url, {"reason": ""})
    assert response.status_code == 400
    assert "修了の確定を取り消す理由を入力してください。" in response.content.decode()
    completion.refresh_from_db()
    assert not completion.is_revoked
    response = staff.post(undo_url, {"reason": "誤って確定"})
    assert response.status_code == 302
    completion.refresh_from_db()
    assert completion.is_revoked


def test_the_trainee_downloads_their_certificate_privately(
    world, django_capture_on_commit_callbacks
):
    completable(world.cohort, [world.memberships["trainee"]])
    completion = confirmed(world, django_capture_on_commit_callbacks)
    url = reverse("certificates:download", args=[completion.pk])
    body = client_for(world.users["trainee"]).get(reverse("cohorts:dashboard")).content.decode()
    assert url in body
    response = client_for(world.users["trainee"]).get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert client_for(world.users["other_trainee"]).get(url).status_code == 404
    undo_completion(actor=world.users["staff"], completion=completion, reason="取消")
    assert client_for(world.users["trainee"]).get(url).status_code == 404


def _cohort_of(world, size):
    mentor = world.memberships["mentor"]
    members = [world.memberships["trainee"], world.memberships["other_trainee"]]
    for n in range(size - 2):
        user = UserFactory(email=f"c{n:02d}@example.com", display_name=f"受講生 {n:02d}")
        members.append(MembershipFactory(cohort=world.cohort, user=user, mentors=[mentor]))
    return members


@pytest.mark.parametrize("size", [3, 25])
def test_the_staff_page_runs_a_fixed_number_of_queries(
    world, size, django_assert_num_queries, django_capture_on_commit_callbacks
):
    members = _cohort_of(world, size)
    completable(world.cohort, members, sessions=2 if size == 3 else 6)
    confirmed(world, django_capture_on_commit_callbacks)
    staff = client_for(world.users["staff"])
    page = reverse("certificates:cohort_completion", args=[world.cohort.pk])
    with django_assert_num_queries(16):
        body = staff.get(page).content.decode()
    assert body.count("standing-completed") == 1
    assert body.count("standing-on_track") == size - 1
