"""New assignments: when an assignment opens to its cohort, each active trainee gets one
e-mail (through the task worker) and sees it as new on their dashboard until they open it.

Once, ever: saved twice, announced by the job twice, or raced in two workers, each trainee is
told once; one that opens later is told when the scheduled job finds it open.
"""

import threading
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from academy.outbox import OutgoingEmail
from cohorts.coursework.announcements import announce, announce_opened_assignments
from cohorts.coursework.models import Announcement, Assignment
from cohorts.coursework.services.assignments import create_assignment, update_assignment
from tests.conftest import client_for
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def new_assignment(world, **fields):
    now = timezone.now()
    values = {
        "cohort": world.cohort,
        "title": "10年後のビジョン",
        "opens_at": now - timedelta(minutes=1),
        "due_at": now + timedelta(days=14),
    }
    values.update(fields)
    return Assignment(**values)


def test_an_open_assignment_mails_each_trainee_once(world, django_capture_on_commit_callbacks):
    inactive = MembershipFactory(cohort=world.cohort, is_active=True)
    inactive.is_active = False
    inactive.save()
    with django_capture_on_commit_callbacks(execute=True):
        assignment = create_assignment(actor=world.users["staff"], assignment=new_assignment(world))
    assert sorted(m.to[0] for m in mail.outbox) == [
        "w-trainee2@example.com",
        "w-trainee@example.com",
    ]
    message = next(m for m in mail.outbox if m.to == ["w-trainee@example.com"])
    assert message.subject == "【新しい課題】10年後のビジョン"
    assert "2026 第1期に新しい課題「10年後のビジョン」が公開されました" in message.body
    assert reverse("coursework:assignment_detail", args=[assignment.pk]) in message.body
    assignment.refresh_from_db()
    assert assignment.announced_at is not None
    assert Announcement.objects.filter(assignment=assignment).count() == 2

    # Saved again (a new due date), then opened again by the job: nobody is told twice.
    assignment.due_at += timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        update_assignment(actor=world.users["staff"], assignment=assignment)
    assert announce_opened_assignments() == 0
    assert announce(assignment.pk) == 0
    assert len(mail.outbox) == 2
    assert (
        OutgoingEmail.objects.filter(template="cohorts/coursework/email/new_assignment").count()
        == 2
    )


def test_an_assignment_opening_later_is_announced_by_the_job(
    world, django_capture_on_commit_callbacks
):
    opens = timezone.now() + timedelta(days=2)
    with django_capture_on_commit_callbacks(execute=True):
        assignment = create_assignment(
            actor=world.users["staff"], assignment=new_assignment(world, opens_at=opens)
        )
    assert mail.outbox == []
    assert announce_opened_assignments(now=opens - timedelta(seconds=1)) == 0
    assert announce_opened_assignments(now=opens + timedelta(minutes=5)) == 1
    assert len(mail.outbox) == 2
    assert announce_opened_assignments(now=opens + timedelta(minutes=10)) == 0
    assert len(mail.outbox) == 2
    assignment.refresh_from_db()
    assert assignment.announced_at == opens + timedelta(minutes=5)


def test_an_edit_from_a_page_opened_before_the_announcement_keeps_it(
    world, django_capture_on_commit_callbacks
):
    """The admin form's instance was read before the task ran: saving it must not clear
    announced_at (which would announce the assignment a second time)."""
    with django_capture_on_commit_callbacks(execute=True):
        assignment = create_assignment(actor=world.users["staff"], assignment=new_assignment(world))
    stale = Assignment.objects.get(pk=assignment.pk)
    stale.announced_at = None  # as the form's copy had it
    stale.title = "10年後のビジョン（改訂）"
    with django_capture_on_commit_callbacks(execute=True):
        update_assignment(actor=world.users["staff"], assignment=stale)
    assert Assignment.objects.get(pk=assignment.pk).announced_at is not None
    assert len(mail.outbox) == 2


def test_new_on_the_dashboard_until_the_trainee_opens_it(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assignment = create_assignment(actor=world.users["staff"], assignment=new_assignment(world))
    trainee = client_for(world.users["trainee"])
    dashboard = reverse("cohorts:dashboard")
    body = trainee.get(dashboard).content.decode()
    assert "新しい課題" in body and "10年後のビジョン" in body
    # The other trainee opening it changes nothing for 花子; her opening it does.
    client_for(world.users["other_trainee"]).get(
        reverse("coursework:assignment_detail", args=[assignment.pk])
    )
    assert "新しい課題" in trainee.get(dashboard).content.decode()
    assert (
        trainee.get(reverse("coursework:assignment_detail", args=[assignment.pk])).status_code
        == 200
    )
    assert "新しい課題" not in trainee.get(dashboard).content.decode()
    # Other people never see it as new.
    for role in ("trainee_other_cohort", "mentor", "staff"):
        assert "new-assignment" not in client_for(world.users[role]).get(dashboard).content.decode()


@pytest.mark.parametrize("count", [5, 20])
def test_trainee_dashboard_queries_do_not_grow_with_new_assignments(
    world, count, django_assert_num_queries
):
    now = timezone.now()
    for n in range(3):
        MembershipFactory(
            cohort=world.cohort,
            user=UserFactory(email=f"n{n}@example.com"),
            mentors=[world.memberships["mentor"]],
        )
    for n in range(count):
        assignment = Assignment.objects.create(
            cohort=world.cohort,
            title=f"新課題{n}",
            opens_at=now - timedelta(hours=n + 1),
            due_at=now + timedelta(days=n + 1),
        )
        announce(assignment.pk, now=now)
    client = client_for(world.users["trainee"])
    # (no attempts, releases or lesson progress in this world; the completion panel reads 2)
    with django_assert_num_queries(26):
        body = client.get(reverse("cohorts:dashboard")).content.decode()
    assert body.count('class="card due-item new-assignment"') == min(count, 10)  # the newest ten


@pytest.mark.slow
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="a real race needs PostgreSQL")
def test_two_workers_announcing_at_once_tell_each_trainee_once():
    from django.db import connections

    from tests.world import build_world

    world = build_world()
    assignment = new_assignment(world)
    assignment.save()
    barrier = threading.Barrier(2)
    results, errors = [], []

    def work():
        try:
            barrier.wait(timeout=10)
            results.append(announce(assignment.pk))
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    assert sorted(results) == [0, 2]
    assert Announcement.objects.filter(assignment=assignment).count() == 2
    assert (
        OutgoingEmail.objects.filter(template="cohorts/coursework/email/new_assignment").count()
        == 2
    )
