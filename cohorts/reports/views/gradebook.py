"""The gradebook: trainees × assignments with the latest released grade, late and missing
marks, totals and percentages, per-assignment statistics; paginated; CSV and XLSX.

Staff see every trainee of any cohort; a mentor the trainees paired with them (also in the
files). A fixed number of queries whatever the number of trainees or assignments.
"""

from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from academy.datetimes import date_stamp
from academy.exports import csv_response, xlsx_response
from cohorts import access
from cohorts.reports.progress import build_rows

PAGE_SIZE = 50
SORTS = ("reading", "percent", "-percent")


def may_open_or_404(user):
    if not access.may_open_reports(user):
        raise Http404


@login_required
@require_GET
def report_index(request):
    """The cohorts whose reports user may open, with links to each report."""
    may_open_or_404(request.user)
    cohorts = access.gradebook_cohorts_for(request.user).select_related("course")
    return render(
        request,
        "cohorts/reports/index.html",
        {
            "cohorts": cohorts.order_by("-starts_on", "name"),
            "is_staff": access.is_staff(request.user),
        },
    )


def gradebook_rows(user, cohort, sort="reading", moment=None):
    """(assignments, rows, stats) for the trainees of cohort user may see."""
    trainees = (
        access.mentored_trainees(user)
        .filter(cohort=cohort, is_active=True)
        .select_related("user", "cohort__course")
        .by_reading()
    )
    assignments = list(
        access.assignments_visible_to(user).filter(cohort=cohort).order_by("due_at", "pk")
    )
    rows = build_rows(user, trainees, assignments=assignments, moment=moment)
    if sort == "percent":
        rows.sort(key=lambda row: (row.percent is None, row.percent or 0))
    elif sort == "-percent":
        rows.sort(key=lambda row: (row.percent is None, -(row.percent or 0)))
    stats = []
    for index, assignment in enumerate(assignments):
        cells = [row.cells[index] for row in rows]
        points = [cell.points for cell in cells if cell.graded]
        stats.append(
            {
                "assignment": assignment,
                "submitted": sum(1 for cell in cells if cell.submission is not None),
                "reviewed": sum(1 for cell in cells if cell.release is not None),
                "mean": (sum(points, Decimal(0)) / len(points)).quantize(Decimal("0.1"))
                if points
                else None,
            }
        )
    return assignments, rows, stats


@login_required
@require_GET
def gradebook(request, pk):
    cohort = access.get_gradebook_cohort_or_404(request.user, pk)
    sort = request.GET.get("sort", "reading")
    if sort not in SORTS:
        sort = "reading"
    assignments, rows, stats = gradebook_rows(request.user, cohort, sort, timezone.now())
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "cohorts/reports/gradebook.html",
        {
            "cohort": cohort,
            "assignments": assignments,
            "page": page,
            "stats": stats,
            "sort": sort,
        },
    )


def _cell_value(cell):
    if cell.graded:
        return cell.points
    if cell.missing:
        return _("Missing")
    if cell.submission is not None:
        return _("Submitted")
    return ""


def _export_rows(assignments, rows):
    for row in rows:
        user = row.membership.user
        values = [
            str(row.membership.pk),
            user.get_full_name(),
            user.name_reading,
            user.email,
        ]
        for cell in row.cells:
            values.append(_cell_value(cell))
            values.append(cell.late)
        last = row.last_submission
        values += [
            row.total_points,
            row.possible_points,
            row.percent if row.percent is not None else "",
            last.submitted_at if last else "",
        ]
        yield values


@login_required
@require_GET
def gradebook_export(request, pk, fmt):
    if fmt not in ("csv", "xlsx"):
        raise Http404
    cohort = access.get_gradebook_cohort_or_404(request.user, pk)
    assignments, rows, _stats = gradebook_rows(request.user, cohort)
    header = [_("ID"), _("Trainee"), _("Reading"), _("E-mail")]
    for assignment in assignments:
        header.append(assignment.title)
        header.append(_("%(title)s: late") % {"title": assignment.title})
    header += [_("Total points"), _("Points possible"), _("Percent"), _("Last submission")]
    filename = f"gradebook-{cohort.pk}-{date_stamp()}.{fmt}"
    if fmt == "csv":
        return csv_response(filename, header, _export_rows(assignments, rows))
    return xlsx_response(filename, header, _export_rows(assignments, rows), title=cohort.name)
