"""One date family: 2026年12月12日（土）13:00 in Japanese, Sat 12 Dec 2026, 13:00 in English,
spans with 〜, time left in natural units, the zone in brackets after a time."""

from datetime import UTC, datetime, timedelta

import pytest
from django.template import Context, Template
from django.utils import translation

from academy.datetimes import format_datetime, format_remaining, format_span

SATURDAY = datetime(2026, 12, 12, 4, 0, tzinfo=UTC)  # 13:00 in Tokyo


@pytest.mark.parametrize(
    ("language", "expected"),
    [("ja", "2026年12月12日（土）13:00"), ("en", "Sat 12 Dec 2026, 13:00")],
)
def test_a_date_carries_its_weekday_in_each_language(language, expected):
    with translation.override(language):
        assert format_datetime(SATURDAY) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [("ja", "2026年12月12日（土）13:00〜16:00"), ("en", "Sat 12 Dec 2026, 13:00 – 16:00")],
)
def test_a_span_reads_naturally(language, expected):
    with translation.override(language):
        assert format_span(SATURDAY, SATURDAY + timedelta(hours=3)) == expected


@pytest.mark.parametrize(
    ("delta", "ja", "en"),
    [
        (timedelta(hours=18, minutes=43, seconds=59), "18時間43分", "18 hours 43 minutes"),
        (timedelta(days=2, hours=3, minutes=5), "2日3時間", "2 days 3 hours"),
        (timedelta(days=1, minutes=5), "1日", "1 day"),
        (timedelta(minutes=1), "1分", "1 minute"),
        (timedelta(seconds=30), "", ""),
        (timedelta(hours=-1), "", ""),
    ],
)
def test_time_left_is_written_without_commas_or_spaces_in_japanese(delta, ja, en):
    with translation.override("ja"):
        assert format_remaining(delta) == ja
        assert "," not in format_remaining(delta)
    with translation.override("en"):
        assert format_remaining(delta) == en


def test_time_left_until_a_datetime():
    now = SATURDAY - timedelta(hours=18, minutes=43)
    with translation.override("ja"):
        assert format_remaining(SATURDAY, now=now) == "18時間43分"


def test_the_zone_note_follows_a_time_in_brackets():
    template = Template("{% load datetimes %}{{ when|when }}{% zone_note %}")
    with translation.override("ja"):
        assert (
            template.render(Context({"when": SATURDAY})) == "2026年12月12日（土）13:00（日本時間）"
        )
    with translation.override("en"):
        assert template.render(Context({"when": SATURDAY})) == "Sat 12 Dec 2026, 13:00 (Japan time)"
