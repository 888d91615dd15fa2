"""Dates and times in templates, through academy.datetimes (the one formatter).

{% load datetimes %}
{{ seminar.starts_at|when }}            2026年12月1日（火）21:10
{{ entry.created_at|when:"seconds" }}   2026年12月1日（火）21:10:05
{{ seminar.starts_at|day }}             2026年12月1日（火）
{{ seminar.ends_at|clock }}             22:30
{{ seminar.starts_at|span:seminar.ends_at }}      2026年12月1日（火）21:10〜22:30
{{ seminar.ends_at|span_end:seminar.starts_at }}  22:30 (a datetime on another day)
{{ due|when|with_zone }}                2026年12月1日（火）21:10（日本時間）
{{ due|remaining }}                     18時間43分 (time left; "" once past)
{% zone_label %}  or  {% zone_label as zone %}    日本時間
{% zone_note %}                         （日本時間） / (Japan time)
{% span_dash %}                         〜 / " – " (between a span's two <time> elements)
"""

from django import template

from academy import datetimes

register = template.Library()


def _seconds(arg):
    if arg in (None, ""):
        return False
    if arg == "seconds":
        return True
    raise template.TemplateSyntaxError(f'Use "seconds" or nothing, not {arg!r}.')


@register.filter
def when(value, arg=None):
    return datetimes.format_datetime(value, seconds=_seconds(arg))


@register.filter
def day(value):
    return datetimes.format_date(value)


@register.filter
def clock(value, arg=None):
    return datetimes.format_time(value, seconds=_seconds(arg))


@register.filter
def span(start, end):
    return datetimes.format_span(start, end)


@register.filter
def span_end(end, start):
    return datetimes.format_span_end(end, start)


@register.filter
def with_zone(text):
    return datetimes.with_zone(text)


@register.simple_tag
def zone_label():
    return datetimes.zone_label()


@register.filter
def remaining(value):
    return datetimes.format_remaining(value)


@register.simple_tag
def zone_note():
    """The zone in brackets, to follow a time: （日本時間） / (Japan time)."""
    return datetimes.with_zone("")


@register.simple_tag
def span_dash():
    return datetimes.span_dash()
