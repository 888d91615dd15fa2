"""Two versions side by side: changes wrapped in <del>/<ins>, everything typed escaped."""

import pytest
from django.urls import reverse

from cohorts.plans.compare import side_by_side
from cohorts.plans.services.plans import save_section

from .conftest import first_section, write

pytestmark = pytest.mark.django_db


def test_changed_words_are_highlighted_and_unchanged_paragraphs_kept():
    rows = side_by_side(
        "<p>売上は6億円。</p><p>従業員32名。</p>", "<p>売上は6.2億円。</p><p>従業員32名。</p>"
    )
    assert len(rows) == 2
    assert rows[0]["changed"] and not rows[1]["changed"]
    assert str(rows[0]["old"]) == "売上は6億円。"  # nothing removed: no empty <del>
    assert str(rows[0]["new"]) == "売上は6<ins>.2</ins>億円。"
    assert str(rows[1]["old"]) == str(rows[1]["new"]) == "従業員32名。"


def test_latin_words_change_as_whole_words():
    rows = side_by_side("<p>plan A is good</p>", "<p>plan B is good</p>")
    assert str(rows[0]["old"]) == "plan <del>A</del> is good"
    assert str(rows[0]["new"]) == "plan <ins>B</ins> is good"


def test_added_and_removed_paragraphs():
    rows = side_by_side("<p>一段落目</p>", "<p>一段落目</p><p>追加した段落</p>")
    assert rows[-1] == {"old": None, "new": rows[-1]["new"], "changed": True}
    assert str(rows[-1]["new"]) == "<ins>追加した段落</ins>"
    removed = side_by_side("<p>消す段落</p><p>残る</p>", "<p>残る</p>")
    assert str(removed[0]["old"]) == "<del>消す段落</del>" and removed[0]["new"] is None


def test_hostile_text_is_escaped_not_run():
    """What the sanitizer keeps as text (an escaped <script>) is escaped again by the diff."""
    old = "<p>&lt;script&gt;alert(1)&lt;/script&gt; 安全</p>"
    new = '<p>&lt;script&gt;alert(2)&lt;/script&gt; 安全 &lt;img src=x onerror="x()"&gt;</p>'
    rows = side_by_side(old, new)
    html = str(rows[0]["old"]) + str(rows[0]["new"])
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;alert(" in html
    assert "&lt;img src=x onerror=&quot;x()&quot;&gt;" in html.replace("<ins>", "").replace(
        "</ins>", ""
    )


def test_the_compare_page_shows_both_versions_highlighted(world, trainee):
    membership = world.memberships["trainee"]
    section = first_section(membership)
    write(membership, section, "<script>alert('x')</script>売上は6億円。", "売上は6.2億円。")
    response = trainee.get(
        reverse("plans:section_compare", args=[section.pk]), {"old": "1", "new": "2"}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "<ins>.2</ins>" in page
    assert "<script>alert" not in page
    assert [response.context["old"].number, response.context["new"].number] == [1, 2]


def test_the_compare_page_defaults_to_the_last_two_and_refuses_unknown_versions(world, trainee):
    membership = world.memberships["trainee"]
    section = first_section(membership)
    write(membership, section, "一", "二", "三")
    page = trainee.get(reverse("plans:section_compare", args=[section.pk]))
    assert [page.context["old"].number, page.context["new"].number] == [2, 3]
    swapped = trainee.get(
        reverse("plans:section_compare", args=[section.pk]), {"old": "3", "new": "1"}
    )
    assert [swapped.context["old"].number, swapped.context["new"].number] == [1, 3]
    for query in ({"old": "9", "new": "1"}, {"old": "x", "new": "99"}):
        assert (
            trainee.get(reverse("plans:section_compare", args=[section.pk]), query).status_code
            == 404
        )


def test_history_lists_every_version_newest_first(world, trainee):
    membership = world.memberships["trainee"]
    section = first_section(membership)
    write(membership, section, "一", "二")
    save_section(membership.user, section, body="三", based_on=2)
    page = trainee.get(reverse("plans:section_history", args=[section.pk]))
    assert [v.number for v in page.context["versions"]] == [3, 2, 1]
