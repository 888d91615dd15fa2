"""Access rows for the meeting log: the index, a trainee's meetings, a meeting, the record
and edit forms, ticking an action item, the meeting policy admin, and the staff-only
confidential view log (a kernel page every confidential feature logs into)."""

from cohorts.mentoring.models import MentoringPolicy
from tests.mentoring.factories import ActionItemFactory, MeetingFactory, form_data

from . import STAFF_ADMIN, Row, expect


def build(world):
    meeting = MeetingFactory(trainee=world.memberships["trainee"])
    world.objects.update(
        meeting=meeting,
        action_item=ActionItemFactory(meeting=meeting),
        other_meeting=MeetingFactory(trainee=world.memberships["other_trainee"]),
        mentoring_policy=MentoringPolicy.objects.create(cohort=world.cohort, gap_weeks=4),
    )


# The trainee, their paired mentor and staff read; everyone else meets a 404.
READ = expect(404, anonymous=302, trainee=200, mentor=200, staff=200)
# The trainee and their paired mentor write (staff read only); a saved form redirects.
WRITE = expect(404, anonymous=302, trainee=200, mentor=200)
WRITE_POST = expect(404, anonymous=302, trainee=302, mentor=302)


def _trainee(w):
    return {"pk": w.memberships["trainee"].pk}


def _meeting(w):
    return {"pk": w.meeting.pk}


def _item(w):
    return {"pk": w.action_item.pk}


ROWS = [
    Row(
        "mentoring:index",
        expect(200, anonymous=302, trainee=302, other_trainee=302, trainee_other_cohort=302),
    ),
    Row("mentoring:meeting_list", READ, kwargs=_trainee),
    Row(
        "mentoring:meeting_list",
        expect(404, anonymous=302, other_trainee=200, other_mentor=200, staff=200),
        kwargs=lambda w: {"pk": w.memberships["other_trainee"].pk},
        label="another trainee's meetings",
    ),
    Row("mentoring:meeting_detail", READ, kwargs=_meeting),
    Row(
        "mentoring:meeting_detail",
        expect(404, anonymous=302, other_trainee=200, other_mentor=200, staff=200),
        kwargs=lambda w: {"pk": w.other_meeting.pk},
        label="another trainee's meeting",
    ),
    Row("mentoring:meeting_create", WRITE, kwargs=_trainee, label="form"),
    Row(
        "mentoring:meeting_create",
        WRITE_POST,
        kwargs=_trainee,
        method="post",
        data=lambda w: form_data(),
        label="record",
    ),
    Row("mentoring:meeting_edit", WRITE, kwargs=_meeting, label="form"),
    Row(
        "mentoring:meeting_edit",
        WRITE_POST,
        kwargs=_meeting,
        method="post",
        data=lambda w: form_data(w.meeting),
        label="save",
    ),
    Row(
        "mentoring:action_item_done",
        WRITE_POST,
        kwargs=_item,
        method="post",
        data=lambda w: {"done": "1"},
        label="mark done",
    ),
    Row(
        "mentoring:action_item_done",
        expect(405, anonymous=302),
        kwargs=_item,
        label="GET is refused",
    ),
    Row("cohorts:confidential_views", expect(404, anonymous=302, staff=200)),
    Row(
        "cohorts:confidential_views",
        expect(404, anonymous=302, staff=200),
        data=lambda w: {"trainee": w.memberships["trainee"].pk, "page": "2"},
        label="filtered",
    ),
    Row("mentoring_policy:index", STAFF_ADMIN),
    Row("mentoring_policy:add", STAFF_ADMIN),
    Row("mentoring_policy:edit", STAFF_ADMIN, kwargs=lambda w: {"pk": w.mentoring_policy.pk}),
]
