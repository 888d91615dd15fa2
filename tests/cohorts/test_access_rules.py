"""The kernel's rules in cohorts/access/, one by one, against the shared world (tests/world.py)."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from cohorts import access
from cohorts.models import Cohort, Membership
from courses.models import LessonPage
from tests.factories import MembershipFactory, lesson_in


@pytest.fixture
def w(world):
    return world


def lessons_for(user):
    return set(access.lessons_visible_to(user, LessonPage.objects.all()))


def test_lessons_follow_the_cohorts_course(w):
    both = {w.lesson, w.lesson2}
    assert lessons_for(w.users["staff"]) == both
    assert lessons_for(w.users["trainee"]) == {w.lesson}
    assert lessons_for(w.users["mentor"]) == {w.lesson}
    assert lessons_for(w.users["trainee_other_cohort"]) == {w.lesson2}
    assert lessons_for(AnonymousUser()) == set()
    assert lessons_for(None) == set()


def test_lesson_filter_is_one_query(w, django_assert_num_queries):
    for number in range(5):
        lesson_in(w.course, f"追加レッスン{number}", slug=f"extra-{number}")
    with django_assert_num_queries(1):
        assert len(lessons_for(w.users["trainee"])) == 6


def test_can_view_and_get_lesson_or_404(w):
    assert access.can_view_lesson(w.users["trainee"], w.lesson)
    assert not access.can_view_lesson(w.users["trainee"], w.lesson2)
    with pytest.raises(Http404):
        access.get_lesson_or_404(w.users["trainee"], w.lesson2)
    assert access.get_lesson_or_404(w.users["staff"], w.lesson2) == w.lesson2


def test_deactivating_a_membership_removes_access_at_once(w):
    user = w.users["trainee"]
    Membership.objects.filter(pk=w.memberships["trainee"].pk).update(is_active=False)
    assert lessons_for(user) == set()
    assert not access.cohorts_visible_to(user).exists()
    assert not access.trainees_visible_to(user).exists()
    assert w.memberships["trainee"] not in set(access.trainees_visible_to(w.users["mentor"]))


def test_deactivated_mentor_sees_no_trainee(w):
    Membership.objects.filter(pk=w.memberships["mentor"].pk).update(is_active=False)
    assert not access.trainees_visible_to(w.users["mentor"]).exists()
    assert lessons_for(w.users["mentor"]) == set()


def test_inactive_account_sees_nothing(w):
    user = w.users["staff"]
    user.is_active = False
    assert lessons_for(user) == set()
    assert not access.is_staff(user)


def test_mentor_sees_only_paired_trainees(w):
    m = w.memberships
    assert set(access.trainees_visible_to(w.users["mentor"])) == {m["trainee"]}
    assert set(access.trainees_visible_to(w.users["other_mentor"])) == {m["other_trainee"]}
    assert set(access.trainees_visible_to(w.users["trainee"])) == {m["trainee"]}
    assert set(access.trainees_visible_to(w.users["trainee_other_cohort"])) == {
        m["trainee_other_cohort"]
    }
    assert access.trainees_visible_to(w.users["staff"]).count() == 3
    assert m["other_trainee"] not in set(access.trainees_visible_to(w.users["mentor"]))


def test_mentor_in_one_cohort_is_not_a_mentor_in_another(w):
    """A mentor who is a trainee elsewhere sees nobody's work there."""
    MembershipFactory(cohort=w.other_cohort, user=w.users["mentor"], role="trainee")
    visible = set(access.trainees_visible_to(w.users["mentor"]))
    assert w.memberships["trainee_other_cohort"] not in visible
    assert lessons_for(w.users["mentor"]) == {w.lesson, w.lesson2}


def test_cohorts_visible_to(w):
    assert set(access.cohorts_visible_to(w.users["trainee"])) == {w.cohort}
    assert set(access.cohorts_visible_to(w.users["trainee_other_cohort"])) == {w.other_cohort}
    assert set(access.cohorts_visible_to(w.users["staff"])) == {w.cohort, w.other_cohort}
    assert not access.cohorts_visible_to(AnonymousUser()).exists()


def test_for_trainees_filters_whatever_belongs_to_a_trainee(w):
    """Any model reaching a trainee membership by a path is filtered the same way."""
    queryset = Membership.objects.trainees()  # stands in for Submission (path "pk" = itself)
    m = w.memberships
    assert set(access.for_trainees(w.users["mentor"], queryset, "pk")) == {m["trainee"]}
    assert set(access.for_trainees(w.users["trainee"], queryset, "pk")) == {m["trainee"]}
    assert set(access.for_trainees(w.users["staff"], queryset, "pk")) == {
        m["trainee"],
        m["other_trainee"],
        m["trainee_other_cohort"],
    }
    assert not access.for_trainees(AnonymousUser(), queryset, "pk").exists()


def test_finished_cohort_stays_readable(w):
    """It takes no new work (tests/coursework/test_submissions.py), but nothing is hidden."""
    membership = w.memberships["trainee"]
    Cohort.objects.filter(pk=w.cohort.pk).update(status=Cohort.Status.FINISHED)
    assert access.own_trainee_membership(w.users["trainee"], w.cohort.pk) == membership
    assert lessons_for(w.users["trainee"]) == {w.lesson}
    assert set(access.trainees_visible_to(w.users["mentor"])) == {membership}


def test_role_of_for_the_header(w, django_assert_max_num_queries):
    from django.apps import apps

    config = apps.get_app_config("cohorts")
    with django_assert_max_num_queries(1):
        assert config.role_of(w.users["trainee"]) == "trainee"
    assert config.role_of(w.users["mentor"]) == "mentor"
    assert config.role_of(w.users["staff"]) is None
    assert config.role_of(AnonymousUser()) is None
    Membership.objects.filter(pk=w.memberships["mentor"].pk).update(is_active=False)
    assert config.role_of(w.users["mentor"]) is None


def test_pairing_validation(w):
    from django.core.exceptions import ValidationError

    trainee = w.memberships["trainee"]
    elsewhere = MembershipFactory(cohort=w.other_cohort, role="mentor")
    with pytest.raises(ValidationError):
        trainee.set_mentors([elsewhere])
    with pytest.raises(ValidationError):
        trainee.set_mentors([w.memberships["other_trainee"]])
    with pytest.raises(ValidationError):
        w.memberships["mentor"].set_mentors([w.memberships["other_mentor"]])
    assert list(trainee.mentors.all()) == [w.memberships["mentor"]]


def test_a_pairing_across_cohorts_gives_no_access(w):
    """The forms refuse it; should one reach the database anyway, the rule still holds."""
    other = w.memberships["trainee_other_cohort"]
    other.mentors.add(w.memberships["mentor"])  # bypasses validate_mentors on purpose
    mentor = w.users["mentor"]
    assert set(access.trainees_visible_to(mentor)) == {w.memberships["trainee"]}
    assert set(Membership.objects.paired_with(mentor)) == {w.memberships["trainee"]}


def test_staff_required_is_the_one_staff_guard(w, rf):
    @access.staff_required
    def view(request):
        return "ok"

    for role in ("trainee", "mentor"):
        request = rf.get("/")
        request.user = w.users[role]
        with pytest.raises(Http404):
            view(request)
    request = rf.get("/")
    request.user = AnonymousUser()
    with pytest.raises(Http404):
        view(request)
    request.user = w.users["staff"]
    assert view(request) == "ok"
