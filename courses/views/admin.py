"""Wagtail admin views: a seminar's registrants, on screen and as CSV."""

from django.db.models import Case, Value, When
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.text import capfirst

from academy.datetimes import date_stamp
from academy.exports import csv_response

from ..models import SeminarPage, SeminarRegistration

CSV_FIELDS = [
    "status",
    "name",
    "company",
    "email",
    "phone",
    "note",
    "created_at",
    "promoted_at",
    "cancelled_at",
]


STATUS_ORDER = [
    SeminarRegistration.Status.CONFIRMED,
    SeminarRegistration.Status.WAITLISTED,
    SeminarRegistration.Status.CANCELLED,
]


def _label(field_name):
    return capfirst(SeminarRegistration._meta.get_field(field_name).verbose_name)


def _seminar_or_404(request, page_id):
    seminar = get_object_or_404(SeminarPage, pk=page_id)
    if not seminar.permissions_for_user(request.user).can_edit():
        raise Http404
    return seminar


def registrants(request, page_id):
    seminar = _seminar_or_404(request, page_id)
    status_order = Case(
        *(When(status=value, then=Value(n)) for n, value in enumerate(STATUS_ORDER)),
        default=Value(len(STATUS_ORDER)),
    )
    rows = seminar.registrations.order_by(status_order, "created_at", "pk")
    counts = {
        "confirmed": seminar.registrations.confirmed().count(),
        "waitlisted": seminar.registrations.waitlisted().count(),
    }
    return TemplateResponse(
        request,
        "courses/admin/seminar_registrants.html",
        {
            "seminar": seminar,
            "registrations": rows,
            "counts": counts,
            "columns": [_label(name) for name in CSV_FIELDS[:7]],
        },
    )


def registrants_csv(request, page_id):
    seminar = _seminar_or_404(request, page_id)
    statuses = dict(SeminarRegistration.Status.choices)
    header = ["#", *map(_label, CSV_FIELDS)]
    rows = (
        [
            number,
            statuses[r.status],
            r.name,
            r.company,
            r.email,
            r.phone,
            r.note,
            r.created_at,
            r.promoted_at,
            r.cancelled_at,
        ]
        for number, r in enumerate(seminar.registrations.order_by("created_at", "pk"), 1)
    )
    filename = f"{seminar.slug}-registrants-{date_stamp()}.csv"
    return csv_response(filename, header, rows)
