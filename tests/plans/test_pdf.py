"""The plan and a snapshot print as PDFs whose text (Japanese, embedded font) reads back."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from cohorts.plans.services.plans import plan_for, save_section, update_company
from cohorts.plans.services.snapshots import submit_plan

pytestmark = pytest.mark.django_db


def text_of(response):
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Cache-Control"] == "private, no-store"
    data = b"".join(response.streaming_content) if response.streaming else response.content
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_the_plan_pdf_holds_title_trainee_company_cohort_date_and_each_section(
    world, mentor, section
):
    membership = world.memberships["trainee"]
    update_company(membership.user, plan_for(membership), "株式会社佐藤精工")
    text = text_of(mentor.get(reverse("plans:plan_pdf", args=[membership.pk])))
    for expected in (
        "事業承継計画書",
        "受講生 花子",
        "株式会社佐藤精工",
        "2026 第1期",
        "印刷日",
        "会社概要",
        "創業1968年の金属加工業。従業員32名。",  # the latest version
        "財務状況",
        "まだ書かれていません。",
    ):
        assert expected in text, expected
    assert "第2版" in text and "第1版" not in text  # each section's latest version only


def test_a_snapshot_pdf_prints_the_plan_as_it_was(world, trainee, section, plan_assignment):
    membership = world.memberships["trainee"]
    snapshot, _created = submit_plan(membership.user, plan_assignment, membership, key="p")
    save_section(membership.user, section, body="あとから書き直した文章", based_on=2)
    text = text_of(trainee.get(reverse("plans:snapshot_pdf", args=[snapshot.pk])))
    assert "従業員32名。" in text and "時点" in text
    assert "あとから書き直した文章" not in text
    assert "財務状況" not in text  # only the sections handed in


def test_the_pdf_speaks_english_to_an_english_reader(world, section):
    from tests.conftest import client_for

    staff = world.users["staff"]
    staff.preferred_language = "en"
    staff.save()
    client = client_for(staff)
    client.cookies["django_language"] = "en"
    response = client.get(
        reverse("plans:plan_pdf", args=[world.memberships["trainee"].pk]),
        HTTP_ACCEPT_LANGUAGE="en",
    )
    text = text_of(response)
    assert "Succession plan" in text and "Company overview" in text
