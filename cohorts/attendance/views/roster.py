"""The roster on a phone (staff, the cohort's mentors) and the printable sign-in sheet."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from cohorts.attendance.forms import RosterForm
from cohorts.attendance.models import Attendance
from cohorts.attendance.services.records import RosterConflict, roster_base, take_roster
from cohorts.models import Membership
from cohorts.services.archive import CohortArchived

from .checkin import _roster_session


def roster_trainees(session):
    """Every active trainee of the session's cohort, by name (one query)."""
    return (
        Membership.objects.filter(cohort_id=session.cohort_id, is_active=True)
        .trainees()
        .select_related("user")
        .order_by("user__display_name", "user__email")
    )


def records_of(session):
    return {
        record.membership_id: record
        for record in Attendance.objects.filter(session=session).select_related("recorded_by")
    }


@login_required
@require_http_methods(["GET", "POST"])
def roster(request, pk):
    session = _roster_session(request, pk)
    records = records_of(session)
    form = RosterForm(request.POST or None, trainees=roster_trainees(session), records=records)
    status = 400 if form.is_bound else 200
    if request.method == "POST" and form.is_valid():
        try:
            created, changed = take_roster(
                actor=request.user,
                session=session,
                entries=form.entries(),
                based_on=form.based_on(),
            )
        except RosterConflict as conflict:
            form, status = _conflict_form(session, request.POST, conflict.records), 409
        except CohortArchived as archived:
            form.add_error(None, archived)
        else:
            messages.success(
                request,
                _("Attendance saved: %(created)s new, %(changed)s changed.")
                % {"created": created, "changed": changed},
            )
            return redirect("attendance:roster", pk=session.pk)
        records = form.records
    counts = dict.fromkeys(Attendance.Status.values, 0)
    for record in records.values():
        counts[record.status] += 1
    return render(
        request,
        "cohorts/attendance/roster.html",
        {
            "session": session,
            "form": form,
            "counts": counts,
            "recorded": len(records),
        },
        status=status,
    )


def _conflict_form(session, posted, stale):
    """The roster as posted (nothing lost), with the records written meanwhile shown as they
    are now and named in a message; saving this form again goes through."""
    records = records_of(session)
    data = posted.copy()
    data["base"] = roster_base(records)
    names = []
    for record in stale:
        current = records[record.membership_id]
        data[f"status_{current.membership_id}"] = current.status
        data[f"note_{current.membership_id}"] = current.note
        names.append(
            _("%(name)s (now %(status)s)")
            % {
                "name": record.membership.user.get_full_name() or record.membership.user.email,
                "status": current.get_status_display(),
            }
        )
    form = RosterForm(data, trainees=roster_trainees(session), records=records)
    form.is_valid()
    form.add_error(
        None,
        _(
            "Nothing was saved: someone recorded these trainees after you opened the roster: "
            "%(names)s. Their records are shown as they are now; your other choices are kept. "
            "Check them and save again."
        )
        % {"names": "、".join(names)},
    )
    return form


@login_required
@require_GET
def sign_in_sheet(request, pk):
    session = _roster_session(request, pk)
    return render(
        request,
        "cohorts/attendance/sign_in_sheet.html",
        {"session": session, "trainees": roster_trainees(session)},
    )
