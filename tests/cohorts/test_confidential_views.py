"""The confidential view log: views by others are logged with who, when and what; the
trainee's own views are not; the log survives the viewer's account."""

import pytest

from cohorts.models import Cohort, ConfidentialView
from cohorts.services.confidential import record_view
from tests.factories import MembershipFactory, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_mentor_view_is_logged_with_who_what_and_where():
    trainee = MembershipFactory()
    mentor = MembershipFactory(role="mentor", cohort=trainee.cohort)
    entry = record_view(viewer=mentor.user, trainee=trainee, obj=trainee.cohort, path="/plans/1/")
    assert entry is not None
    stored = ConfidentialView.objects.get()
    assert stored.viewer == mentor.user
    assert stored.viewer_name == mentor.user.get_full_name()
    assert stored.trainee == trainee
    assert stored.object_id == str(trainee.cohort.pk)
    assert stored.object_repr == str(trainee.cohort)
    assert stored.content_type.model_class() is Cohort
    assert stored.path == "/plans/1/"
    assert list(ConfidentialView.objects.about(trainee)) == [stored]


def test_the_trainee_reading_their_own_material_is_not_logged():
    trainee = MembershipFactory()
    assert record_view(viewer=trainee.user, trainee=trainee, obj=trainee.cohort) is None
    assert not ConfidentialView.objects.exists()


def test_the_entry_keeps_the_viewer_name_after_the_account_is_deleted():
    trainee = MembershipFactory()
    staff = StaffFactory()
    record_view(viewer=staff, trainee=trainee, obj=trainee.cohort)
    name = staff.get_full_name()
    assert name
    staff.delete()
    entry = ConfidentialView.objects.get()
    assert entry.viewer is None
    assert entry.viewer_name == name


def test_newest_first():
    trainee = MembershipFactory()
    first = record_view(viewer=UserFactory(), trainee=trainee, obj=trainee.cohort)
    second = record_view(viewer=UserFactory(), trainee=trainee, obj=trainee.cohort)
    assert list(ConfidentialView.objects.newest_first()) == [second, first]


def test_archived_cohorts_say_so():
    trainee = MembershipFactory()
    cohort = trainee.cohort
    assert not cohort.is_archived
    cohort.status = Cohort.Status.ARCHIVED
    assert cohort.is_archived
    assert not cohort.accepts_new_work
