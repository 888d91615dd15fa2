"""Self check-in (a trainee, by code or QR), and the code screen staff show on the projector.

The QR code holds the check-in page's URL with the code: a phone that is signed out meets the
login page, which brings it back here (`next`) with the code still in the URL, prefilled.
Checking in is a POST with the CSRF token, for the signed-in trainee only (no id is posted).
"""

import io

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from academy.links import absolute_url
from cohorts import access
from cohorts.attendance.forms import CheckInForm
from cohorts.attendance.models import Attendance, Session
from cohorts.attendance.services import sessions as session_services
from cohorts.attendance.services.checkin import NOT_YOUR_COHORT, CheckInRefused, check_in
from cohorts.services.archive import CohortArchived


def checkin_url(session, with_code=True):
    url = reverse("attendance:checkin", args=[session.pk])
    if with_code:
        url += "?" + urlencode({"code": session.checkin_code})
    return absolute_url(url)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def checkin(request, pk):
    user = request.user
    session = (
        access.checkin_sessions_for(user, Session.objects.select_related("cohort"))
        .filter(pk=pk)
        .first()
    )
    if session is None:
        # Scanned at another cohort's session (or not a trainee): say so, as a 404.
        return render(
            request,
            "cohorts/attendance/checkin_refused.html",
            {"message": NOT_YOUR_COHORT},
            status=404,
        )
    membership = access.own_trainee_membership(user, session.cohort_id)
    record = Attendance.objects.filter(session=session, membership=membership).first()
    status = 200
    if request.method == "POST":
        form = CheckInForm(request.POST)
        if form.is_valid():
            try:
                record, created = check_in(
                    user=user, session=session, code=form.cleaned_data["code"]
                )
            except CheckInRefused as refusal:
                form.add_error("code", refusal.message)
                status = 400
            else:
                if created:
                    messages.success(
                        request,
                        _("Checked in: %(status)s. Welcome!")
                        % {"status": record.get_status_display()},
                    )
                else:
                    messages.info(
                        request,
                        _("You are already recorded: %(status)s.")
                        % {"status": record.get_status_display()},
                    )
                return redirect("attendance:checkin", pk=session.pk)
        else:
            status = 400
    else:
        form = CheckInForm(initial={"code": request.GET.get("code", "")[:20]})
    return render(
        request,
        "cohorts/attendance/checkin.html",
        {
            "session": session,
            "form": form,
            "record": record,
            "window_open": session.checkin_is_open(),
            "now": timezone.now(),
        },
        status=status,
    )


def _roster_session(request, pk):
    return access.get_roster_session_or_404(
        request.user, pk, Session.objects.select_related("cohort")
    )


@never_cache
@login_required
@require_GET
def code_screen(request, pk):
    """The code, the QR and the link, large, for the projector (staff, the cohort's mentors)."""
    session = _roster_session(request, pk)
    return render(
        request,
        "cohorts/attendance/code_screen.html",
        {"session": session, "checkin_url": checkin_url(session)},
    )


@login_required
@require_POST
def code_new(request, pk):
    session = _roster_session(request, pk)
    try:
        session_services.new_code(actor=request.user, session=session)
    except CohortArchived as archived:
        messages.error(request, archived.message)
    else:
        messages.success(request, _("A new check-in code is ready; the old one no longer works."))
    return redirect("attendance:code_screen", pk=session.pk)


@never_cache
@login_required
@require_GET
def qr_code(request, pk):
    session = _roster_session(request, pk)
    buffer = io.BytesIO()
    segno.make(checkin_url(session), error="m").save(
        buffer, kind="svg", scale=8, border=2, xmldecl=True, svgns=True
    )
    response = HttpResponse(buffer.getvalue(), content_type="image/svg+xml")
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
