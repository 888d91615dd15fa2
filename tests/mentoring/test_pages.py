"""The meeting log's pages and what other pages show of it: the confidential view log (written
for mentors and staff, never for the trainee; staff's page), fixed query counts at two sizes,
action items on the dashboards and in the owner's calendar feed, and staff's today flag."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from cohorts.calendar.feed import build_feed, uid_host
from cohorts.mentoring.models import Meeting, MentoringPolicy
from cohorts.models import ConfidentialView
from tests.conftest import client_for
from tests.factories import MembershipFactory, UserFactory
from tests.mentoring.factories import ActionItemFactory, MeetingFactory, days_ago

pytestmark = pytest.mark.django_db


def ok(client, name, *args, **query):
    response = client.get(reverse(name, args=args), query)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


# The confidential view log ----------------------------------------------------------------


def test_reading_notes_is_logged_for_mentor_and_staff_not_for_the_trainee(world):
    meeting = MeetingFactory(trainee=world.memberships["trainee"])
    ok(client_for(world.users["trainee"]), "mentoring:meeting_detail", meeting.pk)
    ok(client_for(world.users["trainee"]), "mentoring:meeting_edit", meeting.pk)
    assert ConfidentialView.objects.count() == 0
    ok(client_for(world.users["mentor"]), "mentoring:meeting_detail", meeting.pk)
    ok(client_for(world.users["mentor"]), "mentoring:meeting_edit", meeting.pk)
    ok(client_for(world.users["staff"]), "mentoring:meeting_detail", meeting.pk)
    rows = list(ConfidentialView.objects.newest_first())
    assert [r.viewer for r in rows] == [
        world.users["staff"],
        world.users["mentor"],
        world.users["mentor"],
    ]
    assert {r.trainee for r in rows} == {world.memberships["trainee"]}
    assert {r.object_id for r in rows} == {str(meeting.pk)}
    assert rows[1].path == reverse("mentoring:meeting_edit", args=[meeting.pk])
    # Someone refused (another mentor) leaves no row: the 404 comes first.
    client_for(world.users["other_mentor"]).get(
        reverse("mentoring:meeting_detail", args=[meeting.pk])
    )
    assert ConfidentialView.objects.count() == 3


def test_staff_read_the_log_newest_first_filtered_and_paginated(world):
    meeting = MeetingFactory(trainee=world.memberships["trainee"])
    other = MeetingFactory(trainee=world.memberships["other_trainee"])
    ok(client_for(world.users["mentor"]), "mentoring:meeting_detail", meeting.pk)
    ok(client_for(world.users["other_mentor"]), "mentoring:meeting_detail", other.pk)
    staff = client_for(world.users["staff"])
    body = ok(staff, "cohorts:confidential_views")
    assert body.index("メンター 二郎") < body.index("メンター 一郎")  # newest first
    assert "面談" in body and str(meeting) in body  # the kind and what
    body = ok(staff, "cohorts:confidential_views", trainee=world.memberships["trainee"].pk)
    assert "メンター 一郎" in body and "メンター 二郎" not in body
    assert "2 / 1" not in ok(staff, "cohorts:confidential_views", page="99")  # last page


@pytest.mark.parametrize("size", [3, 40])
def test_the_log_page_has_a_fixed_query_count(world, size, django_assert_num_queries):
    meeting = MeetingFactory(trainee=world.memberships["trainee"])
    ConfidentialView.objects.bulk_create(
        ConfidentialView(
            trainee=world.memberships["trainee"],
            viewer=world.users["mentor"],
            viewer_name="メンター 一郎",
            content_type_id=ConfidentialView._meta.get_field("content_type")
            .related_model.objects.get_for_model(Meeting)
            .pk,
            object_id=str(meeting.pk),
            object_repr=str(meeting),
        )
        for _ in range(size)
    )
    staff = client_for(world.users["staff"])
    with django_assert_num_queries(5):
        ok(staff, "cohorts:confidential_views")


# Fixed query counts ------------------------------------------------------------------------


def meetings_for(membership, count, items_each=2):
    meetings = [
        MeetingFactory(trainee=membership, held_at=days_ago(7 * n + 1)) for n in range(count)
    ]
    for meeting in meetings:
        for _ in range(items_each):
            ActionItemFactory(meeting=meeting)
    return meetings


@pytest.mark.parametrize("size", [2, 12])
def test_list_and_detail_have_a_fixed_query_count(world, size, django_assert_num_queries):
    meetings = meetings_for(world.memberships["trainee"], size, items_each=size // 2)
    trainee_pk = world.memberships["trainee"].pk
    mentor = client_for(world.users["mentor"])
    with django_assert_num_queries(7):
        body = ok(mentor, "mentoring:meeting_list", trainee_pk)
    assert body.count('class="card meeting-card"') == size
    with django_assert_num_queries(7):
        ok(mentor, "mentoring:meeting_detail", meetings[0].pk)
    with django_assert_num_queries(7):
        ok(mentor, "mentoring:meeting_edit", meetings[0].pk)


def trainees_of_mentor(world, count):
    mentor = world.memberships["mentor"]
    members = [world.memberships["trainee"]]
    for n in range(count - 1):
        user = UserFactory(email=f"m{n:02d}@example.com", display_name=f"受講生 {n:02d}")
        members.append(MembershipFactory(cohort=world.cohort, user=user, mentors=[mentor]))
    return members


@pytest.mark.parametrize("size", [2, 15])
def test_index_and_today_have_a_fixed_query_count(world, size, django_assert_num_queries):
    for member in trainees_of_mentor(world, size):
        meetings_for(member, 1, items_each=1)
    mentor, staff = client_for(world.users["mentor"]), client_for(world.users["staff"])
    with django_assert_num_queries(4):
        body = ok(mentor, "mentoring:index")
    assert body.count('<th scope="row"') == size
    with django_assert_num_queries(16):
        ok(staff, "reports:today")


# Dashboards ----------------------------------------------------------------------------------


def test_the_trainees_dashboard_lists_open_items_and_the_mentors_rows_overdue_ones(world):
    meeting = MeetingFactory(trainee=world.memberships["trainee"])
    today = timezone.localdate()
    ActionItemFactory(meeting=meeting, text="期日が過ぎた宿題", due_on=today - timedelta(days=2))
    ActionItemFactory(meeting=meeting, text="これからの宿題", due_on=today + timedelta(days=5))
    ActionItemFactory(
        meeting=meeting, text="済んだ宿題", done_at=timezone.now(), done_by=world.users["trainee"]
    )
    ActionItemFactory(
        meeting=MeetingFactory(trainee=world.memberships["other_trainee"]), text="他人の宿題"
    )
    body = ok(client_for(world.users["trainee"]), "cohorts:dashboard")
    assert "期日が過ぎた宿題" in body and "これからの宿題" in body
    assert "済んだ宿題" not in body and "他人の宿題" not in body
    assert body.index("期日が過ぎた宿題") < body.index("これからの宿題")
    body = ok(client_for(world.users["mentor"]), "cohorts:dashboard")
    assert "締切を過ぎた宿題1件" in body
    assert "他人の宿題" not in ok(client_for(world.users["other_mentor"]), "cohorts:dashboard")


@pytest.mark.parametrize("size", [2, 20])
def test_dashboards_with_items_keep_a_fixed_query_count(world, size, django_assert_num_queries):
    members = trainees_of_mentor(world, size)
    for member in members:
        for meeting in meetings_for(member, 2, items_each=size // 2):
            ActionItemFactory(meeting=meeting, due_on=timezone.localdate() - timedelta(days=1))
    mentor, trainee = client_for(world.users["mentor"]), client_for(world.users["trainee"])
    with django_assert_num_queries(17):
        ok(mentor, "cohorts:dashboard")
    with django_assert_num_queries(25):
        ok(trainee, "cohorts:dashboard")


# Calendar feed ---------------------------------------------------------------------------


def feed_items(user):
    calendar = Calendar.from_ical(build_feed(user))
    return {
        str(e["uid"]): e
        for e in calendar.walk("VEVENT")
        if str(e["uid"]).startswith("action-item-")
    }


def test_the_feed_holds_the_open_dated_items_its_owner_owns(world):
    meeting = MeetingFactory(trainee=world.memberships["trainee"])
    due = timezone.localdate() + timedelta(days=3)
    own = ActionItemFactory(meeting=meeting, text="決算書を読む", due_on=due)
    mentors = ActionItemFactory(meeting=meeting, owner=world.memberships["mentor"], due_on=due)
    ActionItemFactory(meeting=meeting, due_on=None)
    ActionItemFactory(meeting=meeting, done_at=timezone.now(), done_by=world.users["trainee"])
    host = uid_host()
    trainee_items = feed_items(world.users["trainee"])
    assert set(trainee_items) == {f"action-item-{own.pk}@{host}"}
    event = trainee_items[f"action-item-{own.pk}@{host}"]
    assert event.decoded("dtstart") == due  # all day, on its due date
    assert event.decoded("dtend") == due + timedelta(days=1)
    assert "決算書を読む" in str(event["summary"])
    assert set(feed_items(world.users["mentor"])) == {f"action-item-{mentors.pk}@{host}"}
    for role in ("other_trainee", "other_mentor", "staff"):
        assert feed_items(world.users[role]) == {}
    assert set(feed_items(world.users["trainee"])) == set(trainee_items)  # stable UIDs


def test_an_unpaired_mentors_items_leave_their_feed(world):
    meeting = MeetingFactory(trainee=world.memberships["trainee"])
    ActionItemFactory(meeting=meeting, owner=world.memberships["mentor"])
    world.memberships["trainee"].mentors.clear()
    assert feed_items(world.users["mentor"]) == {}


# Staff's today ---------------------------------------------------------------------------


def test_today_flags_trainees_no_mentor_has_met_for_the_cohorts_weeks(world):
    MeetingFactory(trainee=world.memberships["trainee"], held_at=days_ago(7 * 5))
    MeetingFactory(trainee=world.memberships["other_trainee"], held_at=days_ago(7))
    staff = client_for(world.users["staff"])
    body = ok(staff, "reports:today")
    assert "6週間以上面談がない受講生" in body
    section = body[body.index("6週間以上面談がない受講生") :]
    section = section[: section.index("</ul>")] if "</ul>" in section else section
    assert "受講生 花子" not in section  # five weeks: not yet
    MentoringPolicy.objects.create(cohort=world.cohort, gap_weeks=4)
    body = ok(staff, "reports:today")
    section = body[body.index("4週間以上面談がない受講生") :]
    section = section[: section.index("</ul>")]
    assert "受講生 花子" in section and "受講生 次郎" not in section
