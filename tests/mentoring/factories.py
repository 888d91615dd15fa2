"""Factories for mentoring tests (meetings, action items) and the form's POST data."""

import uuid
from datetime import timedelta

import factory
from django.utils import timezone

from tests.factories import MembershipFactory


def days_ago(days):
    return timezone.now().replace(second=0, microsecond=0) - timedelta(days=days)


class MeetingFactory(factory.django.DjangoModelFactory):
    """A meeting held a week ago, in person, recorded by the trainee's first mentor."""

    class Meta:
        model = "mentoring.Meeting"

    trainee = factory.SubFactory(MembershipFactory)
    recorded_by = factory.LazyAttribute(lambda o: (o.trainee.mentors.first() or o.trainee).user)
    held_at = factory.LazyFunction(lambda: days_ago(7))
    mode = "in_person"
    place = "商工会館 相談室"
    agenda = "承継スケジュールの確認"
    notes = "<p>父（現社長）と株式の移転時期について話した。</p>"
    decisions = "来月までに顧問税理士と面談する。"


class ActionItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "mentoring.ActionItem"

    meeting = factory.SubFactory(MeetingFactory)
    text = factory.Sequence(lambda n: f"宿題{n}：決算書を読み込む")
    owner = factory.LazyAttribute(lambda o: o.meeting.trainee)
    due_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=14))


def local_input(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def form_data(meeting=None, *, items=(), extra_rows=2, **changes):
    """What the meeting form posts: the meeting's fields (its current values when given),
    then its action item rows; items: dicts with id, text, owner, due_on, DELETE."""
    data = {
        "version": meeting.version if meeting else "",
        "key": "" if meeting else uuid.uuid4().hex,
        "held_at": local_input(meeting.held_at if meeting else days_ago(1)),
        "mode": meeting.mode if meeting else "in_person",
        "place": meeting.place if meeting else "商工会館 相談室",
        "agenda": meeting.agenda if meeting else "事業承継計画書の進め方",
        "notes": "父の意向を確認した。",
        "decisions": meeting.decisions if meeting else "次回は財務を扱う。",
        "next_meeting_on": "",
    }
    data.update(changes)
    rows = list(items) + [{}] * extra_rows
    data["items-TOTAL_FORMS"] = str(len(rows))
    data["items-INITIAL_FORMS"] = str(sum(1 for row in items if row.get("id")))
    data["items-MIN_NUM_FORMS"] = "0"
    data["items-MAX_NUM_FORMS"] = "30"
    for index, row in enumerate(rows):
        for name in ("id", "text", "owner", "due_on"):
            data[f"items-{index}-{name}"] = row.get(name, "")
        if row.get("DELETE"):
            data[f"items-{index}-DELETE"] = "on"
    return data
