"""Factories for attendance tests (sessions, records) and a few helpers."""

from datetime import timedelta

import factory
from django.utils import timezone

from tests.factories import CohortFactory


def soon(minutes=5):
    return timezone.now().replace(microsecond=0) + timedelta(minutes=minutes)


class SessionFactory(factory.django.DjangoModelFactory):
    """Starts in five minutes (its check-in window is open), for three hours."""

    class Meta:
        model = "attendance.Session"

    cohort = factory.SubFactory(CohortFactory)
    title = factory.Sequence(lambda n: f"月例集合セミナー{n}")
    starts_at = factory.LazyFunction(soon)
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=3))
    place = "商工会館 大会議室"
    checkin_code = "123456"


class AttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "attendance.Attendance"

    session = factory.SubFactory(SessionFactory)
    membership = None
    status = "present"
    how = "roster"


def roster_data(memberships, status="present", **exceptions):
    """What the roster form posts: status_<pk> for each trainee; exceptions: {pk: status}."""
    data = {}
    for membership in memberships:
        data[f"status_{membership.pk}"] = exceptions.get(membership.pk, status)
        data[f"note_{membership.pk}"] = ""
    return data
