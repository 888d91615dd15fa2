"""The alumni directory: opting in (or changing one's line) and opting out, which deletes the
entry at once. Only the alumnus themself writes their entry; each change is audited."""

from django.db import transaction

from academy.audit import record_change, snapshot
from cohorts.certificates.models import AlumniEntry

AUDITED = ["company", "line"]


@transaction.atomic
def list_in_directory(*, actor, membership, company, line):
    entry = AlumniEntry.objects.select_for_update().filter(membership=membership).first()
    before = snapshot(entry, AUDITED) if entry else None
    entry = entry or AlumniEntry(membership=membership)
    entry.company = (company or "").strip()
    entry.line = (line or "").strip()
    entry.full_clean()
    entry.save()
    record_change(
        actor=actor,
        obj=entry,
        action="update" if before else "create",
        before=before,
        after=snapshot(entry, AUDITED),
    )
    return entry


@transaction.atomic
def leave_directory(*, actor, membership):
    """Remove the entry (nothing to do when there is none); returns whether one was removed."""
    entry = AlumniEntry.objects.select_for_update().filter(membership=membership).first()
    if entry is None:
        return False
    record_change(actor=actor, obj=entry, action="delete", before=snapshot(entry, AUDITED))
    entry.delete()
    return True
