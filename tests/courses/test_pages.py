"""Curriculum and seminar pages: tree rules, who sees lessons, SEO bits, query counts."""

from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import Page

from courses.models import (
    CourseIndexPage,
    CoursePage,
    HomePage,
    LessonPage,
    ModulePage,
    SeminarIndexPage,
    SeminarPage,
)
from tests.conftest import client_for
from tests.factories import (
    SeminarPageFactory,
    build_course,
    seminar_index,
)

pytestmark = pytest.mark.django_db

TREE = {
    HomePage: ([Page], {CourseIndexPage, SeminarIndexPage}),
    CourseIndexPage: ([HomePage], {CoursePage}),
    CoursePage: ([CourseIndexPage], {ModulePage}),
    ModulePage: ([CoursePage], {LessonPage}),
    LessonPage: ([ModulePage], set()),
    SeminarIndexPage: ([HomePage], {SeminarPage}),
    SeminarPage: ([SeminarIndexPage], set()),
}


@pytest.mark.parametrize("model", list(TREE), ids=lambda m: m.__name__)
def test_each_page_type_lives_only_where_it_belongs(model):
    parents, children = TREE[model]
    assert model.allowed_parent_page_models() == parents
    assert set(model.allowed_subpage_models()) == children
    for other in TREE:
        assert (model in other.allowed_subpage_models()) == (other in parents)


def test_a_lesson_cannot_be_added_under_a_course_directly():
    course, _ = build_course(modules=1, lessons_per_module=1)
    assert not LessonPage.can_create_at(course)
    assert ModulePage.can_create_at(course)
    assert not SeminarPage.can_create_at(course)


@pytest.fixture
def course_and_lessons():
    return build_course(modules=2, lessons_per_module=2)


def test_lessons_are_left_out_of_the_sitemap(anonymous, course_and_lessons):
    course, lessons = course_and_lessons
    seminar = SeminarPageFactory()
    body = anonymous.get("/sitemap.xml").content.decode()
    assert course.url in body
    assert seminar.url in body
    assert lessons[0].url not in body


def test_pages_have_title_and_meta_description(anonymous):
    seminar = SeminarPageFactory(
        title="税制セミナー",
        seo_title="事業承継税制の実務",
        search_description="税制の手続きを解説",
    )
    body = anonymous.get(seminar.url).content.decode()
    assert "<title>事業承継税制の実務 |" in body
    assert '<meta name="description" content="税制の手続きを解説">' in body


def test_the_search_backend_finds_every_page_type(course_and_lessons):
    course, lessons = course_and_lessons
    seminar = SeminarPageFactory(title="Finance seminar for successors")
    assert list(SeminarPage.objects.live().search("finance")) == [seminar]
    assert lessons[0] in list(LessonPage.objects.search(lessons[0].title))
    assert course in list(CoursePage.objects.search(course.title))


def test_revisions_and_scheduled_publishing_work_for_seminars(anonymous):
    seminar = SeminarPageFactory()
    seminar.summary = "下書きの要約"
    revision = seminar.save_revision()
    assert "下書きの要約" not in anonymous.get(seminar.url).content.decode()  # still a draft
    revision.publish()
    assert "下書きの要約" in anonymous.get(seminar.url).content.decode()

    later = SeminarPageFactory()
    later.go_live_at = timezone.now() + timedelta(days=1)
    later.save_revision().publish()
    later.refresh_from_db()
    assert later.live is False  # waits for publish_scheduled


def test_staff_preview_a_lesson_draft(staff, course_and_lessons):
    _, lessons = course_and_lessons
    lesson = lessons[0].specific
    lesson.body = [("rich_text", "<p>プレビュー用の本文</p>")]
    lesson.save_revision()
    response = staff.get(f"/admin/pages/{lesson.pk}/view_draft/")
    assert response.status_code == 200
    assert "プレビュー用の本文" in response.content.decode()


# Seminar pages ---------------------------------------------------------------------------


def test_seminar_page_keeps_the_online_link_private(anonymous):
    seminar = SeminarPageFactory()
    body = anonymous.get(seminar.url).content.decode()
    assert seminar.title in body
    assert seminar.online_url not in body
    assert 'name="website"' in body  # the honeypot is there, hidden by CSS


def test_a_past_seminar_stays_readable_but_closed(anonymous):
    start = timezone.now() - timedelta(days=30)
    seminar = SeminarPageFactory(starts_at=start, ends_at=start + timedelta(hours=2))
    response = anonymous.get(seminar.url)
    assert response.status_code == 200
    body = response.content.decode()
    assert "このセミナーは終了しました。" in body
    assert 'name="email"' not in body


def test_seminar_index_lists_upcoming_and_past(anonymous):
    upcoming = SeminarPageFactory(title="これからのセミナー")
    start = timezone.now() - timedelta(days=30)
    past = SeminarPageFactory(
        title="終わったセミナー", starts_at=start, ends_at=start + timedelta(hours=1)
    )
    body = anonymous.get(seminar_index().url).content.decode()
    assert upcoming.title in body
    assert past.title in body
    assert body.index(upcoming.title) < body.index(past.title)


def _unsaved_child(parent, page):
    """A page as Wagtail's "preview before first save" builds it: a path, no primary key."""
    page.depth = parent.depth + 1
    page.path = page._get_path(parent.path, page.depth, parent.numchild + 1)
    page.set_url_path(parent)
    return page


def test_every_page_type_previews_saved_and_unsaved(course_and_lessons):
    from courses.models import SeminarSpeaker

    course, lessons = course_and_lessons
    module = lessons[0].get_parent().specific
    seminar = SeminarPageFactory()
    index = course.get_parent().specific
    saved = [
        HomePage.objects.get(),
        index,
        course,
        module,
        lessons[0].specific,
        seminar.get_parent().specific,
        seminar,
    ]
    for page in saved:
        page.title = f"下書き {page.title}"
        response = page.make_preview_request()
        assert response.status_code == 200, page
        assert f"下書き {page.title[4:]}" in response.content.decode()

    start = timezone.now() + timedelta(days=3)
    new_seminar = SeminarPage(title="新しいセミナー", slug="new", starts_at=start, ends_at=start)
    new_seminar.speakers.add(SeminarSpeaker(name="講師 花子"))
    unsaved = [
        _unsaved_child(index, CoursePage(title="新しいコース", slug="new")),
        _unsaved_child(course, ModulePage(title="新しい章", slug="new")),
        _unsaved_child(module, LessonPage(title="新しいレッスン", slug="new")),
        _unsaved_child(seminar.get_parent(), new_seminar),
    ]
    for page in unsaved:
        response = page.make_preview_request()
        assert response.status_code == 200, page
        assert page.title in response.content.decode()
    assert "講師 花子" in unsaved[-1].make_preview_request().content.decode()


# Demo data -----------------------------------------------------------------------------------


def test_seed_demo_builds_the_programme_and_seminars(settings):
    from django.core.management import call_command

    from courses.models import SeminarRegistration

    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    course = CoursePage.objects.get(slug="successor-course")
    assert ModulePage.objects.child_of(course).count() >= 4
    lessons = LessonPage.objects.live().descendant_of(course)
    assert lessons.count() >= 12
    assert all(lesson.body and "の" in lesson.title + lesson.objectives for lesson in lessons)
    assert CoursePage.objects.count() == 2

    seminars = SeminarPage.objects.live()
    full = [s for s in seminars if s.registrations.confirmed().count() >= s.capacity]
    assert len(full) == 1
    assert full[0].registrations.waitlisted().exists()
    assert any(s.registration_state() == "open" and s.seats_left() for s in seminars)
    assert SeminarRegistration.objects.exists()

    from django.contrib.auth import get_user_model

    lesson = lessons.first()
    User = get_user_model()
    assert (
        client_for(User.objects.get(email="trainee1@example.com")).get(lesson.url).status_code
        == 200
    )
    assert (
        client_for(User.objects.get(email="trainee7@example.com")).get(lesson.url).status_code
        == 404
    )


def test_a_seminar_without_a_search_description_describes_itself_by_its_summary(anonymous):
    seminar = SeminarPageFactory(summary="税理士が事業承継税制を解説します。")
    body = anonymous.get(seminar.url).content.decode()
    assert '<meta name="description" content="税理士が事業承継税制を解説します。">' in body


def test_a_seminar_not_yet_open_says_when_registration_opens(anonymous):
    opens = timezone.now() + timedelta(days=2)
    seminar = SeminarPageFactory(registration_opens_at=opens)
    body = anonymous.get(seminar.url).content.decode()
    assert 'name="email"' not in body
    assert f"{timezone.localtime(opens).day}日" in body


def test_seminars_are_found_by_their_speakers():
    from django.core.management import call_command

    from courses.models import SeminarSpeaker

    seminar = SeminarPageFactory(title="Tax seminar")
    seminar.speakers.add(SeminarSpeaker(name="Yamaguchi"))
    seminar.save_revision().publish()
    call_command("update_index", verbosity=0)
    assert list(SeminarPage.objects.live().search("Yamaguchi")) == [seminar]


def test_a_module_page_describes_itself_by_its_summary(anonymous, course_and_lessons):
    course, _ = course_and_lessons
    module = ModulePage.objects.child_of(course).first()
    module.summary = "会社の強みと課題を数字で確かめます。"
    module.save_revision().publish()
    body = anonymous.get(module.url).content.decode()
    assert '<meta name="description" content="会社の強みと課題を数字で確かめます。">' in body


def test_every_page_type_keeps_drafts_and_publishes_on_schedule(course_and_lessons):
    """A draft leaves the live page alone; a scheduled revision goes live via publish_scheduled."""
    import time_machine
    from django.core.management import call_command

    course, lessons = course_and_lessons
    seminar = SeminarPageFactory()
    pages = [
        HomePage.objects.get(),
        course.get_parent().specific,
        course,
        lessons[0].get_parent().specific,
        lessons[0].specific,
        seminar.get_parent().specific,
        seminar,
    ]
    go_live = timezone.now() + timedelta(hours=1)
    for page in pages:
        page.save_revision().publish()  # as published from the admin: it has a live revision
        live_title = page.title
        page.title = f"下書き {live_title}"
        page.save_revision()
        page.refresh_from_db()
        assert (page.title, page.has_unpublished_changes) == (live_title, True), page

        page.title = f"予約 {live_title}"
        page.go_live_at = go_live
        page.save_revision().publish()
        page.refresh_from_db()
        assert (page.title, page.live) == (live_title, True), page  # not before its time
    call_command("publish_scheduled", verbosity=0)
    assert not any(page.title.startswith("予約 ") for page in Page.objects.all())
    with time_machine.travel(go_live + timedelta(minutes=1)):
        call_command("publish_scheduled", verbosity=0)
    for page in pages:
        page.refresh_from_db()
        assert page.title.startswith("予約 "), page
