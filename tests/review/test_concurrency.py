"""Two mentors, one review: every save carries its version; the later one is refused with
what the other changed, and nothing of either is lost. Two real clients on every database;
the threaded race needs real concurrent transactions (PostgreSQL)."""

import threading

import pytest
from django.db import connection
from django.urls import reverse

from cohorts.review.models import Review, ReviewMarker
from cohorts.review.services.reviews import Changes, ReviewConflict, save_review
from tests.conftest import client_for

from .conftest import levels, review_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def co_mentor(world):
    """other_mentor, paired with trainee too: two mentors, one trainee."""
    trainee = world.memberships["trainee"]
    trainee.set_mentors([world.memberships["mentor"], world.memberships["other_mentor"]])
    return client_for(world.users["other_mentor"])


def url(submission):
    return reverse("review:review_detail", args=[submission.pk])


def test_the_second_save_is_refused_and_both_texts_survive(mentor, co_mentor, submission, criteria):
    # Both open the page while nothing is saved yet: both forms carry version 0.
    assert mentor.get(url(submission)).context["form"].initial["version"] == 0
    assert co_mentor.get(url(submission)).context["form"].initial["version"] == 0
    first = mentor.post(
        url(submission), review_post(criteria, 0, "優", "良", feedback="一郎の講評")
    )
    assert first.status_code == 302
    second = co_mentor.post(
        url(submission), review_post(criteria, 0, "可", "可", feedback="二郎の講評")
    )
    assert second.status_code == 409
    page = second.content.decode()
    assert "二郎の講評</textarea>" in page  # the text just typed stays in the form
    assert "一郎の講評" in page  # and the other mentor's change is shown
    assert "メンター 一郎" in page
    review = Review.objects.get()
    assert review.feedback == "<p>一郎の講評</p>" and review.version == 1
    # The refused form now carries the current version: saving again replaces theirs.
    assert second.context["form"].data["version"] == "1"
    again = co_mentor.post(
        url(submission), review_post(criteria, 1, "可", "可", feedback="二郎の講評")
    )
    assert again.status_code == 302
    review.refresh_from_db()
    assert (review.feedback, review.version) == ("<p>二郎の講評</p>", 2)


def test_a_stale_release_is_refused_too(world, mentor, co_mentor, submission, criteria):
    mentor.post(url(submission), review_post(criteria, 0, "優", "良", feedback="最初"))
    co_mentor.post(url(submission), review_post(criteria, 1, "優", "優", feedback="二郎が直した"))
    stale = mentor.post(url(submission), review_post(criteria, 1, "良", "良", action="release"))
    assert stale.status_code == 409
    assert not Review.objects.get().releases.exists()


def test_autosave_refuses_a_stale_version_with_json(mentor, co_mentor, submission, criteria):
    autosave = reverse("review:autosave", args=[submission.pk])
    ok = mentor.post(autosave, review_post(criteria, 0, "優", feedback="自動保存"))
    assert ok.status_code == 200 and ok.json()["version"] == 1
    stale = co_mentor.post(autosave, review_post(criteria, 0, "可", feedback="古い版"))
    assert stale.status_code == 409
    body = stale.json()
    assert body["conflict"] and "自動保存" in body["html"]
    assert Review.objects.get().feedback == "<p>自動保存</p>"


def test_being_reviewed_marker_shows_to_the_other_mentor(world, mentor, co_mentor, submission):
    mentor.get(url(submission))
    assert ReviewMarker.objects.get().user == world.users["mentor"]
    page = co_mentor.get(url(submission)).content.decode()
    assert "メンター 一郎" in page and ("Being reviewed by" in page or "講評中" in page)
    # The marker now names whoever opened it last: the first mentor's queue shows it.
    queue = mentor.get(reverse("review:queue")).content.decode()
    assert "メンター 二郎" in queue


@pytest.mark.slow
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_simultaneous_saves_on_postgresql(settings, tmp_path):
    """Two threads save on the same version at the same instant: one wins, one conflicts."""
    if connection.vendor != "postgresql":
        pytest.skip("needs real concurrent transactions (PostgreSQL)")
    from cohorts.review.services.reviews import criteria_of
    from tests.factories import AssignmentFactory, RubricFactory, submitted_attempt
    from tests.world import build_world

    settings.PRIVATE_MEDIA_ROOT = tmp_path
    world = build_world()
    assignment = AssignmentFactory(cohort=world.cohort, rubric=RubricFactory(), points=100)
    submission = submitted_attempt(assignment, world.memberships["trainee"], key="race")
    criteria = criteria_of(assignment)
    first = save_review(
        world.users["mentor"], submission, based_on=0, changes=Changes(feedback="最初")
    )
    barrier = threading.Barrier(2)
    outcomes = []

    def save(user, text):
        from django.db import connection as thread_connection

        try:
            barrier.wait(timeout=10)
            changes = Changes(levels=levels(criteria, "優", "良"), feedback=text)
            save_review(user, submission, based_on=first.version, changes=changes)
            outcomes.append(("saved", text))
        except ReviewConflict:
            outcomes.append(("conflict", text))
        except Exception as error:  # recorded, so the assertion shows it
            outcomes.append(("error", repr(error)))
        finally:
            thread_connection.close()

    threads = [
        threading.Thread(target=save, args=(world.users["mentor"], "一郎")),
        threading.Thread(target=save, args=(world.users["other_mentor"], "二郎")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sorted(kind for kind, _text in outcomes) == ["conflict", "saved"], outcomes
    winner = next(text for kind, text in outcomes if kind == "saved")
    review = Review.objects.get()
    assert review.version == 2 and review.feedback == f"<p>{winner}</p>"


def test_own_autosave_a_moment_ago_is_not_a_conflict(mentor, submission, criteria):
    """The page posted with the version it loaded while its own autosave had moved on."""
    autosave = reverse("review:autosave", args=[submission.pk])
    assert mentor.post(autosave, review_post(criteria, 0, "優", feedback="途中")).status_code == 200
    response = mentor.post(url(submission), review_post(criteria, 0, "優", "良", feedback="完成"))
    assert response.status_code == 302
    assert Review.objects.get().feedback == "<p>完成</p>"
