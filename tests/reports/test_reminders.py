"""Staff's "today": one-click reminders, recorded and sent once per Tokyo day per item.

Each item kind goes to its person (missing work and two absences to the trainee, reviews
waiting to that mentor, a session to its cohort's trainees), in the recipient's language; the
page then shows who reminded and when, with the button off. A forged id (another cohort's
trainee, an item that needs nothing, an unknown kind) is a 404; a post without the CSRF token
is refused; two posts at once send one e-mail (raced for real on PostgreSQL).
"""

import threading
from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from academy.outbox import OutgoingEmail
from academy.scheduling.models import SentNotice
from cohorts.attendance.models import Attendance, Session
from cohorts.coursework.models import Assignment, Submission
from cohorts.reports.services.reminders import day_of, send_reminder
from tests.conftest import client_for
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def items(world):
    """Something of every kind in the world's cohort: 花子 (trainee) missed an assignment and
    the last two sessions; other_trainee's attempt waits 10 days for メンター 二郎; a session
    tomorrow."""
    now = timezone.now()
    cohort = world.cohort
    assignment = Assignment.objects.create(
        cohort=cohort,
        title="自社の現状分析",
        opens_at=now - timedelta(days=20),
        due_at=now - timedelta(days=3),
    )
    Submission.objects.create(
        assignment=assignment,
        membership=world.memberships["other_trainee"],
        attempt=1,
        status="submitted",
        submitted_at=now - timedelta(days=10),
        text="<p>回答</p>",
    )
    past = [
        Session.objects.create(
            cohort=cohort,
            title=f"集合研修{n}",
            starts_at=now - timedelta(days=14 - 7 * n),
            ends_at=now - timedelta(days=14 - 7 * n, hours=-2),
        )
        for n in range(2)
    ]
    for session in past:
        Attendance.objects.create(
            session=session, membership=world.memberships["trainee"], status="absent", how="roster"
        )
        Attendance.objects.create(
            session=session,
            membership=world.memberships["other_trainee"],
            status="present",
            how="roster",
        )
    tomorrow = Session.objects.create(
        cohort=cohort,
        title="月例集合セミナー",
        starts_at=now + timedelta(days=1),
        ends_at=now + timedelta(days=1, hours=2),
        place="仙台商工会議所",
    )
    return {"assignment": assignment, "session": tomorrow}


def remind(client, cohort, kind, pk):
    return client.post(reverse("reports:remind", args=[cohort.pk, kind, pk]))


def test_missing_work_reminder_goes_to_the_trainee_once_and_shows_who_sent_it(world):
    items(world)
    staff = client_for(world.users["staff"])
    trainee = world.memberships["trainee"]
    response = remind(staff, world.cohort, "missing", trainee.pk)
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["w-trainee@example.com"]
    assert message.subject == "【提出のお願い】締切を過ぎた課題があります（2026 第1期）"
    assert "自社の現状分析" in message.body and "受講生 花子 様" in message.body
    notice = SentNotice.objects.get()
    assert notice.kind == "reports.reminder.missing"
    assert notice.key == f"{day_of(timezone.now())}:{trainee.pk}"
    assert notice.sent_by == world.users["staff"]
    assert list(notice.recipients.all()) == [trainee.user]

    again = remind(staff, world.cohort, "missing", trainee.pk)
    assert again.status_code == 302
    assert len(mail.outbox) == 1  # not twice the same day
    assert SentNotice.objects.count() == 1

    page = staff.get(reverse("reports:today")).content.decode()
    at = timezone.localtime(notice.sent_at).strftime("%H:%M")
    assert f"本日 {at} に{world.users['staff'].get_full_name()}がリマインド済み" in page
    assert page.count('remind" disabled') == 1
    assert "このリマインドは本日すでに送信済みです。" in page


def test_each_kind_reaches_its_people(world):
    found = items(world)
    staff = client_for(world.users["staff"])
    assert remind(staff, world.cohort, "absent", world.memberships["trainee"].pk).status_code == 302
    assert mail.outbox[-1].to == ["w-trainee@example.com"]
    assert "集合研修0" in mail.outbox[-1].body and "集合研修1" in mail.outbox[-1].body
    other_mentor = world.memberships["other_mentor"]
    assert remind(staff, world.cohort, "waiting", other_mentor.pk).status_code == 302
    assert mail.outbox[-1].to == ["w-mentor2@example.com"]
    assert "講評" in mail.outbox[-1].subject and "自社の現状分析" in mail.outbox[-1].body
    before = len(mail.outbox)
    assert remind(staff, world.cohort, "session", found["session"].pk).status_code == 302
    session_mail = mail.outbox[before:]
    assert sorted(m.to[0] for m in session_mail) == [
        "w-trainee2@example.com",
        "w-trainee@example.com",
    ]
    assert all("月例集合セミナー" in m.subject and "仙台商工会議所" in m.body for m in session_mail)
    assert OutgoingEmail.objects.filter(template__startswith="cohorts/reports/email/").count() == 4


def test_the_recipients_language_is_used(world):
    items(world)
    trainee = world.memberships["trainee"]
    trainee.user.preferred_language = "en"
    trainee.user.save()
    remind(client_for(world.users["staff"]), world.cohort, "missing", trainee.pk)
    assert mail.outbox[0].subject == "Reminder: work past due (2026 第1期)"


def test_forged_items_are_404_and_nothing_is_sent(world):
    found = items(world)
    staff = client_for(world.users["staff"])
    cases = [
        (world.other_cohort, "missing", world.memberships["trainee"].pk),  # another cohort's id
        (world.cohort, "missing", world.memberships["trainee_other_cohort"].pk),
        (world.cohort, "missing", world.memberships["other_trainee"].pk),  # handed in: nothing
        (world.cohort, "absent", world.memberships["other_trainee"].pk),
        (world.cohort, "waiting", world.memberships["mentor"].pk),  # nothing waits for 一郎
        (world.cohort, "session", found["session"].pk + 999),
        (world.other_cohort, "session", found["session"].pk),
        (world.cohort, "seminar", 1),
    ]
    for cohort, kind, pk in cases:
        assert remind(staff, cohort, kind, pk).status_code == 404, (cohort, kind, pk)
    assert mail.outbox == [] and SentNotice.objects.count() == 0


def test_only_staff_may_remind_and_only_by_post_with_csrf(world):
    items(world)
    args = [world.cohort.pk, "missing", world.memberships["trainee"].pk]
    url = reverse("reports:remind", args=args)
    for role in ("trainee", "mentor", "other_mentor"):
        assert client_for(world.users[role]).post(url).status_code == 404
    staff = client_for(world.users["staff"])
    assert staff.get(url).status_code == 405
    guarded = Client(enforce_csrf_checks=True)
    guarded.force_login(world.users["staff"])
    assert guarded.post(url).status_code == 403
    assert mail.outbox == [] and SentNotice.objects.count() == 0


def test_a_new_tokyo_day_is_a_new_occasion(world):
    """23:59 and 00:01 in Tokyo (14:59 and 15:01 UTC) are two days; 00:01 and 23:59 one."""
    items(world)
    row = world.memberships["trainee"]
    staff = world.users["staff"]
    late = datetime(2026, 12, 1, 14, 59, tzinfo=UTC)
    next_morning = datetime(2026, 12, 1, 15, 1, tzinfo=UTC)
    same_day = datetime(2026, 12, 2, 14, 58, tzinfo=UTC)
    assert day_of(late) == "2026-12-01" and day_of(next_morning) == "2026-12-02"

    def send(now):
        return send_reminder(
            actor=staff,
            kind="absent",
            item_id=row.pk,
            item=_row(world),
            recipients=[row.user],
            now=now,
        )

    assert send(late) is True
    assert send(next_morning) is True
    assert send(same_day) is False
    assert len(mail.outbox) == 2


def _row(world):
    from cohorts.reports.progress import build_rows

    (row,) = build_rows(world.users["staff"], [world.memberships["trainee"]])
    return row


@pytest.mark.parametrize("trainees", [3, 30])
def test_today_queries_stay_fixed_with_reminders_sent(world, trainees, django_assert_num_queries):
    items(world)
    mentor = world.memberships["mentor"]
    for n in range(trainees - 2):
        MembershipFactory(
            cohort=world.cohort,
            user=UserFactory(email=f"t{n:02d}@example.com", display_name=f"受講生 {n:02d}"),
            mentors=[mentor],
        )
    staff = client_for(world.users["staff"])
    remind(staff, world.cohort, "missing", world.memberships["trainee"].pk)
    remind(staff, world.cohort, "absent", world.memberships["trainee"].pk)
    with django_assert_num_queries(18):
        body = staff.get(reverse("reports:today")).content.decode()
    assert body.count('remind" disabled') == 2


@pytest.mark.slow
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="a real race needs PostgreSQL")
def test_two_clicks_at_once_send_one_mail():
    from django.db import connections

    from tests.world import build_world

    world = build_world()
    items(world)
    row = _row(world)
    barrier = threading.Barrier(2)
    results, errors = [], []

    def click():
        try:
            barrier.wait(timeout=10)
            results.append(
                send_reminder(
                    actor=world.users["staff"],
                    kind="absent",
                    item_id=row.membership.pk,
                    item=row,
                    recipients=[row.user],
                )
            )
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=click) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    assert sorted(results) == [False, True]
    assert SentNotice.objects.filter(kind="reports.reminder.absent").count() == 1
    assert (
        OutgoingEmail.objects.filter(template="cohorts/reports/email/reminder_absent").count() == 1
    )
