"""Taking the roster: every trainee's status for one session in one transaction, audited.

A record made by the roster says how="roster"; changing an existing record (made by the roster,
a self check-in or an earlier correction) says how="correction". The audit entry keeps who,
when, before and after, and how.
"""

from django.db import transaction
from django.utils import timezone

from academy.audit import record_changes, snapshot
from cohorts.attendance.models import Attendance, Session
from cohorts.services.archive import refuse_if_archived

from .warnings import check_absences

AUDITED = ["status", "note", "how", "recorded_by"]
How = Attendance.How


class RosterConflict(Exception):
    """Records changed since the roster page was opened, that this save would overwrite."""

    def __init__(self, records):
        super().__init__("roster conflict")
        self.records = records


def record_stamp(record):
    """When a record was last written, as the roster page remembers it."""
    return str(int(record.recorded_at.timestamp() * 1_000_000))


def roster_base(records):
    """The hidden field's value: which records the page showed, as they were."""
    return ",".join(f"{pk}:{record_stamp(r)}" for pk, r in sorted(records.items()))


def parse_roster_base(value):
    """{membership pk: stamp} from roster_base (anything malformed is simply left out)."""
    base = {}
    for item in (value or "").split(","):
        pk, _sep, stamp = item.partition(":")
        if pk.isdigit() and stamp.isdigit():
            base[int(pk)] = stamp
    return base


@transaction.atomic
def take_roster(*, actor, session, entries, based_on=None):
    """entries: {membership: (status, note)}, trainees of the session's cohort (the form
    checks them; their users loaded, for the audit entries' labels).

    based_on: {membership pk: record_stamp} of the records the page showed. A record written
    since (a self check-in, another person's roster) that this save would change raises
    RosterConflict and nothing is written.

    Unchanged rows are not written; the queries do not grow with the number of trainees.
    Returns the number of records created and changed.
    """
    session = Session.objects.select_for_update().select_related("cohort").get(pk=session.pk)
    refuse_if_archived(session.cohort)
    existing = {
        record.membership_id: record
        for record in Attendance.objects.select_for_update()
        .filter(session=session)
        .select_related("membership__user")
    }
    if based_on is not None:
        stale = [
            record
            for membership, (status, note) in entries.items()
            if (record := existing.get(membership.pk)) is not None
            and based_on.get(membership.pk) != record_stamp(record)
            and (record.status, record.note) != (status, (note or "").strip())
        ]
        if stale:
            raise RosterConflict(stale)
    now = timezone.now()
    created, changed, befores = [], [], []
    for membership, (status, note) in entries.items():
        note = (note or "").strip()
        record = existing.get(membership.pk)
        if record is None:
            created.append(
                Attendance(
                    session=session,
                    membership=membership,
                    status=status,
                    note=note,
                    how=How.ROSTER,
                    recorded_by=actor,
                    recorded_at=now,
                )
            )
        elif (record.status, record.note) != (status, note):
            befores.append(snapshot(record, AUDITED))
            record.status, record.note = status, note
            record.how, record.recorded_by, record.recorded_at = How.CORRECTION, actor, now
            changed.append(record)
    if created:
        Attendance.objects.bulk_create(created)
    if changed:
        Attendance.objects.bulk_update(
            changed, ["status", "note", "how", "recorded_by", "recorded_at"]
        )
    if created:
        record_changes(
            actor=actor,
            changes=[(record, "create", None, snapshot(record, AUDITED)) for record in created],
            reason=How.ROSTER.value,
        )
    if changed:
        record_changes(
            actor=actor,
            changes=[
                (record, "update", before, snapshot(record, AUDITED))
                for record, before in zip(changed, befores, strict=True)
            ],
            reason=How.CORRECTION.value,
        )
    touched = [record.membership_id for record in [*created, *changed]]
    if touched:
        check_absences(session.cohort_id, touched)
    return len(created), len(changed)


@transaction.atomic
def correct_record(*, actor, record, status, note=""):
    """Staff or a mentor change one record afterwards (the roster does the same in bulk)."""
    return take_roster(
        actor=actor, session=record.session, entries={record.membership: (status, note)}
    )
