"""The completion rules at their edges: exactly the minimum attendance, exactly the pass
mark, a named session missed; the reasons a person reads; on track versus at risk."""

from datetime import timedelta

import pytest
from django.utils import timezone

from cohorts.certificates.services.evaluation import AT_RISK, ON_TRACK, standings
from tests.attendance.factories import SessionFactory
from tests.factories import AssignmentFactory, StaffFactory

from .scenario import past_sessions, record, released, rule_for

pytestmark = pytest.mark.django_db


def standing_of(world, role="trainee"):
    (standing,) = standings(StaffFactory(), [world.memberships[role]])
    return standing


def attend(world, present, absent, excused=0):
    sessions = past_sessions(world.cohort, present + absent + excused)
    trainee = world.memberships["trainee"]
    statuses = ["present"] * present + ["absent"] * absent + ["excused"] * excused
    for session, status in zip(sessions, statuses, strict=True):
        record(session, trainee, status)
    return sessions


def test_attendance_exactly_at_the_minimum_is_met(world):
    attend(world, present=4, absent=1)  # 80 %
    rule_for(world.cohort, min_attendance=80)
    standing = standing_of(world)
    assert standing.items == []
    assert standing.eligible
    assert standing.attendance == 80.0


def test_attendance_just_under_the_minimum_is_at_risk_with_its_reason(world):
    attend(world, present=3, absent=1)  # 75 %
    rule_for(world.cohort, min_attendance=80)
    standing = standing_of(world)
    assert standing.status == AT_RISK
    assert not standing.eligible
    assert [item.reason for item in standing.items] == ["出欠：出席率75.0%（80%以上が必要）。"]


def test_excused_absences_do_not_count_against_the_rate(world):
    attend(world, present=4, absent=1, excused=3)
    rule_for(world.cohort, min_attendance=80)
    assert standing_of(world).eligible


def test_a_rate_with_a_long_fraction_at_the_minimum_is_met(world):
    attend(world, present=29, absent=71)  # 29 %: 0.29 * 100 is 28.999… in floating point
    rule_for(world.cohort, min_attendance=29)
    assert standing_of(world).eligible


def test_nothing_recorded_yet_is_pending_not_at_risk(world):
    rule_for(world.cohort, min_attendance=80)
    standing = standing_of(world)
    assert standing.status == ON_TRACK
    assert not standing.eligible
    assert "まだ記録がありません" in standing.items[0].reason


def test_pass_mark_exactly_is_met_and_just_below_is_at_risk(world):
    task = AssignmentFactory(cohort=world.cohort, points=10, title="事業計画")
    released(task, world.memberships["trainee"], "6.00")  # 60 %
    released(task, world.memberships["other_trainee"], "5.99")
    rule_for(world.cohort, min_attendance=0, pass_mark=60, assignments=[task])
    assert standing_of(world).eligible
    other = standing_of(world, "other_trainee")
    assert other.status == AT_RISK
    assert [i.reason for i in other.items] == ["「事業計画」：59.9%（合格点は60%）。"]


def test_the_release_s_own_points_possible_wins_over_the_assignment_s(world):
    task = AssignmentFactory(cohort=world.cohort, points=100)
    released(task, world.memberships["trainee"], "12", possible=20)  # 60 % of 20
    rule_for(world.cohort, min_attendance=0, pass_mark=60, assignments=[task])
    assert standing_of(world).eligible


def test_assignment_states_before_a_release(world):
    now = timezone.now()
    due_past = AssignmentFactory(cohort=world.cohort, title="過去", due_at=now - timedelta(days=1))
    due_later = AssignmentFactory(cohort=world.cohort, title="将来")
    returned = AssignmentFactory(cohort=world.cohort, title="差戻し")
    released(returned, world.memberships["trainee"], "9", outcome="returned")
    rule_for(world.cohort, min_attendance=0, assignments=[due_past, due_later, returned])
    standing = standing_of(world)
    reasons = {item.reason: item.failed for item in standing.items}
    assert reasons == {
        "「過去」：締切までに提出されていません。": True,
        "「将来」：まだ提出されていません。": False,
        "「差戻し」：再提出依頼が出ています。": False,
    }
    assert standing.status == AT_RISK


def test_a_named_session_missed_is_at_risk_and_one_to_come_is_pending(world):
    sessions = attend(world, present=4, absent=1)
    missed = sessions[-1]
    later = SessionFactory(
        cohort=world.cohort, title="最終発表会", starts_at=timezone.now() + timedelta(days=30)
    )
    rule_for(world.cohort, min_attendance=80, sessions=[missed, later])
    standing = standing_of(world)
    assert standing.status == AT_RISK
    failed = [item.reason for item in standing.items if item.failed]
    pending = [item.reason for item in standing.items if not item.failed]
    assert len(failed) == 1 and missed.title in failed[0] and "出席していません" in failed[0]
    assert len(pending) == 1 and "最終発表会" in pending[0] and "これから開催されます" in pending[0]


def test_a_named_session_attended_late_counts(world):
    sessions = past_sessions(world.cohort, 1)
    record(sessions[0], world.memberships["trainee"], "late")
    rule_for(world.cohort, min_attendance=100, sessions=sessions)
    assert standing_of(world).eligible


def test_no_rule_requires_nothing(world):
    assert standing_of(world).eligible
