"""Report files read back from their bytes: a mentor's progress XLSX holds only their
trainees; formula-like names stay text (CSV with an apostrophe, XLSX with quotePrefix and no
visible apostrophe); number-like text keeps its leading zeros; dates are dates."""

import csv
import io
from datetime import datetime

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.conftest import client_for
from tests.reports.test_reports import school

pytestmark = pytest.mark.django_db


def _content(response):
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def _csv_rows(response):
    return list(csv.reader(io.StringIO(_content(response).decode("utf-8-sig"))))


def _sheet(response):
    return load_workbook(io.BytesIO(_content(response))).active


def test_a_mentors_progress_xlsx_holds_only_their_trainees(world):
    members, _tasks = school(world, 3, 5)
    sheet = _sheet(
        client_for(world.users["mentor"]).get(
            reverse("reports:progress_export", args=[world.cohort.pk, "xlsx"])
        )
    )
    emails = {row[3] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert emails == {m.user.email for m in members}
    assert "w-trainee2@example.com" not in emails


def test_formula_like_and_number_like_names_stay_text(world):
    members, _tasks = school(world, 3, 5)
    hostile, zeros = members[1].user, members[2].user
    hostile.display_name = '=HYPERLINK("http://evil.example","x")'
    hostile.save()
    zeros.display_name = "0012"
    zeros.save()
    mentor = client_for(world.users["mentor"])
    url = reverse("reports:gradebook_export", args=[world.cohort.pk, "csv"])
    names = {row[1] for row in _csv_rows(mentor.get(url))[1:]}
    assert "'" + hostile.display_name in names and "0012" in names
    sheet = _sheet(mentor.get(reverse("reports:gradebook_export", args=[world.cohort.pk, "xlsx"])))
    cells = {row[1].value: row[1] for row in sheet.iter_rows(min_row=2)}
    formula = cells[hostile.display_name]  # as typed: no visible apostrophe
    assert formula.data_type == "s" and formula.quotePrefix
    assert cells["0012"].data_type == "s"
    last = [row[-1].value for row in sheet.iter_rows(min_row=2) if row[-1].value]
    assert last and all(isinstance(value, datetime) for value in last)
