"""Absence warnings: mentors and staff hear once per trigger when a trainee is absent twice in
a row, or when their attendance falls below the cohort's threshold.

Triggers:
- twice in a row: the latest two records (by session start) are absent; the key is the first
  session of that run, so a third absence in the same run sends nothing new;
- below the threshold: attended / (records less excused) under the cohort's policy, with at
  least MIN_RECORDS records; the key is the session where it fell, and the warning is cleared
  when the rate is back at or above the threshold, so a later fall warns again.
Nobody whose latest record is present or late is warned.
"""

from collections import defaultdict

from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from academy.links import absolute_url
from academy.mail import send_email
from cohorts.attendance.models import AbsenceWarning, Attendance, AttendancePolicy
from cohorts.attendance.models.policy import DEFAULT_THRESHOLD
from cohorts.models import Membership

MIN_RECORDS = 3
Kind = AbsenceWarning.Kind
Status = Attendance.Status


def rate(records):
    """Attended share of the records that count (excused ones do not), or None."""
    counted = [r for r in records if r.status != Status.EXCUSED]
    if not counted:
        return None
    return sum(r.status in Attendance.ATTENDED for r in counted) / len(counted)


def _triggers(records, threshold):
    """[(kind, key)] the trainee's records (in session order) call for; (None, None) when
    they call for clearing an open threshold warning."""
    if not records:
        return []
    latest = records[-1]
    found = []
    if latest.status == Status.ABSENT and len(records) >= 2 and records[-2].status == Status.ABSENT:
        start = len(records) - 1
        while start > 0 and records[start - 1].status == Status.ABSENT:
            start -= 1
        found.append((Kind.TWICE_IN_A_ROW, str(records[start].session_id)))
    share = rate(records)
    if share is not None and share * 100 >= threshold:
        found.append((None, None))
    elif (
        share is not None
        and len(records) >= MIN_RECORDS
        and latest.status in (Status.ABSENT, Status.EXCUSED)
    ):
        found.append((Kind.BELOW_THRESHOLD, str(latest.session_id)))
    return found


def check_absences(cohort_id, membership_ids):
    """Record and send the warnings these trainees' records call for (in the caller's
    transaction; the e-mails leave after it commits). A fixed number of queries."""
    policy = AttendancePolicy.objects.filter(cohort_id=cohort_id).first()
    threshold = policy.threshold if policy else DEFAULT_THRESHOLD
    history = defaultdict(list)
    for record in (
        Attendance.objects.filter(membership_id__in=membership_ids, session__cohort_id=cohort_id)
        .select_related("session")
        .order_by("session__starts_at", "session_id")
    ):
        history[record.membership_id].append(record)
    open_threshold = {
        warning.membership_id: warning
        for warning in AbsenceWarning.objects.filter(
            membership_id__in=membership_ids, kind=Kind.BELOW_THRESHOLD, cleared_at__isnull=True
        )
    }
    sent = set(
        AbsenceWarning.objects.filter(
            membership_id__in=membership_ids, kind=Kind.TWICE_IN_A_ROW
        ).values_list("membership_id", "key")
    )
    now = timezone.now()
    new, cleared = [], []
    for membership_id, records in history.items():
        for kind, key in _triggers(records, threshold):
            if kind is None:
                if membership_id in open_threshold:
                    cleared.append(open_threshold[membership_id].pk)
            elif kind == Kind.BELOW_THRESHOLD:
                if membership_id not in open_threshold:
                    new.append(AbsenceWarning(membership_id=membership_id, kind=kind, key=key))
            elif (membership_id, key) not in sent:
                new.append(AbsenceWarning(membership_id=membership_id, kind=kind, key=key))
    if cleared:
        AbsenceWarning.objects.filter(pk__in=cleared).update(cleared_at=now)
    if new:
        AbsenceWarning.objects.bulk_create(new, ignore_conflicts=True)
        details = [
            (w.membership_id, w.kind, round((rate(history[w.membership_id]) or 0) * 100))
            for w in new
        ]
        transaction.on_commit(lambda: send_warnings(cohort_id, details, threshold))
    return new


def send_warnings(cohort_id, details, threshold):
    """One e-mail per warning to each of the trainee's active mentors and each active staff
    member, in their own language."""
    memberships = {
        m.pk: m
        for m in Membership.objects.filter(pk__in=[d[0] for d in details])
        .select_related("user", "cohort")
        .prefetch_related("mentors__user")
    }
    staff = list(get_user_model().objects.filter(is_staff=True, is_active=True))
    report_url = absolute_url(reverse("attendance:report", args=[cohort_id]))
    for membership_id, kind, share in details:
        membership = memberships[membership_id]
        mentors = [m.user for m in membership.mentors.all() if m.is_active and m.user.is_active]
        for recipient in {user.pk: user for user in [*mentors, *staff]}.values():
            send_email(
                recipient,
                "cohorts/attendance/email/absence_warning",
                {
                    "trainee": membership.user.get_full_name() or membership.user.email,
                    "cohort": membership.cohort.name,
                    "kind": kind,
                    "rate": share,
                    "threshold": threshold,
                    "report_url": report_url,
                },
            )
