"""Attendance reports on the site: a cohort's grid with filters, CSV and XLSX exports.

Staff see every trainee of any cohort; a mentor the trainees paired with them, in cohorts they
mentor (the access package decides, also for the files); a trainee their own summary.
"""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_GET

from academy.datetimes import date_stamp, format_date
from academy.exports import csv_response, xlsx_response
from cohorts import access
from cohorts.attendance.forms import ReportFilterForm
from cohorts.attendance.models import Attendance
from cohorts.attendance.report import build_grid
from cohorts.attendance.services.warnings import rate as attendance_rate

Status = Attendance.Status


def _filtered_grid(request, cohort):
    form = ReportFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    grid = build_grid(
        request.user,
        cohort,
        start=filters.get("start"),
        end=filters.get("end"),
        q=(filters.get("q") or "").strip(),
        below=filters.get("below", False),
    )
    return form, grid


@login_required
@require_GET
def report_index(request):
    user = request.user
    own = list(
        access.attendance_visible_to(user)
        .filter(membership__in=access.own_trainee_memberships(user).values("pk"))
        .select_related("session__cohort")
        .order_by("session__starts_at")
    )
    by_cohort = {}
    for record in own:
        by_cohort.setdefault(record.session.cohort, []).append(record)
    summaries = [
        {
            "cohort": cohort,
            "records": records,
            "rate": None if (share := attendance_rate(records)) is None else round(share * 100, 1),
        }
        for cohort, records in by_cohort.items()
    ]
    return render(
        request,
        "cohorts/attendance/report_index.html",
        {
            "cohorts": access.report_cohorts_for(user).order_by("-starts_on", "name"),
            "summaries": summaries,
        },
    )


@login_required
@require_GET
def report(request, pk):
    cohort = access.get_report_cohort_or_404(request.user, pk)
    form, grid = _filtered_grid(request, cohort)
    return render(
        request,
        "cohorts/attendance/report.html",
        {"cohort": cohort, "form": form, "grid": grid, "query": request.GET.urlencode()},
    )


LABELS = dict(Status.choices)


def _export_rows(grid):
    for row in grid.rows:
        user = row.membership.user
        yield [
            user.get_full_name(),
            user.email,
            *(str(LABELS[cell.status]) if cell else "" for cell in row.cells),
            row.counts[Status.PRESENT],
            row.counts[Status.LATE],
            row.counts[Status.EXCUSED],
            row.counts[Status.ABSENT],
            row.rate if row.rate is not None else "",
        ]


@login_required
@require_GET
def report_export(request, pk, fmt):
    if fmt not in ("csv", "xlsx"):
        raise Http404
    cohort = access.get_report_cohort_or_404(request.user, pk)
    _form, grid = _filtered_grid(request, cohort)
    header = [
        _("Trainee"),
        _("E-mail"),
        *(f"{format_date(s.starts_at)} {s.title}" for s in grid.sessions),
        pgettext("attendance", "Present"),
        pgettext("attendance", "Late"),
        pgettext("attendance", "Excused"),
        pgettext("attendance", "Absent"),
        _("Attendance rate (%)"),
    ]
    filename = f"attendance-{cohort.pk}-{date_stamp()}.{fmt}"
    if fmt == "csv":
        return csv_response(filename, header, _export_rows(grid))
    return xlsx_response(filename, header, _export_rows(grid), title=cohort.name)
