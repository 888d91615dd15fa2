"""Access rows for attendance: sessions, check-in, code screen, roster, sheet, reports, admin."""

from tests.attendance.factories import SessionFactory, roster_data

from . import SIGNED_IN, STAFF_ADMIN, Row, expect


def build(world):
    """A session of the world's cohort with its check-in window open, one of the other cohort."""
    world.objects.update(
        session=SessionFactory(cohort=world.cohort, checkin_code="246810"),
        other_session=SessionFactory(cohort=world.other_cohort, checkin_code="135790"),
        policy=None,
    )
    from cohorts.attendance.models import AttendancePolicy

    world.objects["policy"] = AttendancePolicy.objects.create(cohort=world.cohort, threshold=75)


# Members of the cohort (trainees and mentors) and staff see its sessions.
MEMBERS = expect(200, anonymous=302, trainee_other_cohort=404)
# The cohort's own trainees check in; everyone else meets a 404 (with a clear message).
TRAINEES = expect(404, anonymous=302, trainee=200, other_trainee=200)
TRAINEES_POST = expect(404, anonymous=302, trainee=302, other_trainee=302)
# The cohort's mentors and staff take the roster and show the code.
ROSTER = expect(404, anonymous=302, mentor=200, other_mentor=200, staff=200)
ROSTER_POST = expect(404, anonymous=302, mentor=302, other_mentor=302, staff=302)
SIGNED_IN_405 = expect(405, anonymous=302)


def _session(w):
    return {"pk": w.session.pk}


def _roster(w):
    return roster_data([w.memberships["trainee"], w.memberships["other_trainee"]])


ROWS = [
    Row("attendance:session_list", SIGNED_IN),
    Row("attendance:session_detail", MEMBERS, kwargs=_session),
    Row(
        "attendance:session_detail",
        expect(404, anonymous=302, trainee_other_cohort=200, staff=200),
        kwargs=lambda w: {"pk": w.other_session.pk},
        label="another cohort's session",
    ),
    Row("attendance:checkin", TRAINEES, kwargs=_session, label="form"),
    Row(
        "attendance:checkin",
        TRAINEES_POST,
        kwargs=_session,
        method="post",
        data=lambda w: {"code": "246810"},
        label="check in",
    ),
    Row(
        "attendance:checkin",
        expect(404, anonymous=302, trainee=400, other_trainee=400),
        kwargs=_session,
        method="post",
        data=lambda w: {"code": "000000"},
        label="wrong code",
    ),
    Row("attendance:code_screen", ROSTER, kwargs=_session),
    Row("attendance:code_new", SIGNED_IN_405, kwargs=_session, label="GET is refused"),
    Row("attendance:code_new", ROSTER_POST, kwargs=_session, method="post", label="new code"),
    Row("attendance:qr_code", ROSTER, kwargs=_session),
    Row("attendance:roster", ROSTER, kwargs=_session, label="form"),
    Row(
        "attendance:roster",
        ROSTER_POST,
        kwargs=_session,
        method="post",
        data=_roster,
        label="save",
    ),
    Row(
        "attendance:roster",
        expect(404, anonymous=302, staff=200),
        kwargs=lambda w: {"pk": w.other_session.pk},
        label="another cohort's session",
    ),
    Row("attendance:sign_in_sheet", ROSTER, kwargs=_session),
    Row("attendance:report_index", SIGNED_IN),
    Row("attendance:report", ROSTER, kwargs=lambda w: {"pk": w.cohort.pk}),
    Row(
        "attendance:report",
        expect(404, anonymous=302, staff=200),
        kwargs=lambda w: {"pk": w.other_cohort.pk},
        label="another cohort",
    ),
    Row(
        "attendance:report_export",
        ROSTER,
        kwargs=lambda w: {"pk": w.cohort.pk, "fmt": "csv"},
        label="csv",
    ),
    Row(
        "attendance:report_export",
        ROSTER,
        kwargs=lambda w: {"pk": w.cohort.pk, "fmt": "xlsx"},
        label="xlsx",
    ),
    Row(
        "attendance:report_export",
        expect(404, anonymous=302),
        kwargs=lambda w: {"pk": w.cohort.pk, "fmt": "pdf"},
        label="unknown format",
    ),
    Row("attendance_session:index", STAFF_ADMIN),
    Row("attendance_session:index_results", STAFF_ADMIN),
    Row("attendance_session:add", STAFF_ADMIN),
    Row("attendance_session:edit", STAFF_ADMIN, kwargs=_session),
    Row("attendance_session:delete", STAFF_ADMIN, kwargs=_session, label="confirmation page"),
    Row("attendance_policy:index", STAFF_ADMIN),
    Row("attendance_policy:add", STAFF_ADMIN),
    Row("attendance_policy:edit", STAFF_ADMIN, kwargs=lambda w: {"pk": w.policy.pk}),
]
