"""The rubric arithmetic (cohorts/review/scoring.py), checked with hypothesis: a rubric's
levels map onto the assignment's points, and no total ever falls outside 0…P."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cohorts.review import scoring

pytestmark = pytest.mark.slow

levels = st.lists(st.integers(min_value=0, max_value=20), min_size=1, max_size=6)
rubrics = st.lists(levels, min_size=1, max_size=8)
possible = st.integers(min_value=0, max_value=1000)
adjustments = st.decimals(min_value=-1000, max_value=1000, places=2, allow_nan=False)


@st.composite
def scored_rubrics(draw):
    """(criteria as level points, the chosen points per criterion, P)."""
    criteria = draw(rubrics)
    chosen = [draw(st.sampled_from(points)) for points in criteria]
    return criteria, chosen, draw(possible)


@given(scored_rubrics())
def test_scaled_points_never_exceed_the_assignments_points(case):
    criteria, chosen, points = case
    top = scoring.rubric_max(criteria)
    value = scoring.scaled(sum(chosen), top, points)
    assert Decimal(0) <= value <= points
    assert value == value.quantize(Decimal("0.01"))


@given(rubrics, possible)
def test_the_best_levels_give_exactly_the_assignments_points(criteria, points):
    top = scoring.rubric_max(criteria)
    expected = Decimal(points) if top else Decimal(0)
    assert scoring.scaled(top, top, points) == expected
    assert scoring.scaled(0, top, points) == 0


@given(scored_rubrics(), st.integers(min_value=0, max_value=20))
def test_a_better_level_never_gives_fewer_points(case, extra):
    criteria, chosen, points = case
    top = scoring.rubric_max(criteria)
    raw = sum(chosen)
    better = min(raw + extra, top)
    assert scoring.scaled(better, top, points) >= scoring.scaled(raw, top, points)


@given(scored_rubrics(), adjustments)
def test_a_total_is_in_range_or_refused(case, adjustment):
    criteria, chosen, points = case
    top = scoring.rubric_max(criteria)
    base = scoring.scaled(sum(chosen), top, points)
    try:
        value = scoring.total(sum(chosen), top, points, adjustment)
    except scoring.OutOfRange:
        assert not 0 <= base + adjustment <= points
    else:
        assert 0 <= value <= points
        assert value == base + adjustment


@given(st.decimals(min_value=-10, max_value=2000, places=2), possible, adjustments)
def test_typed_points_follow_the_same_bounds(typed, points, adjustment):
    try:
        value = scoring.manual_total(typed, points, adjustment)
    except scoring.OutOfRange:
        assert not 0 <= typed + adjustment <= points
    else:
        assert 0 <= value <= points


@given(scored_rubrics())
def test_raw_points_outside_the_rubric_are_refused(case):
    criteria, _chosen, points = case
    top = scoring.rubric_max(criteria)
    with pytest.raises(scoring.OutOfRange):
        scoring.scaled(top + 1, top, points)
    with pytest.raises(scoring.OutOfRange):
        scoring.scaled(-1, top, points)


def test_examples_a_person_can_check():
    assert scoring.scaled(5, 6, 100) == Decimal("83.33")
    assert scoring.scaled(4, 6, 100) == Decimal("66.67")
    assert scoring.total(12, 12, 100, Decimal("-5")) == Decimal("95.00")
    assert scoring.rubric_max([[4, 3, 2, 1], [4, 3, 2, 1], [4, 3, 2, 1]]) == 12
