"""academy.datetimes: one formatter, in the current time zone and the active language."""

import csv
import io
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.template import Context, Template, TemplateSyntaxError
from django.test import Client, RequestFactory, override_settings
from django.utils import translation

from academy.audit import record_change
from academy.datetimes import (
    date_stamp,
    format_date,
    format_datetime,
    format_span,
    format_time,
    with_zone,
    zone_label,
)
from academy.exports import neutralise
from courses.emails import registration_context
from courses.views import admin as course_admin
from tests.factories import (
    SeminarPageFactory,
    SeminarRegistrationFactory,
    StaffFactory,
    UserFactory,
)

TOKYO = ZoneInfo("Asia/Tokyo")
MOMENT = datetime(2026, 12, 1, 12, 10, 5, tzinfo=UTC)  # 21:10:05 in Tokyo, a Tuesday
LAST_MINUTE = datetime(2026, 12, 1, 14, 59, tzinfo=UTC)  # 23:59 in Tokyo
NEXT_DAY = datetime(2026, 12, 1, 15, 0, tzinfo=UTC)  # 00:00 on Wednesday 2 December in Tokyo


def render(source, **context):
    return Template("{% load datetimes %}" + source).render(Context(context))


@pytest.mark.parametrize(
    ("language", "expected"),
    [("ja", "2026年12月1日（火）21:10"), ("en", "Tue 1 Dec 2026, 21:10")],
)
def test_a_datetime_with_its_weekday_in_each_language(language, expected):
    with translation.override(language):
        assert format_datetime(MOMENT) == expected
        assert render("{{ v|when }}", v=MOMENT) == expected
        # Django's own date filter reads the same format modules.
        assert render('{{ v|date:"DATETIME_FORMAT" }}', v=MOMENT) == expected


@pytest.mark.parametrize(
    ("language", "datetime_s", "day", "clock"),
    [
        ("ja", "2026年12月1日（火）21:10:05", "2026年12月1日（火）", "21:10"),
        ("en", "Tue 1 Dec 2026, 21:10:05", "Tue 1 Dec 2026", "21:10"),
    ],
)
def test_seconds_dates_and_times(language, datetime_s, day, clock):
    with translation.override(language):
        assert format_datetime(MOMENT, seconds=True) == datetime_s
        assert render('{{ v|when:"seconds" }}', v=MOMENT) == datetime_s
        assert format_date(MOMENT) == format_date(date(2026, 12, 1)) == day
        assert render("{{ v|day }}", v=MOMENT) == day
        assert format_time(MOMENT) == render("{{ v|clock }}", v=MOMENT) == clock
        assert format_time(time(21, 10, 5), seconds=True) == "21:10:05"
        assert render('{{ v|date:"DATE_FORMAT" }}', v=MOMENT) == day


def test_morning_hours_in_each_language():
    morning = datetime(2026, 12, 1, 0, 5, tzinfo=UTC)  # 9:05 in Tokyo
    with translation.override("ja"):
        assert format_time(morning) == "9:05"
    with translation.override("en"):
        assert format_time(morning) == "09:05"


def test_the_last_minute_of_a_tokyo_day_and_the_first_of_the_next():
    with translation.override("ja"):
        assert format_datetime(LAST_MINUTE) == "2026年12月1日（火）23:59"
        assert format_date(LAST_MINUTE) == "2026年12月1日（火）"
        assert format_datetime(NEXT_DAY) == "2026年12月2日（水）0:00"
        assert format_date(NEXT_DAY) == "2026年12月2日（水）"  # still 1 December in UTC
        assert date_stamp(LAST_MINUTE) == "20261201"
        assert date_stamp(NEXT_DAY) == "20261202"


def test_todays_stamp_is_the_local_day():
    with time_machine.travel(NEXT_DAY, tick=False):
        assert date_stamp() == "20261202"
    with time_machine.travel(LAST_MINUTE, tick=False):
        assert date_stamp() == "20261201"


def test_a_span_names_the_end_time_or_the_end_day():
    end_same_day = datetime(2026, 12, 1, 13, 30, tzinfo=UTC)
    with translation.override("ja"):
        assert format_span(MOMENT, end_same_day) == "2026年12月1日（火）21:10〜22:30"
        assert format_span(MOMENT, NEXT_DAY) == "2026年12月1日（火）21:10〜2026年12月2日（水）0:00"
        assert format_span(MOMENT) == "2026年12月1日（火）21:10"
        assert render("{{ a|span:b }}", a=MOMENT, b=end_same_day) == format_span(
            MOMENT, end_same_day
        )
        assert render("{{ b|span_end:a }}", a=MOMENT, b=NEXT_DAY) == "2026年12月2日（水）0:00"


def test_empty_values_show_nothing():
    assert format_datetime(None) == format_date(None) == format_time(None) == ""
    assert render("{{ v|when }}|{{ v|day }}|{{ v|clock }}", v=None) == "||"


def test_a_bad_filter_argument_is_an_error():
    with pytest.raises(TemplateSyntaxError):
        render('{{ v|when:"minutes" }}', v=MOMENT)


def test_the_zone_label_is_translated_and_follows_the_setting():
    with translation.override("ja"):
        assert zone_label() == "日本時間"
        assert render("{% zone_label %}") == "日本時間"
        assert with_zone("21:10") == "21:10（日本時間）"
    with translation.override("en"):
        assert zone_label() == "Japan time"
        assert with_zone("21:10") == "21:10 (Japan time)"
    with override_settings(TIME_ZONE="Europe/London"), translation.override("ja"):
        assert zone_label() == "Europe/London"
        assert render("{% zone_label as zone %}[{{ zone }}]") == "[Europe/London]"
        # ...and the values are shown in that zone.
        assert format_datetime(MOMENT) == "2026年12月1日（火）12:10"
        assert format_datetime(NEXT_DAY) == "2026年12月1日（火）15:00"


@pytest.mark.django_db
def test_the_footer_names_the_zone_from_settings():
    body = Client().get("/").content.decode()
    assert "時刻はすべて日本時間で表示しています。" in body
    assert "Asia/Tokyo" not in body
    with override_settings(TIME_ZONE="Europe/London"):
        body = Client().get("/").content.decode()
    assert "時刻はすべてEurope/Londonで表示しています。" in body
    assert "日本時間" not in body


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("ja", "2026年12月1日（火）21:10〜23:10（日本時間）"),
        ("en", "Tue 1 Dec 2026, 21:10 – 23:10 (Japan time)"),
    ],
)
def test_the_registration_email_gives_the_span_and_the_zone(language, expected):
    starts = datetime(2026, 12, 1, 21, 10, tzinfo=TOKYO)
    seminar = SeminarPageFactory(
        starts_at=starts, ends_at=datetime(2026, 12, 1, 23, 10, tzinfo=TOKYO)
    )
    registration = SeminarRegistrationFactory(seminar=seminar)
    assert registration_context(registration, language)["when"] == expected


@pytest.mark.django_db
def test_the_seminar_page_shows_start_and_end():
    seminar = SeminarPageFactory(
        starts_at=datetime(2030, 12, 3, 18, 30, tzinfo=TOKYO),
        ends_at=datetime(2030, 12, 3, 20, 0, tzinfo=TOKYO),
    )
    body = Client().get(seminar.url).content.decode()
    assert ">2030年12月3日（火）18:30</time>〜<time" in body
    assert '>20:00</time><span class="muted zone">（日本時間）</span>' in body


def test_exports_write_local_datetimes_to_the_second():
    moment = MOMENT.replace(microsecond=123456)
    assert neutralise(moment) == datetime(2026, 12, 1, 21, 10, 5)


@pytest.mark.django_db
def test_the_registrants_csv_gives_local_times():
    seminar = SeminarPageFactory()
    with time_machine.travel(NEXT_DAY, tick=False):
        SeminarRegistrationFactory(seminar=seminar, name="佐藤 花子")
        request = RequestFactory().get("/")
        request.user = StaffFactory()
        response = course_admin.registrants_csv(request, seminar.pk)
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[1][2] == "佐藤 花子"
    assert rows[1][7] == "2026-12-02 00:00:00"  # created at, Tokyo time
    assert "-registrants-20261202.csv" in response["Content-Disposition"]


@pytest.mark.django_db
def test_an_audit_entry_reads_its_time_in_the_active_language():
    subject = UserFactory(display_name="受講生 一郎")
    with time_machine.travel(datetime(2026, 4, 1, 1, 5, tzinfo=UTC), tick=False):
        entry = record_change(actor=None, obj=subject, action="moved", after={"x": 1})
    with translation.override("ja"):
        assert str(entry) == "2026年4月1日（水）10:05 moved 受講生 一郎"
    with translation.override("en"):
        assert str(entry) == "Wed 1 Apr 2026, 10:05 moved 受講生 一郎"
