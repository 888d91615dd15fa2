"""Demo sessions and attendance. Runs after cohorts.demo (and coursework).

`--sessions N` sessions in all: the first cohort gets N - N // 3, the second N // 3. In each
cohort half of them (at least one) are past, one is today with its check-in window open for
hours after seeding (so trainee1 can check in with the code on the code screen), the rest
are future weekly meetings.

Past attendance, by trainee number n (1-based) in the cohort: n % 7 == 4 late, n % 7 == 5
excused (with a reason), n % 7 == 6 absent, the rest present (some by self check-in); and
trainee3 (mentor1's) was absent from the last two past sessions, which is what an absence
warning is about. Today, every third trainee from the fourth on has already checked in.
"""

from datetime import timedelta

from django.utils import timezone

from cohorts.attendance.models import Attendance, AttendancePolicy, Session

Status = Attendance.Status
How = Attendance.How
TITLES = [
    "月例集合セミナー：承継の全体像",
    "月例集合セミナー：財務と資金繰り",
    "月例集合セミナー：組織と人材",
    "月例集合セミナー：事業計画の発表",
    "月例集合セミナー：先輩後継者との対話",
    "月例集合セミナー：承継計画書の相互レビュー",
]
PLACE = "仙台商工会議所 5階 大会議室"
EXCUSE = "家業の繁忙期のため欠席（事前連絡あり）"


def _plan(count, now):
    """(starts_at, kind) for count sessions: past, one today, future."""
    if count <= 0:
        return []
    past = count // 2 if count > 1 else 0
    base = timezone.localtime(now).replace(second=0, microsecond=0)
    today = base.replace(minute=base.minute - base.minute % 10) + timedelta(minutes=30)
    starts = []
    for index in range(count):
        offset = index - past
        if offset == 0:
            starts.append((today, "today"))
        else:
            day = base.replace(hour=13, minute=30) + timedelta(weeks=offset)
            starts.append((day, "past" if offset < 0 else "future"))
    return starts


def _sessions(cohort, count, now, seminar):
    rows = []
    for index, (start, kind) in enumerate(_plan(count, now)):
        session = Session(
            cohort=cohort,
            title=TITLES[index % len(TITLES)],
            starts_at=start,
            ends_at=start + timedelta(hours=3),
            place=PLACE,
            online_url="https://meet.example.com/successor-academy" if index % 2 else "",
            seminar=seminar if kind == "future" and seminar is not None else None,
            notes="筆記用具と名刺をお持ちください。",
        )
        if kind == "today":
            session.checkin_opens_before = 120
            session.checkin_closes_after = 180
            session.late_after = 10
        session.demo_kind = kind
        rows.append(session)
    created = Session.objects.bulk_create(rows)
    for session, row in zip(created, rows, strict=True):
        session.demo_kind = row.demo_kind
    return created


def _status(number, session_index, past_count, absent_twice):
    if absent_twice and session_index >= past_count - 2:
        return Status.ABSENT, ""
    if number % 7 == 4:
        return Status.LATE, ""
    if number % 7 == 5:
        return Status.EXCUSED, EXCUSE
    if number % 7 == 6:
        return Status.ABSENT, ""
    return Status.PRESENT, ""


def _records(context, sessions, trainees, now):
    rows = []
    past = [s for s in sessions if s.demo_kind == "past"]
    absent_twice = context.objects["memberships"].get("trainee3@example.com")
    for index, session in enumerate(past):
        for number, membership in enumerate(trainees, start=1):
            status, note = _status(
                number, index, len(past), membership == absent_twice and len(past) >= 2
            )
            self_checkin = status in (Status.PRESENT, Status.LATE) and number % 2 == 0
            moment = session.starts_at + timedelta(minutes=12 if status == Status.LATE else -5)
            rows.append(
                Attendance(
                    session=session,
                    membership=membership,
                    status=status,
                    note=note,
                    how=How.SELF_CHECKIN if self_checkin else How.ROSTER,
                    recorded_by=membership.user if self_checkin else context.staff,
                    recorded_at=moment if self_checkin else session.ends_at,
                    checked_in_at=moment if self_checkin else None,
                )
            )
    for session in sessions:
        if session.demo_kind != "today":
            continue
        for number, membership in enumerate(trainees, start=1):
            if number >= 4 and number % 3 == 1:
                rows.append(
                    Attendance(
                        session=session,
                        membership=membership,
                        status=Status.PRESENT,
                        how=How.SELF_CHECKIN,
                        recorded_by=membership.user,
                        recorded_at=now,
                        checked_in_at=now,
                    )
                )
    Attendance.objects.bulk_create(rows, batch_size=1000)
    return len(rows)


def seed(context):
    now = timezone.now()
    cohorts = [context.objects["cohort"], context.objects["cohort2"]]
    counts = [context.sessions - context.sessions // 3, context.sessions // 3]
    seminars = context.objects.get("seminars") or [None]
    trainees = {cohort.pk: [] for cohort in cohorts}
    for membership in context.objects["trainee_memberships"]:
        trainees[membership.cohort_id].append(membership)
    AttendancePolicy.objects.bulk_create(
        [AttendancePolicy(cohort=cohort, threshold=80) for cohort in cohorts]
    )
    total_sessions = total_records = 0
    for cohort, count in zip(cohorts, counts, strict=True):
        sessions = _sessions(cohort, count, now, seminars[0])
        total_sessions += len(sessions)
        total_records += _records(context, sessions, trainees[cohort.pk], now)
    context.objects["sessions"] = total_sessions
    context.say(f"sessions: {total_sessions}, attendance records: {total_records}")
