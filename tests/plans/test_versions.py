"""Every save of a section is a new immutable version; a stale save is refused with the text
kept; only the trainee writes; an archived cohort takes no write; course titles or defaults."""

import pytest
from django.urls import reverse
from django.utils import translation

from academy.models import AuditEntry
from cohorts.models import Cohort
from cohorts.plans.models import ImmutableVersionError, PlanHeading, SectionVersion
from cohorts.plans.services.plans import (
    PlanRefused,
    plan_for,
    save_section,
    sections_of,
    update_company,
)

from .conftest import first_section

pytestmark = pytest.mark.django_db


def edit_url(section):
    return reverse("plans:section_edit", args=[section.pk])


def test_each_save_is_a_new_numbered_version_by_its_author(world, trainee, section):
    response = trainee.post(edit_url(section), {"body": "第3版の本文です。", "base": "2"})
    assert response.status_code == 302
    versions = list(section.versions.order_by("number"))
    assert [v.number for v in versions] == [1, 2, 3]
    assert versions[0].body == "<p>創業1968年の金属加工業。</p>"  # the first one is intact
    assert versions[2].body == "<p>第3版の本文です。</p>"
    assert versions[2].author == world.users["trainee"]
    assert versions[2].author_name == "受講生 花子"


def test_versions_can_be_neither_changed_nor_deleted(section):
    version = section.versions.get(number=1)
    version.body = "書き換え"
    with pytest.raises(ImmutableVersionError):
        version.save()
    with pytest.raises(ImmutableVersionError):
        version.delete()
    with pytest.raises(ImmutableVersionError):
        SectionVersion.objects.filter(pk=version.pk).update(body="書き換え")
    with pytest.raises(ImmutableVersionError):
        SectionVersion.objects.filter(pk=version.pk).delete()
    assert SectionVersion.objects.get(pk=version.pk).body == "<p>創業1968年の金属加工業。</p>"


def test_a_stale_save_is_refused_and_the_typed_text_stays(world, trainee, section):
    # Another window saved version 3 after this form (based on 2) was opened.
    save_section(world.users["trainee"], section, body="別の画面で保存", based_on=2)
    response = trainee.post(edit_url(section), {"body": "この画面で書いた文章", "base": "2"})
    assert response.status_code == 409
    page = response.content.decode()
    assert "この画面で書いた文章</textarea>" in page  # nothing typed is lost
    assert "別の画面で保存" in page  # the newer version is shown beside it
    assert "書いている間に、この項目が別の画面で保存されました（第3版）" in page
    assert response.context["form"].data["base"] == "3"  # saving again builds on version 3
    assert section.versions.count() == 3
    again = trainee.post(edit_url(section), {"body": "この画面で書いた文章", "base": "3"})
    assert again.status_code == 302
    assert section.versions.order_by("-number").first().body == "<p>この画面で書いた文章</p>"


def test_unchanged_text_stores_nothing(trainee, section):
    response = trainee.post(
        edit_url(section), {"body": "創業1968年の金属加工業。従業員32名。", "base": "2"}
    )
    assert response.status_code == 302
    assert section.versions.count() == 2


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"body": "", "base": "2"}, "保存する前に、この項目の本文を書いてください。"),
        ({"body": "<script></script>", "base": "2"}, "保存する前に、この項目の本文を書いてください。"),
        ({"body": "本文", "base": "-1"}, None),
        ({"body": "本文"}, None),
    ],
)  # fmt: skip
def test_bad_input_changes_nothing(trainee, section, data, message):
    response = trainee.post(edit_url(section), data)
    assert response.status_code == 400
    if message:
        assert message in response.content.decode()
    assert section.versions.count() == 2


def test_hostile_markup_is_sanitized_on_save(world, section):
    version, _created = save_section(
        world.users["trainee"],
        section,
        body='<p onclick="x()">売上<script>alert(1)</script></p><a href="javascript:x">l</a>',
        based_on=2,
    )
    assert "<script" not in version.body and "onclick" not in version.body
    assert "javascript:" not in version.body


def test_only_the_trainee_writes(world, section):
    for role in ("mentor", "staff", "other_trainee"):
        with pytest.raises(PlanRefused):
            save_section(world.users[role], section, body="他人の文章", based_on=2)
    assert section.versions.count() == 2


def test_an_archived_cohort_refuses_every_write(world, trainee, mentor, section, comment):
    Cohort.objects.filter(pk=world.cohort.pk).update(status=Cohort.Status.ARCHIVED)
    response = trainee.post(edit_url(section), {"body": "新しい文章", "base": "2"}, follow=True)
    with translation.override("ja"):
        assert str(Cohort.ARCHIVED_MESSAGE) in response.content.decode()
    assert section.versions.count() == 2
    trainee.post(reverse("plans:comment_resolve", args=[comment.pk]))
    comment.refresh_from_db()
    assert comment.is_open
    mentor.post(
        reverse("plans:comment_create", args=[section.pk]), {"body": "追記", "version": "2"}
    )
    assert section.comments.count() == 1
    membership = world.memberships["trainee"]
    membership.cohort.refresh_from_db()
    with pytest.raises(PlanRefused) as refused:
        update_company(world.users["trainee"], plan_for(membership), "株式会社")
    assert refused.value.code == "archived"
    # Still readable.
    assert trainee.get(reverse("plans:section_detail", args=[section.pk])).status_code == 200


def test_company_name_is_saved_and_audited(world, trainee):
    membership = world.memberships["trainee"]
    response = trainee.post(
        reverse("plans:plan_company", args=[membership.pk]), {"company": "株式会社佐藤精工"}
    )
    assert response.status_code == 302
    plan = plan_for(membership)
    assert plan.company == "株式会社佐藤精工"
    entry = AuditEntry.objects.get(object_id=str(plan.pk), action="update")
    assert entry.after == {"company": "株式会社佐藤精工"} and entry.actor == world.users["trainee"]
    bad = trainee.post(reverse("plans:plan_company", args=[membership.pk]), {"company": "二行\n目"})
    assert bad.status_code == 400
    plan.refresh_from_db()
    assert plan.company == "株式会社佐藤精工"


def test_default_titles_in_both_languages(world):
    sections = sections_of(plan_for(world.memberships["trainee"]))
    with translation.override("ja"):
        assert [str(s.title) for s in sections] == [
            "会社概要",
            "現経営者の想い",
            "後継者のビジョン",
            "経営体制（経営チーム）",
            "財務状況",
            "関係者（家族・従業員・金融機関・取引先）",
            "承継スケジュール",
            "リスクと対策",
        ]
    with translation.override("en"):
        assert str(sections[0].title) == "Company overview"


def test_a_course_with_its_own_titles_uses_them_in_order(world):
    course = world.objects["course"]
    PlanHeading.objects.create(course=course, position=2, title="資金計画", title_en="Funding")
    PlanHeading.objects.create(course=course, position=1, title="事業の現状")
    sections = sections_of(plan_for(world.memberships["trainee"]))
    with translation.override("ja"):
        assert [s.title for s in sections] == ["事業の現状", "資金計画"]
    with translation.override("en"):
        assert [s.title for s in sections] == ["事業の現状", "Funding"]


def test_text_written_under_a_title_no_longer_used_is_kept(world, trainee, section):
    PlanHeading.objects.create(course=world.objects["course"], position=1, title="事業の現状")
    page = trainee.get(reverse("plans:plan_detail", args=[world.memberships["trainee"].pk]))
    titles = [str(s.title) for s in page.context["sections"]]
    assert titles == ["事業の現状", "会社概要"]  # the written default section follows
    assert page.context["sections"][1].is_current is False
    assert "以前の項目" in page.content.decode()


def test_the_plan_is_made_once(world):
    membership = world.memberships["trainee"]
    assert plan_for(membership).pk == plan_for(membership).pk
    assert len(sections_of(plan_for(membership))) == 8
    assert first_section(membership).pk == first_section(membership).pk
