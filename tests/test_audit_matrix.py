"""The audit matrix: every audited model × every screen that writes it → exactly one entry.

How it works
------------
`WRITES` is a table of rows, one per (audited model, screen, kind of change). A row performs
the change through the real HTTP views with the test client as the right role (site views
and Wagtail admin) against a fresh `world` (tests/world.py), then the test checks that every
object the row names got EXACTLY ONE new AuditEntry (and nothing else got one) with the
row's action, the acting user, `before` None on create / `after` None on delete, and the
row's own check on before/after. A row with `entries=0` is a change that touches no audited
field (an assignment's title) and must leave no entry at all.

`BAD_INPUT` holds, per screen, input the screen must refuse: no entry is written and the
audited tables are exactly as they were.

`test_every_audited_write_screen_has_a_row` walks the URL resolver: every admin view (a view
whose module is named `*admin*`) of an audited model other than a read-only listing, every
admin view of our apps without a model (it must be classified in ADMIN_VIEWS_WITHOUT_MODEL)
and every site view in SITE_WRITE_VIEWS needs a WRITES row and a BAD_INPUT row. A new write
screen therefore fails here until it has both.

Adding a screen: add a `Write(...)` row (and a `Bad(...)` row); `perform(client, world)`
posts and returns the audited objects it expects entries for.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from wagtail.admin.views.generic import HistoryView, IndexView, InspectView
from wagtail.admin.views.generic.usage import UsageView

from academy.models import AuditEntry
from cohorts.attendance.models import Attendance
from cohorts.coursework.models import Assignment, Extension
from cohorts.mentoring.models import ActionItem, Meeting
from cohorts.models import Invitation, Membership
from cohorts.review.models import GuestEvaluator, ReleasePolicy, Review
from cohorts.review.services.guests import invite_guest
from cohorts.review.services.policy import set_release_policy
from cohorts.review.services.reviews import Changes, criteria_of, save_review
from tests.attendance.factories import AttendanceFactory, SessionFactory, roster_data
from tests.conftest import client_for
from tests.factories import (
    AssignmentFactory,
    ExtensionFactory,
    MembershipFactory,
    RubricFactory,
    UserFactory,
    jst,
    submitted_attempt,
)
from tests.factories import (
    assignment_form_data as assignment_data,
)
from tests.mentoring.factories import ActionItemFactory, MeetingFactory
from tests.mentoring.factories import form_data as meeting_form
from tests.test_access import _innermost_view

pytestmark = pytest.mark.django_db

AUDITED_MODELS = (
    Membership,
    Extension,
    Assignment,
    Attendance,
    Review,
    GuestEvaluator,
    ReleasePolicy,
    Meeting,
    ActionItem,
)

# Site (non-admin) views that write an audited model. A new one must be listed here.
SITE_WRITE_VIEWS = {
    "coursework:extension_grant": Extension,
    "attendance:roster": Attendance,
    "attendance:checkin": Attendance,
    "review:review_detail": Review,
    "review:autosave": Review,
    "review:reassign": Review,
    "review:assignment_release": Review,
    "review:guest_score": Review,
    "review:guest_list": GuestEvaluator,
    "review:guest_revoke": GuestEvaluator,
    "review:cohort_policy": ReleasePolicy,
    "mentoring:meeting_create": Meeting,
    "mentoring:meeting_edit": Meeting,
    "mentoring:action_item_done": ActionItem,
}

# Our admin views that are plain functions (no model on the view): which audited model each
# writes, or None with the reason it writes none. A new one must be classified here.
ADMIN_VIEWS_WITHOUT_MODEL = {
    "cohorts_admin:invite": Membership,
    "cohorts_admin:roster_import": Membership,
    "cohorts_admin:reinvite": None,  # a new Invitation only; the membership is unchanged
    "cohorts_admin:roster_template": None,  # a CSV download
    "coursework_admin:rubric_copy": None,  # a Rubric, not audited
    "courses_admin:seminar_registrants": None,  # read-only list of seminar registrants
    "courses_admin:seminar_registrants_csv": None,  # read-only CSV download
}

# Wagtail's generic views that only read.
READ_ONLY_VIEWS = (IndexView, HistoryView, UsageView, InspectView)

OUR_APPS = ("academy", "courses", "cohorts")


# ---- helpers ------------------------------------------------------------------------------


def at(value):
    """A datetime from the audit JSON (ISO 8601, any offset), for comparing instants."""
    return datetime.fromisoformat(value)


def client_as(world, role):
    return client_for(world.users[role])


def assignment_in(world, **changes):
    """An assignment of the world's cohort: opens 2026-11-01 09:00, due 2026-12-01 23:59 JST."""
    values = {
        "cohort": world.cohort,
        "opens_at": jst(2026, 11, 1, 9, 0),
        "due_at": jst(2026, 12, 1, 23, 59),
        "late_policy": "cutoff",
        "cutoff_at": jst(2026, 12, 5, 23, 59),
        "points": Decimal("50"),
        "max_attempts": None,
        "parts": "files",
        "file_types": ["xlsx", "pdf"],
    }
    values.update(changes)
    return AssignmentFactory(**values)


def assignment_form_of(world, assignment, **changes):
    """assignment_data for an existing assignment, so only `changes` differ from the row."""
    data = assignment_data(
        world,
        title=assignment.title,
        opens_at="2026-11-01T09:00",
        due_at="2026-12-01T23:59",
        cutoff_at="2026-12-05T23:59",
    )
    data.update(changes)
    return data


def membership_data(membership, **changes):
    data = {
        "user": membership.user_id,
        "cohort": membership.cohort_id,
        "role": membership.role,
        "mentors": [m.pk for m in membership.mentors.all()],
    }
    if membership.is_active:
        data["is_active"] = "on"
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def post_ok(client, url, data=None, status=302):
    response = client.post(url, data or {})
    assert response.status_code == status, response.content.decode()[:3000]
    return response


def state():
    """Everything an audited screen could change, to prove a refused input changed nothing."""
    return {
        "memberships": list(
            Membership.objects.order_by("pk").values("pk", "user", "cohort", "role", "is_active")
        ),
        "pairings": sorted(
            Membership.mentors.through.objects.values_list("from_membership", "to_membership")
        ),
        "extensions": list(Extension.objects.order_by("pk").values()),
        "assignments": list(Assignment.objects.order_by("pk").values()),
        "users": sorted(get_user_model().objects.values_list("email", flat=True)),
        "invitations": Invitation.objects.count(),
        "attendance": list(Attendance.objects.order_by("pk").values()),
        "reviews": list(Review.objects.order_by("pk").values()),
        "guests": list(GuestEvaluator.objects.order_by("pk").values()),
        "policies": list(ReleasePolicy.objects.order_by("pk").values()),
        "meetings": list(Meeting.objects.order_by("pk").values()),
        "action_items": list(ActionItem.objects.order_by("pk").values()),
        "audit": AuditEntry.objects.count(),
    }


# ---- the rows: screens that write an audited model ----------------------------------------


@dataclass
class Write:
    model: type
    screen: str  # URL name of the screen
    role: str  # who performs it (a key of world.users)
    perform: Callable  # (client, world) -> [audited objects expected to get an entry]
    action: str | None  # expected AuditEntry.action (None when entries == 0)
    check: Callable = lambda world, obj, before, after: None  # noqa: E731
    label: str = ""
    entries: int = 1  # per object: 1, or 0 for a change of no audited field
    settings: dict = field(default_factory=dict)
    creates: bool = False  # an action other than "create" that makes the object (before None)
    # (world) -> anything, run before the entries are counted (its own entries do not count);
    # perform finds it as world.prepared
    prepare: Callable | None = None


# Memberships and pairings (cohorts) --------------------------------------------------------


def membership_add(client, world):
    person = UserFactory(email="added@example.com")
    post_ok(
        client,
        reverse("cohorts_membership:add"),
        {
            "user": person.pk,
            "cohort": world.cohort.pk,
            "role": "trainee",
            "is_active": "on",
            "mentors": [world.memberships["mentor"].pk],
        },
    )
    return [Membership.objects.get(user=person, cohort=world.cohort)]


def check_membership_added(world, obj, before, after):
    assert after["user"] == obj.user_id
    assert after["cohort"] == world.cohort.pk
    assert (after["role"], after["is_active"]) == ("trainee", True)
    assert after["mentors"] == [world.memberships["mentor"].pk]


def membership_pair(client, world):
    trainee = world.memberships["trainee"]
    mentors = [world.memberships["mentor"].pk, world.memberships["other_mentor"].pk]
    post_ok(
        client,
        reverse("cohorts_membership:edit", args=[trainee.pk]),
        membership_data(trainee, mentors=mentors),
    )
    return [trainee]


def check_paired(world, obj, before, after):
    mentor, other = world.memberships["mentor"].pk, world.memberships["other_mentor"].pk
    assert before["mentors"] == [mentor]
    assert after["mentors"] == sorted([mentor, other])
    assert {k: v for k, v in before.items() if k != "mentors"} == {
        k: v for k, v in after.items() if k != "mentors"
    }


def membership_deactivate(client, world):
    trainee = world.memberships["trainee"]
    post_ok(
        client,
        reverse("cohorts_membership:edit", args=[trainee.pk]),
        membership_data(trainee, is_active=None),
    )
    trainee.refresh_from_db()
    assert not trainee.is_active
    return [trainee]


def check_deactivated(world, obj, before, after):
    assert (before["is_active"], after["is_active"]) == (True, False)
    assert before["mentors"] == after["mentors"] == [world.memberships["mentor"].pk]


def membership_delete(client, world):
    trainee = world.memberships["other_trainee"]
    post_ok(client, reverse("cohorts_membership:delete", args=[trainee.pk]))
    assert not Membership.objects.filter(pk=trainee.pk).exists()
    return [trainee]


def check_membership_deleted(world, obj, before, after):
    assert before["user"] == world.users["other_trainee"].pk
    assert before["mentors"] == [world.memberships["other_mentor"].pk]


def invite(client, world):
    post_ok(
        client,
        reverse("cohorts_admin:invite"),
        {
            "cohort": world.cohort.pk,
            "email": "invited@example.com",
            "name": "招待 太郎",
            "role": "trainee",
            "mentors": [world.memberships["other_mentor"].pk],
            "language": "ja",
        },
    )
    return [Membership.objects.get(user__email="invited@example.com")]


def check_invited(world, obj, before, after):
    assert after["user"] == get_user_model().objects.get(email="invited@example.com").pk
    assert (after["cohort"], after["role"]) == (world.cohort.pk, "trainee")
    assert after["mentors"] == [world.memberships["other_mentor"].pk]


ROSTER = (
    "email,name,role,mentors,language\n"
    "roster.mentor@example.com,名簿 先生,mentor,,ja\n"
    "roster.trainee@example.com,名簿 花子,trainee,roster.mentor@example.com;w-mentor@example.com,\n"
)


def roster_upload(client, world, text):
    response = client.post(
        reverse("cohorts_admin:roster_import"),
        {"cohort": world.cohort.pk, "file": SimpleUploadedFile("r.csv", text.encode("utf-8"))},
    )
    assert response.status_code == 200
    return response


def roster_import(client, world):
    preview = roster_upload(client, world, ROSTER)
    assert AuditEntry.objects.count() == 0  # the preview saves nothing
    post_ok(client, reverse("cohorts_admin:roster_import"), {"payload": preview.context["payload"]})
    return list(
        Membership.objects.filter(
            user__email__in=["roster.mentor@example.com", "roster.trainee@example.com"]
        ).order_by("role")
    )


def check_roster(world, obj, before, after):
    assert (after["user"], after["cohort"], after["role"]) == (
        obj.user_id,
        world.cohort.pk,
        obj.role,
    )
    if obj.role == "trainee":
        new_mentor = Membership.objects.get(user__email="roster.mentor@example.com")
        assert after["mentors"] == sorted([new_mentor.pk, world.memberships["mentor"].pk])
    else:
        assert after["mentors"] == []


# Extensions (coursework) ------------------------------------------------------------------


def extension_grant_site(client, world):
    assignment = assignment_in(world)
    trainee = world.memberships["trainee"]
    post_ok(
        client,
        reverse("coursework:extension_grant", args=[assignment.pk, trainee.pk]),
        {"due_at": "2026-12-08T23:59", "reason": "出張のため"},
    )
    return [Extension.objects.get(assignment=assignment, membership=trainee)]


def extension_change_site(client, world):
    assignment = assignment_in(world)
    trainee = world.memberships["trainee"]
    extension = ExtensionFactory(
        assignment=assignment, membership=trainee, due_at=jst(2026, 12, 4, 23, 59)
    )
    post_ok(
        client,
        reverse("coursework:extension_grant", args=[assignment.pk, trainee.pk]),
        {"due_at": "2026-12-08T23:59", "reason": "出張のため"},
    )
    return [extension]


def check_granted(role):
    def check(world, obj, before, after):
        assert at(after["due_at"]) == jst(2026, 12, 8, 23, 59)
        assert after["reason"] == "出張のため"
        assert after["granted_by"] == world.users[role].pk

    return check


def check_changed(role):
    def check(world, obj, before, after):
        assert at(before["due_at"]) == jst(2026, 12, 4, 23, 59)
        assert before["reason"] == "体調不良のため"
        assert at(after["due_at"]) == jst(2026, 12, 8, 23, 59)
        assert after["granted_by"] == world.users[role].pk

    return check


def extension_add_admin(client, world):
    assignment = assignment_in(world)
    trainee = world.memberships["trainee"]
    post_ok(
        client,
        reverse("coursework_extension:add"),
        {
            "assignment": assignment.pk,
            "membership": trainee.pk,
            "due_at": "2026-12-08T23:59",
            "reason": "出張のため",
        },
    )
    return [Extension.objects.get(assignment=assignment, membership=trainee)]


def extension_edit_admin(client, world):
    extension = ExtensionFactory(
        assignment=assignment_in(world),
        membership=world.memberships["trainee"],
        due_at=jst(2026, 12, 4, 23, 59),
    )
    post_ok(
        client,
        reverse("coursework_extension:edit", args=[extension.pk]),
        {"due_at": "2026-12-08T23:59", "reason": "出張のため"},
    )
    return [extension]


def extension_delete_admin(client, world):
    extension = ExtensionFactory(
        assignment=assignment_in(world),
        membership=world.memberships["trainee"],
        due_at=jst(2026, 12, 4, 23, 59),
    )
    post_ok(client, reverse("coursework_extension:delete", args=[extension.pk]))
    assert not Extension.objects.filter(pk=extension.pk).exists()
    return [extension]


def check_extension_deleted(world, obj, before, after):
    assert at(before["due_at"]) == jst(2026, 12, 4, 23, 59)
    assert before["reason"] == "体調不良のため"


# Assignments (coursework) -----------------------------------------------------------------


def assignment_add(client, world):
    post_ok(client, reverse("coursework_assignment:add"), assignment_data(world))
    return [Assignment.objects.get(title="課題: 株主構成の整理")]


def check_assignment_added(world, obj, before, after):
    assert at(after["opens_at"]) == jst(2026, 11, 1, 9, 0)
    assert at(after["due_at"]) == jst(2026, 12, 1, 23, 59)
    assert at(after["cutoff_at"]) == jst(2026, 12, 5, 23, 59)
    assert after["late_policy"] == "cutoff"
    assert Decimal(after["points"]) == Decimal("50")
    assert after["max_attempts"] is None


def assignment_edit_dates(client, world):
    assignment = assignment_in(world)
    post_ok(
        client,
        reverse("coursework_assignment:edit", args=[assignment.pk]),
        assignment_form_of(
            world,
            assignment,
            due_at="2026-12-08T23:59",
            late_policy="accept",
            cutoff_at="",
            points="60",
        ),
    )
    return [assignment]


def check_assignment_dates(world, obj, before, after):
    assert at(before["due_at"]) == jst(2026, 12, 1, 23, 59)
    assert at(after["due_at"]) == jst(2026, 12, 8, 23, 59)
    assert (before["late_policy"], after["late_policy"]) == ("cutoff", "accept")
    assert at(before["cutoff_at"]) == jst(2026, 12, 5, 23, 59) and after["cutoff_at"] is None
    assert (Decimal(before["points"]), Decimal(after["points"])) == (50, 60)
    assert at(before["opens_at"]) == at(after["opens_at"]) == jst(2026, 11, 1, 9, 0)


def assignment_edit_title(client, world):
    assignment = assignment_in(world)
    post_ok(
        client,
        reverse("coursework_assignment:edit", args=[assignment.pk]),
        assignment_form_of(world, assignment, title="改題: 株主構成"),
    )
    assignment.refresh_from_db()
    assert assignment.title == "改題: 株主構成"  # the edit was saved ...
    return [assignment]  # ... and wrote no entry


def assignment_delete(client, world):
    assignment = assignment_in(world)
    post_ok(client, reverse("coursework_assignment:delete", args=[assignment.pk]))
    assert not Assignment.objects.filter(pk=assignment.pk).exists()
    return [assignment]


def check_assignment_deleted(world, obj, before, after):
    assert at(before["due_at"]) == jst(2026, 12, 1, 23, 59)
    assert Decimal(before["points"]) == Decimal("50")


# Attendance ---------------------------------------------------------------------------------


def roster_create(client, world):
    session = SessionFactory(cohort=world.cohort)
    trainee, other = world.memberships["trainee"], world.memberships["other_trainee"]
    post_ok(
        client,
        reverse("attendance:roster", args=[session.pk]),
        {**roster_data([trainee, other]), f"status_{other.pk}": "absent"},
    )
    return list(Attendance.objects.filter(session=session).order_by("membership__user__email"))


def check_roster_created(role):
    def check(world, obj, before, after):
        expected = "present" if obj.membership == world.memberships["trainee"] else "absent"
        assert (after["status"], after["how"]) == (expected, "roster")
        assert after["recorded_by"] == world.users[role].pk

    return check


def roster_correct(client, world):
    record = AttendanceFactory(
        session=SessionFactory(cohort=world.cohort), membership=world.memberships["trainee"]
    )
    post_ok(
        client,
        reverse("attendance:roster", args=[record.session_id]),
        roster_data([world.memberships["trainee"]], status="excused"),
    )
    return [record]


def check_roster_corrected(world, obj, before, after):
    assert (before["status"], after["status"]) == ("present", "excused")
    assert (before["how"], after["how"]) == ("roster", "correction")
    assert after["recorded_by"] == world.users["mentor"].pk


def self_checkin(client, world):
    session = SessionFactory(cohort=world.cohort)
    post_ok(client, reverse("attendance:checkin", args=[session.pk]), {"code": "１２３４５６"})
    return [Attendance.objects.get(session=session)]


def check_checked_in(world, obj, before, after):
    assert (after["status"], after["how"]) == ("present", "self_checkin")
    assert after["recorded_by"] == world.users["trainee"].pk
    assert obj.membership == world.memberships["trainee"]


# Reviews ----------------------------------------------------------------------------------------


def rubric_submission(world, trainee="trainee"):
    assignment = AssignmentFactory(
        cohort=world.cohort, rubric=RubricFactory(), points=100, max_attempts=3
    )
    return submitted_attempt(assignment, world.memberships[trainee], key=f"matrix-{trainee}")


def review_data(submission, version, action="save", **fields):
    data = {"version": version, "action": action, "adjustment": "0", "feedback": "<p>良い</p>"}
    for criterion in criteria_of(submission.assignment):
        data[f"criterion_{criterion.pk}"] = criterion.levels.all()[0].pk  # 優: 3 points
    data.update(fields)
    return data


def _draft(world, submission):
    return save_review(
        world.users["mentor"],
        submission,
        based_on=0,
        changes=Changes(feedback="<p>下書き</p>"),
    )


def review_save(client, world):
    submission = rubric_submission(world)
    post_ok(
        client, reverse("review:review_detail", args=[submission.pk]), review_data(submission, 0)
    )
    return [Review.objects.get(submission=submission)]


def check_review_saved(world, obj, before, after):
    assert after["state"] == "draft"
    assert after["points"] == "100.00" and len(after["scores"]) == 2
    assert after["feedback"] == "<p>良い</p>"


def _drafted(world):
    return _draft(world, rubric_submission(world))


def review_release(client, world):
    review = world.prepared
    submission = review.submission
    post_ok(
        client,
        reverse("review:review_detail", args=[submission.pk]),
        review_data(submission, review.version, action="release"),
    )
    return [review]


def check_review_released(world, obj, before, after):
    assert (before["state"], after["state"]) == ("draft", "released")
    assert (before["points"], after["points"]) == (None, "100.00")
    assert before["feedback"] == "<p>下書き</p>"


def review_autosave(client, world):
    submission = rubric_submission(world)
    post_ok(
        client,
        reverse("review:autosave", args=[submission.pk]),
        review_data(submission, 0),
        status=200,
    )
    return [Review.objects.get(submission=submission)]


def review_reassign(client, world):
    review = world.prepared
    submission = review.submission
    post_ok(
        client,
        reverse("review:reassign", args=[submission.pk]),
        {"mentor": world.memberships["other_mentor"].pk, "reason": "担当替え"},
    )
    return [review]


def check_reassigned(world, obj, before, after):
    assert (before["assigned_to"], after["assigned_to"]) == (
        None,
        world.memberships["other_mentor"].pk,
    )


def _ready(world):
    submission = rubric_submission(world)
    set_release_policy(world.users["staff"], world.cohort, staff_release=True)
    changes = Changes(
        levels={c.pk: c.levels.all()[0].pk for c in criteria_of(submission.assignment)}
    )
    return save_review(
        world.users["mentor"], submission, based_on=0, changes=changes, action="ready"
    )


def review_release_ready(client, world):
    review = world.prepared
    post_ok(
        client,
        reverse("review:assignment_release", args=[review.submission.assignment_id]),
        {"submission": [review.submission_id]},
    )
    return [review]


def check_ready_released(world, obj, before, after):
    assert (before["state"], after["state"]) == ("ready", "released")


def _guest(world):
    submission = rubric_submission(world)
    criterion = criteria_of(submission.assignment)[0]
    guest = invite_guest(
        world.users["mentor"],
        submission.assignment,
        email="guest@example.com",
        name="ゲスト 評価者",
        criteria=[criterion],
        trainees=[world.memberships["trainee"]],
    )
    world.users["guest"] = guest.user
    return guest, submission, criterion


def guest_scores(client, world):
    guest, submission, criterion = world.prepared
    post_ok(
        client,
        reverse("review:guest_score", args=[guest.pk, submission.pk]),
        {"version": 0, f"criterion_{criterion.pk}": criterion.levels.all()[1].pk},
    )
    return [Review.objects.get(submission=submission)]


def check_guest_scored(world, obj, before, after):
    (level,) = after["scores"].values()
    assert after["state"] == "draft" and after["points"] is None  # one criterion of two


def guest_invite(client, world):
    submission = rubric_submission(world)
    criterion = criteria_of(submission.assignment)[0]
    post_ok(
        client,
        reverse("review:guest_list", args=[submission.assignment_id]),
        {
            "email": "guest@example.com",
            "name": "ゲスト 評価者",
            "language": "ja",
            "criteria": [criterion.pk],
            "trainees": [world.memberships["trainee"].pk],
        },
    )
    return [GuestEvaluator.objects.get(assignment=submission.assignment)]


def check_guest_invited(world, obj, before, after):
    assert after["trainees"] == [world.memberships["trainee"].pk]
    assert len(after["criteria"]) == 1 and after["revoked_at"] is None


def guest_revoke(client, world):
    guest, _submission, _criterion = world.prepared
    post_ok(client, reverse("review:guest_revoke", args=[guest.pk]))
    return [guest]


def check_guest_revoked(world, obj, before, after):
    assert before["revoked_at"] is None and after["revoked_at"] is not None


def policy_set(client, world):
    post_ok(
        client, reverse("review:cohort_policy", args=[world.cohort.pk]), {"staff_release": "on"}
    )
    return [ReleasePolicy.objects.get(cohort=world.cohort)]


def check_policy_set(world, obj, before, after):
    assert after == {"staff_release": True}


# Meetings and action items (mentoring) --------------------------------------------------------


def _meeting(world):
    return MeetingFactory(trainee=world.memberships["trainee"])


def meeting_record(client, world):
    url = reverse("mentoring:meeting_create", args=[world.memberships["trainee"].pk])
    post_ok(client, url, meeting_form(notes="父と承継の時期を話した"))
    return [Meeting.objects.get(trainee=world.memberships["trainee"])]


def check_meeting_recorded(world, obj, before, after):
    assert "父と承継の時期を話した" in after["notes"] and after["version"] == 1


def meeting_edit(client, world):
    meeting = world.prepared
    url = reverse("mentoring:meeting_edit", args=[meeting.pk])
    post_ok(client, url, meeting_form(meeting, notes="書き直したメモ"))
    return [meeting]


def check_meeting_edited(world, obj, before, after):
    assert "書き直したメモ" in after["notes"] and "書き直したメモ" not in before["notes"]
    assert (before["version"], after["version"]) == (1, 2)


def _item(world):
    return ActionItemFactory(meeting=_meeting(world))


def item_done(client, world):
    item = world.prepared
    post_ok(client, reverse("mentoring:action_item_done", args=[item.pk]), {"done": "1"})
    return [item]


def check_item_done(world, obj, before, after):
    assert before["done_at"] is None and after["done_by"] == world.users["trainee"].pk


MENTORS_MAY = {"MENTORS_MAY_GRANT_EXTENSIONS": True}

WRITES = [
    # Memberships and pairings
    Write(Membership, "cohorts_membership:add", "staff", membership_add, "create",
          check_membership_added),
    Write(Membership, "cohorts_membership:edit", "staff", membership_pair, "pair", check_paired,
          label="pair a mentor"),
    Write(Membership, "cohorts_membership:edit", "staff", membership_deactivate, "deactivate",
          check_deactivated, label="deactivate"),
    Write(Membership, "cohorts_membership:delete", "staff", membership_delete, "delete",
          check_membership_deleted),
    Write(Membership, "cohorts_admin:invite", "staff", invite, "create", check_invited),
    Write(Membership, "cohorts_admin:roster_import", "staff", roster_import, "create",
          check_roster, label="two people"),
    # Extensions
    Write(Extension, "coursework:extension_grant", "staff", extension_grant_site, "create",
          check_granted("staff"), label="staff grant"),
    Write(Extension, "coursework:extension_grant", "staff", extension_change_site, "update",
          check_changed("staff"), label="staff change"),
    Write(Extension, "coursework:extension_grant", "mentor", extension_grant_site, "create",
          check_granted("mentor"), label="mentor grant", settings=MENTORS_MAY),
    Write(Extension, "coursework:extension_grant", "mentor", extension_change_site, "update",
          check_changed("mentor"), label="mentor change", settings=MENTORS_MAY),
    Write(Extension, "coursework_extension:add", "staff", extension_add_admin, "create",
          check_granted("staff")),
    Write(Extension, "coursework_extension:edit", "staff", extension_edit_admin, "update",
          check_changed("staff")),
    Write(Extension, "coursework_extension:delete", "staff", extension_delete_admin, "delete",
          check_extension_deleted),
    # Assignments
    Write(Assignment, "coursework_assignment:add", "staff", assignment_add, "create",
          check_assignment_added),
    Write(Assignment, "coursework_assignment:edit", "staff", assignment_edit_dates, "update",
          check_assignment_dates, label="dates, points, late rule"),
    Write(Assignment, "coursework_assignment:edit", "staff", assignment_edit_title, None,
          label="title only", entries=0),
    Write(Assignment, "coursework_assignment:delete", "staff", assignment_delete, "delete",
          check_assignment_deleted),
    # Attendance
    Write(Attendance, "attendance:roster", "staff", roster_create, "create",
          check_roster_created("staff"), label="two new records"),
    Write(Attendance, "attendance:roster", "mentor", roster_create, "create",
          check_roster_created("mentor"), label="two new records"),
    Write(Attendance, "attendance:roster", "mentor", roster_correct, "update",
          check_roster_corrected, label="correction"),
    Write(Attendance, "attendance:checkin", "trainee", self_checkin, "create", check_checked_in),
    # Reviews, guest evaluators, the release gate
    Write(Review, "review:review_detail", "mentor", review_save, "create", check_review_saved,
          label="first draft"),
    Write(Review, "review:review_detail", "mentor", review_release, "release",
          check_review_released, prepare=_drafted),
    Write(Review, "review:autosave", "mentor", review_autosave, "create", check_review_saved),
    Write(Review, "review:reassign", "staff", review_reassign, "reassign", check_reassigned,
          prepare=_drafted),
    Write(Review, "review:assignment_release", "staff", review_release_ready, "release",
          check_ready_released, prepare=_ready),
    Write(Review, "review:guest_score", "guest", guest_scores, "create", check_guest_scored,
          prepare=_guest),
    Write(GuestEvaluator, "review:guest_list", "mentor", guest_invite, "invite",
          check_guest_invited, creates=True),
    Write(GuestEvaluator, "review:guest_revoke", "mentor", guest_revoke, "revoke",
          check_guest_revoked, prepare=_guest),
    Write(ReleasePolicy, "review:cohort_policy", "staff", policy_set, "create", check_policy_set),
    # Meetings and action items
    Write(Meeting, "mentoring:meeting_create", "mentor", meeting_record, "create",
          check_meeting_recorded),
    Write(Meeting, "mentoring:meeting_edit", "trainee", meeting_edit, "update",
          check_meeting_edited, prepare=_meeting),
    Write(ActionItem, "mentoring:action_item_done", "trainee", item_done, "done",
          check_item_done, prepare=_item),
]  # fmt: skip


def _write_param(row):
    if isinstance(row, Write):
        return pytest.param(row, id=f"{row.screen}:{row.label or row.action}:{row.role}")
    (inner,) = row.values
    return pytest.param(inner, marks=row.marks, id=f"{inner.screen}:{inner.label or inner.action}")


@pytest.mark.parametrize("row", [_write_param(row) for row in WRITES])
def test_each_screen_leaves_exactly_one_entry(row, world, settings):
    for name, value in row.settings.items():
        setattr(settings, name, value)
    if row.prepare is not None:
        world.objects["prepared"] = row.prepare(world)
    client = client_as(world, row.role)
    existing = set(AuditEntry.objects.values_list("pk", flat=True))

    objects = row.perform(client, world)

    assert objects, "a row must name the objects it changed"
    new = AuditEntry.objects.exclude(pk__in=existing)
    for obj in objects:
        assert isinstance(obj, row.model)
        entries = list(new.for_object(obj))
        assert len(entries) == row.entries, [(e.action, e.before, e.after) for e in entries]
        for entry in entries:
            assert entry.action == row.action
            assert entry.actor == world.users[row.role]
            if row.action == "create" or row.creates:
                assert entry.before is None and entry.after is not None
            elif row.action == "delete":
                assert entry.after is None and entry.before is not None
            else:
                assert entry.before is not None and entry.after is not None
                assert entry.before != entry.after
            row.check(world, obj, entry.before, entry.after)
    # and nothing else was audited by this screen
    assert new.count() == row.entries * len(objects)


# ---- bad input: refused, no entry, nothing changed ----------------------------------------


@dataclass
class Bad:
    screen: str
    role: str
    perform: Callable  # (client, world, prepared) -> response
    status: int  # the refusal's status code
    label: str
    prepare: Callable = lambda world: None  # noqa: E731
    settings: dict = field(default_factory=dict)


def _foreign_mentor(world):
    return MembershipFactory(cohort=world.other_cohort, role="mentor")


def _membership_add_foreign_mentor(client, world, foreign):
    return client.post(
        reverse("cohorts_membership:add"),
        {
            "user": world.users["trainee_other_cohort"].pk,
            "cohort": world.cohort.pk,
            "role": "trainee",
            "is_active": "on",
            "mentors": [foreign.pk],
        },
    )


def _membership_add_twice(client, world, _):
    trainee = world.memberships["trainee"]
    return client.post(
        reverse("cohorts_membership:add"),
        {"user": trainee.user_id, "cohort": world.cohort.pk, "role": "trainee", "is_active": "on"},
    )


def _membership_edit_foreign_mentor(client, world, foreign):
    trainee = world.memberships["trainee"]
    return client.post(
        reverse("cohorts_membership:edit", args=[trainee.pk]),
        membership_data(trainee, mentors=[foreign.pk]),
    )


def _membership_edit_mentor_with_mentees(client, world, _):
    mentor = world.memberships["mentor"]
    return client.post(
        reverse("cohorts_membership:edit", args=[mentor.pk]),
        membership_data(mentor, role="trainee"),
    )


def _get(name, *args):
    def perform(client, world, prepared):
        return client.get(reverse(name, args=[a(world, prepared) for a in args]))

    return perform


def _membership_with_work(world):
    trainee = world.memberships["trainee"]
    submitted_attempt(assignment_in(world, parts="either"), trainee)
    return trainee


def _membership_delete_with_work(client, world, trainee):
    return client.post(reverse("cohorts_membership:delete", args=[trainee.pk]))


def _invite_foreign_mentor(client, world, foreign):
    return client.post(
        reverse("cohorts_admin:invite"),
        {
            "cohort": world.cohort.pk,
            "email": "x@example.com",
            "name": "X",
            "role": "trainee",
            "mentors": [foreign.pk],
            "language": "ja",
        },
    )


def _invite_member_again(client, world, _):
    return client.post(
        reverse("cohorts_admin:invite"),
        {
            "cohort": world.cohort.pk,
            "email": "w-trainee@example.com",
            "name": "",
            "role": "trainee",
            "language": "ja",
        },
    )


def _roster_confirm_bad_rows(client, world, _):
    text = ROSTER + "roster.x@example.com,名簿 三郎,trainee,nobody@example.com,\n"
    preview = roster_upload(client, world, text)
    assert not preview.context["preview"].is_valid
    return client.post(
        reverse("cohorts_admin:roster_import"), {"payload": preview.context["payload"]}
    )


def _roster_forged_payload(client, world, _):
    return client.post(reverse("cohorts_admin:roster_import"), {"payload": "forged:payload"})


def _extension_site(due_at, reason="出張のため", trainee="trainee"):
    def perform(client, world, assignment):
        membership = world.memberships[trainee]
        return client.post(
            reverse("coursework:extension_grant", args=[assignment.pk, membership.pk]),
            {"due_at": due_at, "reason": reason},
        )

    return perform


def _extension_add_admin(due_at, trainee="trainee", reason="出張のため"):
    def perform(client, world, assignment):
        return client.post(
            reverse("coursework_extension:add"),
            {
                "assignment": assignment.pk,
                "membership": world.memberships[trainee].pk,
                "due_at": due_at,
                "reason": reason,
            },
        )

    return perform


def _with_extension(world):
    return ExtensionFactory(
        assignment=assignment_in(world),
        membership=world.memberships["trainee"],
        due_at=jst(2026, 12, 4, 23, 59),
    )


def _extension_edit_admin(due_at, reason="出張のため"):
    def perform(client, world, extension):
        return client.post(
            reverse("coursework_extension:edit", args=[extension.pk]),
            {"due_at": due_at, "reason": reason},
        )

    return perform


def _assignment_add(**changes):
    def perform(client, world, _):
        return client.post(reverse("coursework_assignment:add"), assignment_data(world, **changes))

    return perform


def _assignment_edit(**changes):
    def perform(client, world, assignment):
        return client.post(
            reverse("coursework_assignment:edit", args=[assignment.pk]),
            assignment_form_of(world, assignment, **changes),
        )

    return perform


def _assignment_with_work(world):
    assignment = assignment_in(world, parts="either")
    submitted_attempt(assignment, world.memberships["trainee"])
    return assignment


def _post_delete(name):
    def perform(client, world, obj):
        return client.post(reverse(name, args=[obj.pk]))

    return perform


def _session(world):
    return SessionFactory(cohort=world.cohort)


def _roster_bad_status(client, world, session):
    data = roster_data([world.memberships["trainee"]], status="maybe")
    return client.post(reverse("attendance:roster", args=[session.pk]), data)


def _roster_other_cohort(client, world, session):
    data = roster_data([world.memberships["trainee_other_cohort"]], status="absent")
    return client.post(reverse("attendance:roster", args=[session.pk]), data)


def _checkin(code):
    def perform(client, world, session):
        return client.post(reverse("attendance:checkin", args=[session.pk]), {"code": code})

    return perform


def _review_post(name, action="save", **fields):
    def perform(client, world, submission):
        data = review_data(submission, 0, action=action, **fields)
        return client.post(reverse(name, args=[submission.pk]), data)

    return perform


def _other_submission(world):
    return rubric_submission(world, trainee="other_trainee")


def _with_foreign_mentor(world):
    return rubric_submission(world), _foreign_mentor(world)


def _reassign_foreign(client, world, prepared):
    submission, foreign = prepared
    return client.post(reverse("review:reassign", args=[submission.pk]), {"mentor": foreign.pk})


def _release_as_mentor(client, world, review):
    url = reverse("review:assignment_release", args=[review.submission.assignment_id])
    return client.post(url, {"submission": [review.submission_id]})


def _guest_bad_level(client, world, prepared):
    guest, submission, criterion = prepared
    other = criteria_of(submission.assignment)[1]
    return client_for(guest.user).post(
        reverse("review:guest_score", args=[guest.pk, submission.pk]),
        {"version": 0, f"criterion_{criterion.pk}": other.levels.all()[0].pk},
    )


def _invite_other_mentors_trainee(client, world, submission):
    criterion = criteria_of(submission.assignment)[0]
    return client.post(
        reverse("review:guest_list", args=[submission.assignment_id]),
        {
            "email": "guest@example.com",
            "name": "ゲスト",
            "language": "ja",
            "criteria": [criterion.pk],
            "trainees": [world.memberships["other_trainee"].pk],
        },
    )


def _revoke(client, world, prepared):
    guest, _submission, _criterion = prepared
    return client.post(reverse("review:guest_revoke", args=[guest.pk]))


def _policy_as_mentor(client, world, _):
    url = reverse("review:cohort_policy", args=[world.cohort.pk])
    return client.post(url, {"staff_release": "on"})


_pk = lambda world, obj: obj.pk  # noqa: E731
_trainee_pk = lambda world, _: world.memberships["trainee"].pk  # noqa: E731


def _meeting_without_place(client, world, prepared):
    url = reverse("mentoring:meeting_create", args=[world.memberships["trainee"].pk])
    return client.post(url, meeting_form(place=""))


def _stale_meeting_edit(client, world, prepared):
    url = reverse("mentoring:meeting_edit", args=[prepared.pk])
    return client.post(url, meeting_form(prepared, version="0", notes="古い版からの変更"))


def _item_done_bad(client, world, prepared):
    return client.post(reverse("mentoring:action_item_done", args=[prepared.pk]), {"done": "x"})


BAD_INPUT = [
    Bad("cohorts_membership:add", "staff", _membership_add_foreign_mentor, 200,
        "mentor of another cohort", prepare=_foreign_mentor),
    Bad("cohorts_membership:add", "staff", _membership_add_twice, 200, "already a member"),
    Bad("cohorts_membership:edit", "staff", _membership_edit_foreign_mentor, 200,
        "mentor of another cohort", prepare=_foreign_mentor),
    Bad("cohorts_membership:edit", "staff", _membership_edit_mentor_with_mentees, 200,
        "mentor with mentees becomes a trainee"),
    Bad("cohorts_membership:delete", "staff", _get("cohorts_membership:delete", _trainee_pk),
        200, "GET only asks"),
    # The database refuses (PROTECT): the edit page says why; nothing is written.
    Bad("cohorts_membership:delete", "staff", _membership_delete_with_work, 302,
        "membership holding work", prepare=_membership_with_work),
    Bad("cohorts_admin:invite", "staff", _invite_foreign_mentor, 200, "mentor of another cohort",
        prepare=_foreign_mentor),
    Bad("cohorts_admin:invite", "staff", _invite_member_again, 200, "already a member"),
    Bad("cohorts_admin:roster_import", "staff", _roster_confirm_bad_rows, 200,
        "confirm a preview with errors"),
    Bad("cohorts_admin:roster_import", "staff", _roster_forged_payload, 302, "forged payload"),
    Bad("coursework:extension_grant", "staff", _extension_site("2026-11-30T23:59"), 400,
        "due before the assignment's", prepare=assignment_in),
    Bad("coursework:extension_grant", "staff", _extension_site("2026-12-08T23:59", reason=" "),
        400, "no reason", prepare=assignment_in),
    Bad("coursework:extension_grant", "mentor", _extension_site("2026-11-30T23:59"), 400,
        "due before the assignment's", prepare=assignment_in, settings=MENTORS_MAY),
    Bad("coursework:extension_grant", "mentor",
        _extension_site("2026-12-08T23:59", trainee="other_trainee"), 404,
        "trainee not paired with the mentor", prepare=assignment_in, settings=MENTORS_MAY),
    Bad("coursework:extension_grant", "mentor", _extension_site("2026-12-08T23:59"), 404,
        "school does not allow mentors", prepare=assignment_in),
    Bad("coursework_extension:add", "staff", _extension_add_admin("2026-11-30T23:59"), 200,
        "due before the assignment's", prepare=assignment_in),
    Bad("coursework_extension:add", "staff",
        _extension_add_admin("2026-12-08T23:59", trainee="trainee_other_cohort"), 200,
        "trainee of another cohort", prepare=assignment_in),
    Bad("coursework_extension:edit", "staff", _extension_edit_admin("2026-11-30T23:59"), 200,
        "due before the assignment's", prepare=_with_extension),
    Bad("coursework_extension:edit", "staff", _extension_edit_admin("2026-12-08T23:59", " "),
        200, "no reason", prepare=_with_extension),
    Bad("coursework_extension:delete", "staff", _get("coursework_extension:delete", _pk), 200,
        "GET only asks", prepare=_with_extension),
    Bad("coursework_assignment:add", "staff", _assignment_add(due_at="2026-10-01T23:59"), 200,
        "due before it opens"),
    Bad("coursework_assignment:add", "staff", _assignment_add(cutoff_at=""), 200,
        "cut-off policy without a cut-off"),
    Bad("coursework_assignment:edit", "staff", _assignment_edit(due_at="2026-10-01T23:59"), 200,
        "due before it opens", prepare=assignment_in),
    Bad("coursework_assignment:edit", "staff", _assignment_edit(cutoff_at="2026-11-30T23:59"),
        200, "cut-off before the due date", prepare=assignment_in),
    Bad("coursework_assignment:delete", "staff", _get("coursework_assignment:delete", _pk), 200,
        "GET only asks", prepare=assignment_in),
    Bad("coursework_assignment:delete", "staff", _post_delete("coursework_assignment:delete"),
        302, "assignment with submissions", prepare=_assignment_with_work),
    Bad("attendance:roster", "mentor", _roster_bad_status, 400, "unknown status",
        prepare=_session),
    Bad("attendance:roster", "trainee", _roster_bad_status, 404, "a trainee",
        prepare=_session),
    Bad("attendance:roster", "staff", _roster_other_cohort, 302,
        "a trainee of another cohort is not read", prepare=_session),
    Bad("attendance:checkin", "trainee", _checkin("654321"), 400, "wrong code",
        prepare=_session),
    Bad("attendance:checkin", "trainee", _checkin("１２３４５６７８９"), 400, "too long",
        prepare=_session),
    Bad("attendance:checkin", "trainee_other_cohort", _checkin("123456"), 404,
        "another cohort's session", prepare=_session),
    Bad("review:review_detail", "mentor", _review_post("review:review_detail", "release",
        adjustment="-5"), 400, "adjustment without a reason", prepare=rubric_submission),
    Bad("review:review_detail", "mentor", _review_post("review:review_detail", "return"), 400,
        "return without what to revise", prepare=rubric_submission),
    Bad("review:review_detail", "mentor", _review_post("review:review_detail"), 404,
        "another mentor's trainee", prepare=_other_submission),
    Bad("review:autosave", "mentor", _review_post("review:autosave", adjustment="1e9"), 400,
        "a huge adjustment", prepare=rubric_submission),
    Bad("review:autosave", "trainee", _review_post("review:autosave"), 404,
        "the trainee's own attempt", prepare=rubric_submission),
    Bad("review:reassign", "staff", _reassign_foreign, 302, "a mentor of another cohort",
        prepare=_with_foreign_mentor),
    Bad("review:reassign", "mentor", _reassign_foreign, 404, "a mentor",
        prepare=_with_foreign_mentor),
    Bad("review:assignment_release", "mentor", _release_as_mentor, 404, "a mentor",
        prepare=_ready),
    Bad("review:guest_score", "staff", _guest_bad_level, 400, "another criterion's level",
        prepare=_guest),
    Bad("review:guest_list", "mentor", _invite_other_mentors_trainee, 400,
        "another mentor's trainee", prepare=rubric_submission),
    Bad("review:guest_revoke", "other_mentor", _revoke, 404, "not their invitation",
        prepare=_guest),
    Bad("review:cohort_policy", "mentor", _policy_as_mentor, 404, "a mentor"),
    Bad("mentoring:meeting_create", "mentor", _meeting_without_place, 400, "no place"),
    Bad("mentoring:meeting_edit", "trainee", _stale_meeting_edit, 409, "a stale edit",
        prepare=_meeting),
    Bad("mentoring:meeting_edit", "staff", _stale_meeting_edit, 404, "staff read only",
        prepare=_meeting),
    Bad("mentoring:action_item_done", "trainee", _item_done_bad, 400, "no state",
        prepare=_item),
]  # fmt: skip


@pytest.mark.parametrize(
    "row", [pytest.param(row, id=f"{row.screen}:{row.label}:{row.role}") for row in BAD_INPUT]
)
def test_bad_input_writes_no_entry_and_changes_nothing(row, world, settings):
    for name, value in row.settings.items():
        setattr(settings, name, value)
    client = client_as(world, row.role)
    client.raise_request_exception = row.status != 500
    prepared = row.prepare(world)
    before = state()

    response = row.perform(client, world, prepared)

    assert response.status_code == row.status, response.content.decode()[:3000]
    assert state() == before


# ---- no write screen without a row ----------------------------------------------------------


def _patterns(patterns=None, namespace=None):
    """(URL name, innermost view, model or None) of every named URL pattern."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            space = namespace
            if pattern.namespace:
                space = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from _patterns(pattern.url_patterns, space)
        elif isinstance(pattern, URLPattern) and pattern.name:
            name = f"{namespace}:{pattern.name}" if namespace else pattern.name
            view = _innermost_view(pattern.callback)
            initkwargs = getattr(pattern.callback, "view_initkwargs", None) or {}
            model = initkwargs.get("model") or getattr(view, "model", None)
            yield name, view, model


def audited_write_screens():
    """{URL name: audited model} of every screen that can write an audited model, and the
    names of our admin views without a model that nobody classified yet."""
    screens, unclassified = {}, []
    for name, view, model in _patterns():
        module = view.__module__
        if name in SITE_WRITE_VIEWS:
            screens[name] = SITE_WRITE_VIEWS[name]
        if not any("admin" in part for part in module.split(".")):
            continue
        if model is not None:
            read_only = isinstance(view, type) and issubclass(view, READ_ONLY_VIEWS)
            audited = isinstance(model, type) and issubclass(model, AUDITED_MODELS)
            if audited and not read_only:
                screens[name] = model
        elif module.split(".")[0] in OUR_APPS:
            if name not in ADMIN_VIEWS_WITHOUT_MODEL:
                unclassified.append(name)
            elif ADMIN_VIEWS_WITHOUT_MODEL[name] is not None:
                screens[name] = ADMIN_VIEWS_WITHOUT_MODEL[name]
    return screens, unclassified


def test_every_audited_write_screen_has_a_row():
    screens, unclassified = audited_write_screens()
    assert not unclassified, (
        f"classify these admin views in ADMIN_VIEWS_WITHOUT_MODEL (the audited model each "
        f"writes, or None): {unclassified}"
    )
    # the walk does find the screens we know of (so it cannot silently find nothing)
    assert screens["cohorts_membership:add"] is Membership
    assert screens["coursework_extension:delete"] is Extension
    assert screens["coursework_assignment:edit"] is Assignment
    assert screens["coursework:extension_grant"] is Extension
    assert screens["cohorts_admin:roster_import"] is Membership
    writes = [row if isinstance(row, Write) else row.values[0] for row in WRITES]
    rows = {(row.screen, row.model) for row in writes}
    missing = sorted(name for name, model in screens.items() if (name, model) not in rows)
    assert not missing, f"add WRITES rows (tests/test_audit_matrix.py) for: {missing}"
    refused = {row.screen for row in BAD_INPUT}
    no_bad_input = sorted(name for name in screens if name not in refused)
    assert not no_bad_input, f"add BAD_INPUT rows for: {no_bad_input}"
    known = {name for name, _view, _model in _patterns()}
    named = {row.screen for row in writes} | refused | set(SITE_WRITE_VIEWS)
    stale = sorted(name for name in named if name not in known)
    assert not stale, f"rows for URL names that no longer exist: {stale}"
    listed = sorted(name for name in ADMIN_VIEWS_WITHOUT_MODEL if name not in known)
    assert not listed, f"ADMIN_VIEWS_WITHOUT_MODEL names that no longer exist: {listed}"
