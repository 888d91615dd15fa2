"""Helpers shared by the seminar registration test files."""

from django.urls import reverse
from icalendar import Calendar


def form_data(**overrides):
    data = {
        "name": "山田 太郎",
        "company": "山田製作所",
        "email": "taro@example.com",
        "phone": "090-1234-5678",
        "note": "駐車場はありますか",
        "website": "",
    }
    data.update(overrides)
    return data


def register(client, seminar, **overrides):
    url = reverse("courses:seminar_register", args=[seminar.pk])
    return client.post(url, form_data(**overrides))


def parse_ics(text):
    calendar = Calendar.from_ical(text)
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 1
    return calendar, events[0]
