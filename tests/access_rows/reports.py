"""Access rows for reports: the course link, the reports index, a trainee's page, the
gradebook and progress report (pages and files), and staff's today with its reminders."""

from datetime import timedelta

from django.utils import timezone

from . import Row, expect

MENTORS = expect(404, anonymous=302, mentor=200, other_mentor=200, staff=200)
OWN_MENTOR = expect(404, anonymous=302, mentor=200, staff=200)


def build(world):
    from cohorts.attendance.models import Session

    starts = timezone.now() + timedelta(days=1)
    world.objects["remind_session"] = Session.objects.create(
        cohort=world.cohort,
        title="明日のセッション",
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
    )


def _remind(cohort):
    return lambda w: {
        "cohort_pk": getattr(w, cohort).pk,
        "kind": "session",
        "pk": w.remind_session.pk,
    }


def _cohort(w):
    return {"pk": w.cohort.pk}


def _export(fmt):
    return lambda w: {"pk": w.cohort.pk, "fmt": fmt}


ROWS = [
    Row("reports:my_course", expect(302)),
    Row("reports:index", MENTORS),
    Row("reports:trainee", OWN_MENTOR, kwargs=lambda w: {"pk": w.memberships["trainee"].pk}),
    Row(
        "reports:trainee",
        expect(404, anonymous=302, staff=200),
        kwargs=lambda w: {"pk": w.memberships["trainee_other_cohort"].pk},
        label="another cohort's trainee",
    ),
    Row("reports:gradebook", MENTORS, kwargs=_cohort),
    Row(
        "reports:gradebook",
        expect(404, anonymous=302, staff=200),
        kwargs=lambda w: {"pk": w.other_cohort.pk},
        label="a cohort one does not mentor",
    ),
    Row("reports:gradebook_export", MENTORS, kwargs=_export("csv"), label="csv"),
    Row("reports:gradebook_export", MENTORS, kwargs=_export("xlsx"), label="xlsx"),
    Row(
        "reports:gradebook_export",
        expect(404, anonymous=302),
        kwargs=_export("pdf"),
        label="unknown format",
    ),
    Row("reports:progress", MENTORS, kwargs=_cohort),
    Row("reports:progress_export", MENTORS, kwargs=_export("csv"), label="csv"),
    Row("reports:progress_export", MENTORS, kwargs=_export("xlsx"), label="xlsx"),
    Row("reports:today", expect(404, anonymous=302, staff=200)),
    Row(
        "reports:remind",
        expect(404, anonymous=302, staff=302),
        kwargs=_remind("cohort"),
        method="post",
        label="tomorrow's session: sent, back to today",
    ),
    Row(
        "reports:remind",
        expect(404, anonymous=302),
        kwargs=_remind("other_cohort"),
        method="post",
        label="the session under another cohort's id",
    ),
    Row(
        "reports:remind",
        expect(405, anonymous=302),
        kwargs=_remind("cohort"),
        label="GET is refused",
    ),
]
