"""The falling-behind flag: overdue work or attendance below a threshold, both set per cohort
(Cohort.behind_after_overdue in the cohort admin, the attendance policy's threshold)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from cohorts.coursework.models import Assignment
from cohorts.reports.progress import build_rows

pytestmark = pytest.mark.django_db


def overdue(world, count):
    now = timezone.now()
    for n in range(count):
        Assignment.objects.create(
            cohort=world.cohort,
            title=f"課題{n}",
            opens_at=now - timedelta(days=20),
            due_at=now - timedelta(days=n + 1),
        )


def row_of(world):
    (row,) = build_rows(world.users["staff"], [world.memberships["trainee"]])
    return row


@pytest.mark.parametrize(
    ("limit", "missing", "behind"), [(1, 1, True), (2, 1, False), (2, 2, True)]
)
def test_the_cohort_sets_how_much_overdue_work_flags_a_trainee(world, limit, missing, behind):
    world.cohort.behind_after_overdue = limit
    world.cohort.save()
    overdue(world, missing)
    row = row_of(world)
    assert len(row.overdue) == missing
    assert row.falling_behind is behind


def test_the_cohort_admin_form_offers_the_setting_and_refuses_zero(world):
    from cohorts.admin import CohortViewSet

    assert "behind_after_overdue" in CohortViewSet.form_fields
    world.cohort.behind_after_overdue = 0
    with pytest.raises(Exception, match="behind_after_overdue"):
        world.cohort.full_clean()
