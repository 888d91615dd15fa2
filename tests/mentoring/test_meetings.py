"""The meeting log's rules and write paths: model invariants, recording and editing through
the form (sanitized notes, action items as a formset, double submit), a stale edit refused
with the text kept, audit entries, ticking items, and an archived cohort refusing writes."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from academy.models import AuditEntry
from cohorts.mentoring.models import ActionItem, Meeting
from cohorts.mentoring.services.action_items import set_done
from cohorts.mentoring.services.meetings import MeetingRefused
from tests.conftest import client_for
from tests.mentoring.factories import ActionItemFactory, MeetingFactory, form_data

pytestmark = pytest.mark.django_db


def entries(obj):
    return list(AuditEntry.objects.for_object(obj).order_by("pk"))


# Invariants ------------------------------------------------------------------------------


def test_an_in_person_meeting_says_where_and_the_next_meeting_comes_after(world):
    meeting = MeetingFactory.build(trainee=world.memberships["trainee"], place=" ")
    meeting.next_meeting_on = timezone.localdate(meeting.held_at)
    meeting.agenda = ""
    with pytest.raises(ValidationError) as error:
        meeting.full_clean()
    assert set(error.value.message_dict) == {"place", "next_meeting_on", "agenda"}
    online = MeetingFactory.build(trainee=world.memberships["trainee"], mode="online", place="")
    online.full_clean()  # an online meeting may leave the place empty


def test_a_meeting_belongs_to_a_trainee_membership(world):
    meeting = MeetingFactory.build(trainee=world.memberships["mentor"])
    with pytest.raises(ValidationError) as error:
        meeting.full_clean()
    assert "trainee" in error.value.message_dict


def test_an_action_item_is_owned_by_the_trainee_or_their_mentor(world):
    meeting = MeetingFactory(trainee=world.memberships["trainee"])
    for owner in ("trainee", "mentor"):
        ActionItem(
            meeting=meeting, text="決算書を読む", owner=world.memberships[owner]
        ).full_clean()
    for owner in ("other_mentor", "other_trainee"):
        item = ActionItem(meeting=meeting, text="決算書を読む", owner=world.memberships[owner])
        with pytest.raises(ValidationError) as error:
            item.full_clean()
        assert "owner" in error.value.message_dict


def test_done_by_without_done_at_is_refused_by_the_database(world):
    item = ActionItemFactory(meeting=MeetingFactory(trainee=world.memberships["trainee"]))
    item.done_by = world.users["trainee"]
    with pytest.raises(IntegrityError), transaction.atomic():
        item.save()


# Recording -------------------------------------------------------------------------------


def create_url(world):
    return reverse("mentoring:meeting_create", args=[world.memberships["trainee"].pk])


def test_a_mentor_records_a_meeting_with_action_items_sanitized_and_audited(world):
    mentor = client_for(world.users["mentor"])
    data = form_data(
        notes='父の意向<script>alert(1)</script><a href="javascript:alert(1)">x</a>',
        items=[
            {
                "text": "決算書を読む",
                "owner": world.memberships["trainee"].pk,
                "due_on": "2026-12-20",
            },
            {"text": "税理士を紹介する", "owner": world.memberships["mentor"].pk},
        ],
    )
    response = mentor.post(create_url(world), data)
    meeting = Meeting.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("mentoring:meeting_detail", args=[meeting.pk])
    assert "<script" not in meeting.notes and "javascript:" not in meeting.notes
    assert "父の意向" in meeting.notes
    assert meeting.recorded_by == world.users["mentor"] and meeting.version == 1
    items = list(meeting.action_items.order_by("position"))
    assert [(i.text, i.owner_id) for i in items] == [
        ("決算書を読む", world.memberships["trainee"].pk),
        ("税理士を紹介する", world.memberships["mentor"].pk),
    ]
    assert [e.action for e in entries(meeting)] == ["create"]
    assert entries(meeting)[0].actor == world.users["mentor"]
    assert [e.action for e in entries(items[0])] == ["create"]


def test_the_same_form_posted_twice_records_one_meeting(world):
    trainee = client_for(world.users["trainee"])
    data = form_data(key="double-click")
    assert trainee.post(create_url(world), data).status_code == 302
    assert trainee.post(create_url(world), data).status_code == 302
    assert Meeting.objects.count() == 1


def test_bad_input_is_answered_on_the_field_and_nothing_is_saved(world):
    mentor = client_for(world.users["mentor"])
    response = mentor.post(create_url(world), form_data(place=""))
    assert response.status_code == 400
    assert "面談した場所を入力してください。" in response.content.decode()
    foreign_owner = [{"text": "宿題", "owner": world.memberships["other_mentor"].pk}]
    response = mentor.post(create_url(world), form_data(items=foreign_owner))
    assert response.status_code == 400
    assert 'name="items-0-text" value="宿題"' in response.content.decode()  # kept as typed
    assert Meeting.objects.count() == 0 and ActionItem.objects.count() == 0


def test_an_item_of_another_meeting_cannot_be_slipped_into_the_form(world):
    meeting = MeetingFactory(trainee=world.memberships["trainee"])
    foreign = ActionItemFactory(
        meeting=MeetingFactory(trainee=world.memberships["other_trainee"]), text="他人の宿題"
    )
    mentor = client_for(world.users["mentor"])
    data = form_data(
        meeting,
        items=[{"id": foreign.pk, "text": "書き換え", "owner": world.memberships["trainee"].pk}],
    )
    response = mentor.post(reverse("mentoring:meeting_edit", args=[meeting.pk]), data)
    assert response.status_code == 400
    foreign.refresh_from_db()
    meeting.refresh_from_db()
    assert foreign.text == "他人の宿題" and foreign.meeting.trainee != meeting.trainee
    assert meeting.version == 1


# Editing ---------------------------------------------------------------------------------


def test_an_edit_changes_items_and_leaves_before_and_after_in_the_audit(world):
    meeting = MeetingFactory(trainee=world.memberships["trainee"])
    keep = ActionItemFactory(meeting=meeting, text="残す")
    drop = ActionItemFactory(meeting=meeting, text="外す")
    trainee = client_for(world.users["trainee"])
    owner = world.memberships["trainee"].pk
    data = form_data(
        meeting,
        notes="書き直したメモ",
        items=[
            {"id": keep.pk, "text": "残す（期日変更）", "owner": owner, "due_on": "2027-01-10"},
            {"id": drop.pk, "text": "外す", "owner": owner, "DELETE": True},
            {"text": "新しい宿題", "owner": owner},
        ],
    )
    response = trainee.post(reverse("mentoring:meeting_edit", args=[meeting.pk]), data)
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.version == 2 and meeting.updated_by == world.users["trainee"]
    assert [i.text for i in meeting.action_items.all()] == ["残す（期日変更）", "新しい宿題"]
    update = entries(meeting)[-1]
    assert update.action == "update" and update.actor == world.users["trainee"]
    assert "父（現社長）" in update.before["notes"] and "書き直したメモ" in update.after["notes"]
    assert [e.action for e in entries(keep)] == ["update"]
    assert entries(drop)[0].action == "delete" and entries(drop)[0].before["text"] == "外す"


def test_a_stale_edit_is_refused_with_the_text_kept(world):
    meeting = MeetingFactory(trainee=world.memberships["trainee"])
    url = reverse("mentoring:meeting_edit", args=[meeting.pk])
    mentor, trainee = client_for(world.users["mentor"]), client_for(world.users["trainee"])
    mine = form_data(meeting, notes="メンターが先に保存した内容")
    theirs = form_data(meeting, notes="受講生が同時に書いていた大事な内容")
    assert mentor.post(url, mine).status_code == 302
    response = trainee.post(url, theirs)
    assert response.status_code == 409
    body = response.content.decode()
    assert "受講生が同時に書いていた大事な内容" in body  # the typed text, still in the form
    assert "メンターが先に保存した内容" in body  # what the other person saved, beside it
    assert 'name="version" value="2"' in body
    meeting.refresh_from_db()
    assert "メンターが先に保存した内容" in meeting.notes and meeting.version == 2
    # Saving again from the conflict page (now based on version 2) replaces theirs knowingly.
    again = trainee.post(url, {**theirs, "version": "2"})
    assert again.status_code == 302
    meeting.refresh_from_db()
    assert "受講生が同時に書いていた大事な内容" in meeting.notes and meeting.version == 3


# Action items ----------------------------------------------------------------------------


def test_ticking_an_item_twice_changes_it_once_and_undoing_is_audited(world):
    item = ActionItemFactory(meeting=MeetingFactory(trainee=world.memberships["trainee"]))
    url = reverse("mentoring:action_item_done", args=[item.pk])
    trainee = client_for(world.users["trainee"])
    assert trainee.post(url, {"done": "1"}).status_code == 302
    first = ActionItem.objects.get(pk=item.pk).done_at
    assert trainee.post(url, {"done": "1"}).status_code == 302
    item.refresh_from_db()
    assert item.done_at == first and item.done_by == world.users["trainee"]
    assert client_for(world.users["mentor"]).post(url, {"done": "0"}).status_code == 302
    item.refresh_from_db()
    assert item.done_at is None and item.done_by is None
    assert [(e.action, e.actor.email) for e in entries(item)] == [
        ("done", world.users["trainee"].email),
        ("reopen", world.users["mentor"].email),
    ]


def test_a_toggle_without_a_state_or_to_a_foreign_place_changes_nothing(world):
    item = ActionItemFactory(meeting=MeetingFactory(trainee=world.memberships["trainee"]))
    url = reverse("mentoring:action_item_done", args=[item.pk])
    trainee = client_for(world.users["trainee"])
    assert trainee.post(url, {"done": "maybe"}).status_code == 400
    response = trainee.post(url, {"done": "1", "next": "https://evil.example.com/"})
    assert response["Location"] == reverse("mentoring:meeting_detail", args=[item.meeting_id])


# An archived cohort ----------------------------------------------------------------------


def test_an_archived_cohort_refuses_every_write(world):
    meeting = MeetingFactory(trainee=world.memberships["trainee"])
    item = ActionItemFactory(meeting=meeting)
    world.cohort.status = "archived"
    world.cohort.save()
    mentor = client_for(world.users["mentor"])
    message = str(world.cohort.ARCHIVED_MESSAGE)
    before = AuditEntry.objects.count()

    response = mentor.post(create_url(world), form_data(), follow=True)
    assert Meeting.objects.count() == 1 and message in response.content.decode()
    edit = reverse("mentoring:meeting_edit", args=[meeting.pk])
    response = mentor.post(edit, form_data(meeting, notes="変更"), follow=True)
    assert message in response.content.decode()
    response = mentor.post(
        reverse("mentoring:action_item_done", args=[item.pk]), {"done": "1"}, follow=True
    )
    assert message in response.content.decode()
    item.refresh_from_db()
    meeting.refresh_from_db()
    assert item.done_at is None and meeting.version == 1 and "変更" not in meeting.notes
    assert AuditEntry.objects.count() == before
    with pytest.raises(MeetingRefused):
        set_done(world.users["mentor"], item, True)
    # Still readable, without the buttons that would write.
    page = mentor.get(reverse("mentoring:meeting_detail", args=[meeting.pk])).content.decode()
    assert message in page and edit not in page


def test_a_deactivated_mentor_loses_the_meetings_at_once(world):
    meeting = MeetingFactory(trainee=world.memberships["trainee"])
    mentor = client_for(world.users["mentor"])
    url = reverse("mentoring:meeting_detail", args=[meeting.pk])
    assert mentor.get(url).status_code == 200
    world.memberships["mentor"].is_active = False
    world.memberships["mentor"].save()
    assert mentor.get(url).status_code == 404
    assert mentor.get(reverse("mentoring:meeting_edit", args=[meeting.pk])).status_code == 404


def test_next_meeting_must_be_later_on_the_form(world):
    mentor = client_for(world.users["mentor"])
    yesterday = timezone.localdate() - timedelta(days=1)
    data = form_data(next_meeting_on=str(yesterday - timedelta(days=3)))
    response = mentor.post(create_url(world), data)
    assert response.status_code == 400
    assert "次回面談日はこの面談より後の日付にしてください。" in response.content.decode()


@pytest.mark.slow
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_simultaneous_edits_on_postgresql():
    """Mentor and trainee save the same version at the same instant: one wins, one conflicts."""
    import threading

    from django.db import connection

    from cohorts.mentoring.services.meetings import MeetingChanges, MeetingConflict, update_meeting
    from tests.world import build_world

    if connection.vendor != "postgresql":
        pytest.skip("needs real concurrent transactions (PostgreSQL)")
    world = build_world()
    meeting = MeetingFactory(trainee=world.memberships["trainee"])
    barrier = threading.Barrier(2)
    outcomes = []

    def save(user, text):
        from django.db import connection as thread_connection

        try:
            barrier.wait(timeout=10)
            changes = MeetingChanges(
                held_at=meeting.held_at, mode="online", agenda="議題", notes=text
            )
            update_meeting(user, meeting, based_on=1, changes=changes)
            outcomes.append(("saved", text))
        except MeetingConflict:
            outcomes.append(("conflict", text))
        except Exception as error:  # recorded, so the assertion shows it
            outcomes.append(("error", repr(error)))
        finally:
            thread_connection.close()

    threads = [
        threading.Thread(target=save, args=(world.users["mentor"], "メンターのメモ")),
        threading.Thread(target=save, args=(world.users["trainee"], "受講生のメモ")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sorted(kind for kind, _text in outcomes) == ["conflict", "saved"], outcomes
    winner = next(text for kind, text in outcomes if kind == "saved")
    meeting.refresh_from_db()
    assert meeting.version == 2 and meeting.notes == f"<p>{winner}</p>"
    assert AuditEntry.objects.for_object(meeting).filter(action="update").count() == 1
