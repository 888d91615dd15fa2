"""Staff set a cohort's completion rules in the Wagtail admin: saved through the service
(audited), the seal checked by its content (a real PNG or JPEG), items of the cohort only."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from academy.models import AuditEntry
from cohorts.certificates.demo import seal_png
from cohorts.certificates.models import CompletionRule
from cohorts.models import Cohort
from tests.attendance.factories import SessionFactory
from tests.conftest import client_for
from tests.factories import AssignmentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def private(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path


def post(world, **changes):
    data = {
        "cohort": world.cohort.pk,
        "min_attendance": 80,
        "pass_mark": 60,
        "signatory": "塾長 阿部 正彦",
    }
    data.update(changes)
    return client_for(world.users["staff"]).post(reverse("certificates_rule:add"), data)


def test_a_rule_with_a_real_png_seal_is_saved_and_audited(world, private):
    task = AssignmentFactory(cohort=world.cohort)
    final = SessionFactory(cohort=world.cohort, title="最終発表会")
    seal = SimpleUploadedFile("seal.png", seal_png(), content_type="image/png")
    response = post(world, seal=seal, required_assignments=[task.pk], required_sessions=[final.pk])
    assert response.status_code == 302, response.content.decode()[:2000]
    rule = CompletionRule.objects.get()
    assert list(rule.required_assignments.all()) == [task]
    assert list(rule.required_sessions.all()) == [final]
    assert rule.seal.name and rule.seal.storage.exists(rule.seal.name)
    entry = AuditEntry.objects.for_object(rule).get()
    assert entry.after["required_sessions"] == [final.pk]
    assert entry.after["min_attendance"] == 80


def test_a_seal_that_is_not_an_image_is_refused(world, private):
    fake = SimpleUploadedFile("seal.png", b"%PDF-1.4\n" + b"0" * 200, content_type="image/png")
    response = post(world, seal=fake)
    assert response.status_code == 200
    assert not CompletionRule.objects.exists()
    pdf = SimpleUploadedFile("seal.pdf", b"%PDF-1.4\n%%EOF\n" + b" " * 100)
    response = post(world, seal=pdf)
    assert "印影はPNGまたはJPEGの画像にしてください。" in response.content.decode()
    assert not CompletionRule.objects.exists()


def test_another_cohort_s_items_are_refused(world, private):
    elsewhere = AssignmentFactory(cohort=world.other_cohort)
    response = post(world, required_assignments=[elsewhere.pk])
    assert "この期の課題だけを選んでください。" in response.content.decode()
    assert not CompletionRule.objects.exists()


def test_an_archived_cohort_s_rules_cannot_be_set(world, private):
    Cohort.objects.filter(pk=world.cohort.pk).update(status=Cohort.Status.ARCHIVED)
    response = post(world)
    assert str(Cohort.ARCHIVED_MESSAGE) in response.content.decode()
    assert not CompletionRule.objects.exists()
