"""The roster on a phone (staff, the cohort's mentors) and the printable sign-in sheet."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from cohorts.attendance.forms import RosterForm
from cohorts.attendance.models import Attendance
from cohorts.attendance.services.records import take_roster
from cohorts.models import Membership

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
    if request.method == "POST" and form.is_valid():
        created, changed = take_roster(actor=request.user, session=session, entries=form.entries())
        messages.success(
            request,
            _("Attendance saved: %(created)s new, %(changed)s changed.")
            % {"created": created, "changed": changed},
        )
        return redirect("attendance:roster", pk=session.pk)
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
        status=400 if form.is_bound else 200,
    )


@login_required
@require_GET
def sign_in_sheet(request, pk):
    session = _roster_session(request, pk)
    return render(
        request,
        "cohorts/attendance/sign_in_sheet.html",
        {"session": session, "trainees": roster_trainees(session)},
    )
