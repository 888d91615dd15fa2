"""academy.downloads.content_disposition: safe_filename first, then Django's header builder."""

from urllib.parse import unquote

import pytest
from django.utils.http import content_disposition_header

from academy.downloads import content_disposition, safe_filename
from academy.exports import csv_response


@pytest.mark.parametrize(
    "name",
    ["成績表 2026.csv", "report.csv", '"quoted" \\ back.csv', "../../x.pdf", "a\r\nb.txt", ""],
)
@pytest.mark.parametrize("disposition", ["attachment", "inline"])
def test_it_is_djangos_header_for_the_cleaned_name(name, disposition):
    expected = content_disposition_header(disposition == "attachment", safe_filename(name))
    assert content_disposition(name, disposition) == expected


def test_an_ascii_name_is_quoted_and_a_japanese_one_is_percent_encoded():
    assert content_disposition("roster.csv") == 'attachment; filename="roster.csv"'
    header = content_disposition("出席簿.csv", disposition="inline")
    assert header.startswith("inline; filename*=utf-8''")
    assert unquote(header.split("''", 1)[1]) == "出席簿.csv"


def test_quotes_and_backslashes_cannot_end_the_parameter():
    header = content_disposition('a"; filename="evil.exe')
    assert header.count('"') == 2  # the one quoted-string Django writes
    assert "evil.exe" in header and header.endswith('"')


def test_an_empty_name_still_names_the_download():
    assert content_disposition("") == 'attachment; filename="download"'
    assert content_disposition(None) == 'attachment; filename="download"'


def test_an_unknown_disposition_is_refused():
    with pytest.raises(ValueError, match="disposition"):
        content_disposition("a.pdf", disposition="form-data")


def test_exports_use_it():
    response = csv_response("名簿.csv", ["a"], [])
    assert response["Content-Disposition"] == content_disposition("名簿.csv")
