"""The gradebook: trainees × assignments with the latest released grade, late and missing
marks, totals and percentages, per-assignment statistics; paginated; CSV and XLSX.

Staff see every trainee of any cohort; a mentor the trainees paired with them (also in the
files). A fixed number of queries whatever the number of trainees or assignments.
"""

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
from cohorts.reports.progress import assignment_stats, build_rows, grade_totals

PAGE_SIZE = 20  # trainees a page
COLUMNS = 10  # assignments a page: a 300 × 60 page stays light (bench/gradebook.py)
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


def _trainees(user, cohort):
    return (
        access.mentored_trainees(user)
        .filter(cohort=cohort, is_active=True)
        .select_related("user", "cohort__course")
        .by_reading()
    )


def _assignments(user, cohort):
    return list(access.assignments_visible_to(user).filter(cohort=cohort).order_by("due_at", "pk"))


def gradebook_rows(user, cohort, moment=None):
    """(assignments, rows) for every trainee of cohort user may see, in reading order: the
    files hold them all."""
    assignments = _assignments(user, cohort)
    rows = build_rows(user, _trainees(user, cohort), assignments=assignments, moment=moment)
    return assignments, rows


def gradebook_page(user, cohort, sort, number, columns, moment=None):
    """One page of trainees (PAGE_SIZE) × one window of assignments (COLUMNS), sorted over
    every trainee: the page is "virtualised" both ways, so that a 300 × 60 cohort costs about
    what a small one does.

    Rows are built for the page's trainees over every assignment (totals, percentages and the
    falling-behind flag stay whole) and show the window's cells; the order by percentage and
    the window's statistics over every trainee are counted by the database."""
    assignments = _assignments(user, cohort)
    windows = Paginator(assignments, COLUMNS, allow_empty_first_page=True).get_page(columns)
    trainees = _trainees(user, cohort)
    ordered = list(trainees.values_list("pk", flat=True))
    if sort in ("percent", "-percent"):
        percents = grade_totals(user, ordered, assignments)
        sign = 1 if sort == "percent" else -1
        ordered.sort(key=lambda pk: (percents.get(pk) is None, sign * (percents.get(pk) or 0)))
    page = Paginator(ordered, PAGE_SIZE).get_page(number)
    shown = trainees.filter(pk__in=list(page.object_list)).in_bulk()
    memberships = [shown[pk] for pk in page.object_list if pk in shown]
    rows = build_rows(user, memberships, assignments=assignments, moment=moment)
    first = windows.start_index() - 1 if assignments else 0
    for row in rows:
        row.shown_cells = row.cells[first : first + len(windows.object_list)]
    stats = assignment_stats(user, ordered, list(windows.object_list))
    return windows, page, rows, stats


@login_required
@require_GET
def gradebook(request, pk):
    cohort = access.get_gradebook_cohort_or_404(request.user, pk)
    sort = request.GET.get("sort", "reading")
    if sort not in SORTS:
        sort = "reading"
    windows, page, rows, stats = gradebook_page(
        request.user,
        cohort,
        sort,
        request.GET.get("page"),
        request.GET.get("cols"),
        timezone.now(),
    )
    return render(
        request,
        "cohorts/reports/gradebook.html",
        {
            "cohort": cohort,
            "assignments": windows.object_list,
            "windows": windows,
            "page": page,
            "rows": rows,
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
    assignments, rows = gradebook_rows(request.user, cohort)
    header = [_("ID"), _("Trainee"), _("Reading"), _("E-mail")]
    for assignment in assignments:
        header.append(assignment.title)
        header.append(_("%(title)s: late") % {"title": assignment.title})
    header += [_("Total points"), _("Points possible"), _("Percent"), _("Last submission")]
    filename = f"gradebook-{cohort.pk}-{date_stamp()}.{fmt}"
    if fmt == "csv":
        return csv_response(filename, header, _export_rows(assignments, rows))
    return xlsx_response(filename, header, _export_rows(assignments, rows), title=cohort.name)
