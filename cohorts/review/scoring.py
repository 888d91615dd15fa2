"""The rubric arithmetic: a rubric's levels mapped onto the assignment's points.

A rubric of R points scored `raw` on an assignment of P points is worth raw × P / R, rounded
half up to 0.01; an overall adjustment (with a reason) is added to that. The total must lie
in 0…P: `total()` refuses anything else instead of clipping it, so a mentor sees why.
Plain functions of numbers, no database: tests/review/test_scoring.py checks them with
hypothesis.
"""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

STEP = Decimal("0.01")


class OutOfRange(ValueError):
    """A total below zero or above the assignment's points."""


def as_points(value):
    """value as a Decimal with two places (None stays None)."""
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value)).quantize(STEP, rounding=ROUND_HALF_UP)
    except InvalidOperation as error:
        raise ValueError(f"not a number: {value!r}") from error


def scaled(raw, rubric_max, possible):
    """raw rubric points on the assignment's scale: 0 when the rubric is worth nothing."""
    if raw < 0 or raw > rubric_max:
        raise OutOfRange("raw points outside the rubric")
    if rubric_max <= 0:
        return Decimal("0.00")
    return (Decimal(raw) * Decimal(possible) / Decimal(rubric_max)).quantize(
        STEP, rounding=ROUND_HALF_UP
    )


def total(raw, rubric_max, possible, adjustment=0):
    """The points awarded: scaled rubric points plus the adjustment, never outside 0…P."""
    value = scaled(raw, rubric_max, possible) + (as_points(adjustment) or Decimal("0.00"))
    if value < 0 or value > possible:
        raise OutOfRange("total outside 0 and the assignment's points")
    return value


def manual_total(points, possible, adjustment=0):
    """Points typed directly (an assignment without a rubric), plus the adjustment."""
    value = (as_points(points) or Decimal("0.00")) + (as_points(adjustment) or Decimal("0.00"))
    if value < 0 or value > possible:
        raise OutOfRange("total outside 0 and the assignment's points")
    return value


def rubric_max(criteria):
    """The most a rubric can give: the best level of each criterion, added up.

    criteria: iterable of iterables of level points."""
    return sum(max(levels, default=0) for levels in criteria)
