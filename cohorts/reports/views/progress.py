"""The progress report: lessons done per trainee per module, on the page and as files."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from academy.datetimes import date_stamp
from academy.exports import csv_response, xlsx_response
from cohorts import access


def progress_rows(user, cohort):
    """(modules with their lesson count, [(membership, [done per module], total done)])."""
    trainees = list(
        access.mentored_trainees(user)
        .filter(cohort=cohort, is_active=True)
        .select_related("user")
        .by_reading()
    )
    path = cohort.course.path
    modules = access.modules_of_courses([path])
    lessons = access.lessons_of_courses([path])
    module_lessons = [
        (module, {lesson.pk for lesson in lessons if lesson.path.startswith(module.path)})
        for module in modules
    ]
    done = access.lessons_done_by(trainees)
    rows = []
    for membership in trainees:
        own = done.get(membership.user_id, set())
        counts = [(module, len(ids & own)) for module, ids in module_lessons]
        rows.append((membership, counts, sum(count for _module, count in counts)))
    columns = [(module, len(ids)) for module, ids in module_lessons]
    return columns, rows, len(lessons)


@login_required
@require_GET
def progress_report(request, pk):
    cohort = access.get_gradebook_cohort_or_404(request.user, pk)
    columns, rows, total = progress_rows(request.user, cohort)
    return render(
        request,
        "cohorts/reports/progress.html",
        {"cohort": cohort, "columns": columns, "rows": rows, "total": total},
    )


def _export_rows(rows):
    for membership, counts, done in rows:
        user = membership.user
        yield [
            str(membership.pk),
            user.get_full_name(),
            user.name_reading,
            user.email,
            *(count for _module, count in counts),
            done,
        ]


@login_required
@require_GET
def progress_export(request, pk, fmt):
    if fmt not in ("csv", "xlsx"):
        raise Http404
    cohort = access.get_gradebook_cohort_or_404(request.user, pk)
    columns, rows, total = progress_rows(request.user, cohort)
    header = [
        _("ID"),
        _("Trainee"),
        _("Reading"),
        _("E-mail"),
        *(f"{module.title} ({count})" for module, count in columns),
        _("Lessons done (of %(total)s)") % {"total": total},
    ]
    filename = f"progress-{cohort.pk}-{date_stamp()}.{fmt}"
    if fmt == "csv":
        return csv_response(filename, header, _export_rows(rows))
    return xlsx_response(filename, header, _export_rows(rows), title=cohort.name)
