"""The one export helper (CSV and XLSX) and safe download names."""

import csv
import io
import tracemalloc
from datetime import UTC, date, datetime
from decimal import Decimal
from urllib.parse import unquote

import pytest
from django.http import FileResponse, StreamingHttpResponse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from openpyxl import load_workbook

from academy.downloads import (
    MAX_NAME_BYTES,
    MAX_NAME_LENGTH,
    content_disposition,
    safe_filename,
)
from academy.exports import csv_response, neutralise, sheet_title, xlsx_response

HEADER = [_("e-mail address"), _("display name"), "score"]
JAPANESE_ROW = ["yamada@example.com", "山田　太郎（やまだ）「後継者」・テスト", 87]

DANGEROUS_CELLS = [
    "=1+1",
    '=HYPERLINK("http://evil.example","click")',
    "+81-3-1234-5678",
    "-2+3",
    "@SUM(A1:A2)",
    "\t=1+1",
    "\r=1+1",
    "\x00=1+1",
    "＝1+1",
    "＋1",
    "－1",
    "＠SUM(A1)",
    "=cmd|' /C calc'!A0",
]


class CountingRows:
    """A one-shot row source that records how many rows were taken from it."""

    def __init__(self, count, make_row=lambda n: [f"user{n}@example.com", f"受講生{n}", n]):
        self.count = count
        self.taken = 0
        self.make_row = make_row

    def __iter__(self):
        for n in range(self.count):
            self.taken += 1
            yield self.make_row(n)


def csv_text(response):
    assert isinstance(response, StreamingHttpResponse)
    return b"".join(response.streaming_content).decode("utf-8")


def csv_rows(response):
    text = csv_text(response)
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:], newline="")))


def xlsx_rows(response):
    assert isinstance(response, FileResponse)
    data = b"".join(response.streaming_content)
    workbook = load_workbook(io.BytesIO(data), read_only=True)
    return [list(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]


# ---- CSV -------------------------------------------------------------------------------


def test_csv_starts_with_a_utf8_bom_and_is_streamed():
    response = csv_response("report.csv", HEADER, [JAPANESE_ROW])
    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Cache-Control"] == "private, no-store"
    body = b"".join(response.streaming_content)
    assert body.startswith(b"\xef\xbb\xbf")
    assert not body.startswith(b"\xef\xbb\xbf\xef\xbb\xbf")


def test_csv_parses_back_with_japanese_intact():
    with translation.override("en"):
        rows = csv_rows(csv_response("report.csv", HEADER, [JAPANESE_ROW]))
    assert rows == [
        ["e-mail address", "display name", "score"],
        ["yamada@example.com", "山田　太郎（やまだ）「後継者」・テスト", "87"],
    ]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("ja", ["メールアドレス", "表示名", "score"]),
        ("en", ["e-mail address", "display name", "score"]),
    ],
)
def test_csv_header_is_translated_in_the_active_language(language, expected):
    with translation.override(language):
        response = csv_response("report.csv", HEADER, [])
    # read after the language changed back: the header was fixed when the response was made
    with translation.override("en" if language == "ja" else "ja"):
        rows = csv_rows(response)
    assert rows == [expected]


@pytest.mark.parametrize("cell", DANGEROUS_CELLS)
def test_csv_neutralises_formula_cells(cell):
    rows = csv_rows(csv_response("report.csv", ["value"], [[cell]]))
    assert rows[1] == ["'" + cell]


def test_csv_keeps_harmless_cells_and_numbers_as_they_are():
    row = ["普通の文章", "a=b", "メール@例", 42, -7, 3.5, Decimal("-1.25"), None, date(2026, 4, 1)]
    rows = csv_rows(csv_response("report.csv", ["c"] * len(row), [row]))
    assert rows[1] == [
        "普通の文章",
        "a=b",
        "メール@例",
        "42",
        "-7",
        "3.5",
        "-1.25",
        "",
        "2026-04-01",
    ]


def test_csv_writes_aware_datetimes_in_local_time():
    moment = datetime(2026, 11, 25, 1, 30, tzinfo=UTC)  # 10:30 in Tokyo
    rows = csv_rows(csv_response("report.csv", ["when"], [[moment]]))
    assert rows[1] == ["2026-11-25 10:30:00"]


def test_csv_quotes_separators_and_line_breaks():
    row = ['引用符"入り', "カンマ,入り", "改行\n入り"]
    rows = csv_rows(csv_response("report.csv", ["a", "b", "c"], [row]))
    assert rows[1] == row


def test_csv_reads_rows_lazily_while_streaming():
    source = CountingRows(20_000)
    response = csv_response("large.csv", HEADER, iter(source))
    assert source.taken == 0  # nothing read before the response is sent
    chunks = iter(response.streaming_content)
    first = next(chunks)
    assert first.startswith(b"\xef\xbb\xbf")
    assert 0 < source.taken < 20_000  # the first chunk went out before the last row was read
    rest = b"".join(chunks)
    assert source.taken == 20_000
    lines = (first + rest).decode("utf-8").splitlines()
    assert len(lines) == 20_001
    assert lines[-1] == "user19999@example.com,受講生19999,19999"


def test_csv_accepts_a_plain_generator():
    rows = csv_rows(csv_response("g.csv", ["n"], ([n] for n in range(3))))
    assert rows == [["n"], ["0"], ["1"], ["2"]]


def test_csv_download_name_keeps_japanese():
    response = csv_response("成績表 2026.csv", HEADER, [])
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment; ")
    assert "filename*=utf-8''" + "%E6%88%90%E7%B8%BE%E8%A1%A8%202026.csv" in disposition


# ---- XLSX ------------------------------------------------------------------------------


def test_xlsx_opens_with_openpyxl_and_keeps_japanese_and_numbers():
    row = [*JAPANESE_ROW, 3.5, Decimal("12.50"), -4, date(2026, 4, 1)]
    header = [*HEADER, "avg", "decimal", "negative", "date"]
    with translation.override("ja"):
        response = xlsx_response("report.xlsx", header, [row], title="成績")
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    rows = xlsx_rows(response)
    assert rows[0] == ["メールアドレス", "表示名", "score", "avg", "decimal", "negative", "date"]
    assert rows[1][:3] == JAPANESE_ROW
    assert isinstance(rows[1][2], int)
    assert rows[1][3] == 3.5
    assert rows[1][4] == 12.5
    assert rows[1][5] == -4
    assert rows[1][6] == datetime(2026, 4, 1)


def test_xlsx_header_is_translated_in_english():
    with translation.override("en"):
        rows = xlsx_rows(xlsx_response("report.xlsx", HEADER, []))
    assert rows == [["e-mail address", "display name", "score"]]


def test_xlsx_neutralises_the_same_cells_as_csv():
    rows = xlsx_rows(xlsx_response("report.xlsx", ["value"], [[cell] for cell in DANGEROUS_CELLS]))
    values = [row[0] for row in rows[1:]]
    # XML can't hold NUL, and an XML parser reads a bare CR back as LF; the text is kept as it
    # is (no visible apostrophe): Excel's quotePrefix marks it as text
    expected = [cell.replace("\x00", "").replace("\r", "\n") for cell in DANGEROUS_CELLS]
    assert values == expected
    # and no cell of the file is a formula: each is text with quotePrefix
    response = xlsx_response("report.xlsx", ["value"], [[cell] for cell in DANGEROUS_CELLS])
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    cells = [row[0] for row in workbook.active.iter_rows(min_row=2)]
    assert all(cell.data_type == "s" and cell.quotePrefix for cell in cells)


def test_xlsx_keeps_booleans_and_ids_as_text_with_wide_columns():
    response = xlsx_response("r.xlsx", ["id", "flag", "when"], [["007", True, date(2026, 4, 1)]])
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    sheet = workbook.active
    assert [cell.value for cell in sheet[2]] == ["007", True, datetime(2026, 4, 1)]
    assert sheet.column_dimensions["C"].width >= 19


def test_xlsx_drops_control_characters_it_cannot_hold_before_neutralising():
    rows = xlsx_rows(xlsx_response("r.xlsx", ["v"], [["a\x01b\x0bc"], ["\x02=1+1"]]))
    assert [row[0] for row in rows[1:]] == ["abc", "=1+1"]


def test_xlsx_writes_aware_datetimes_in_local_time():
    moment = datetime(2026, 11, 25, 1, 30, tzinfo=UTC)
    rows = xlsx_rows(xlsx_response("r.xlsx", ["when"], [[moment]]))
    assert rows[1] == [datetime(2026, 11, 25, 10, 30)]


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("2026 第1期 / 成績", "2026 第1期 - 成績"),
        ("[a]:b*c?d\\e", "-a--b-c-d-e"),
        ("'quoted'", "quoted"),
        ("", "Export"),
        ("長" * 40, "長" * 31),
    ],
)
def test_sheet_titles_are_made_acceptable(title, expected):
    assert sheet_title(title) == expected


def test_xlsx_accepts_a_title_with_slashes():
    response = xlsx_response("r.xlsx", ["v"], [[1]], title="2026 第1期 / 出席")
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    assert workbook.sheetnames == ["2026 第1期 - 出席"]


@pytest.mark.slow
def test_large_xlsx_export_reads_a_generator_once_in_constant_memory():
    source = CountingRows(20_000)
    tracemalloc.start()
    try:
        response = xlsx_response("large.xlsx", HEADER, iter(source))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert source.taken == 20_000
    # a workbook held in memory needs over 20 MB here and a list of the rows alone 5 MB;
    # write-only mode from a generator stays under 1 MB
    assert peak < 3 * 1024 * 1024, peak
    rows = xlsx_rows(response)
    assert len(rows) == 20_001
    assert rows[-1] == ["user19999@example.com", "受講生19999", 19999]


# ---- neutralise --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, ""),
        (0, 0),
        (-5, -5),
        (1.5, 1.5),
        (Decimal("-2.5"), Decimal("-2.5")),
        (True, "True"),
        ("-5", "'-5"),
        ("ふつう", "ふつう"),
        (_("e-mail address"), "e-mail address"),
    ],
)
def test_neutralise(value, expected):
    with translation.override("en"):
        assert neutralise(value) == expected


# ---- download names ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("成績表.csv", "成績表.csv"),
        ("../../etc/passwd", "passwd"),
        ("..\\..\\windows\\system32\\cmd.exe", "cmd.exe"),
        ("..", "download"),
        ("", "download"),
        (None, "download"),
        ("report\x00.csv", "report.csv"),
        ("re\r\nport.csv", "report.csv"),
        ("invoice\u202egpj.exe", "invoicegpj.exe"),
        ("a\u2066b\u2069c.pdf", "abc.pdf"),
        ('a"b<c>d:e|f?g*h.txt', "abcdefgh.txt"),
        ("  .hidden. ", "hidden"),
        ("ｶﾞ.txt", "ｶﾞ.txt"),
    ],
)
def test_safe_filename(name, expected):
    assert safe_filename(name) == expected


def test_safe_filename_composes_decomposed_japanese():
    assert safe_filename("か\u3099.txt") == "が.txt"


@pytest.mark.parametrize("name", ["a" * 300 + ".xlsx", "資" * 300 + ".xlsx"])
def test_long_names_are_shortened_keeping_the_extension(name):
    safe = safe_filename(name)
    assert safe.endswith(".xlsx")
    assert len(safe) <= MAX_NAME_LENGTH
    assert len(safe.encode("utf-8")) <= MAX_NAME_BYTES
    assert safe[:-5] == name[: len(safe) - 5]


def test_long_names_without_extension_are_shortened():
    safe = safe_filename("計" * 300)
    assert safe == "計" * (MAX_NAME_BYTES // 3)


def header_filename(header):
    """The file name a browser reads from the header, in either of its two forms."""
    _disposition, _, parameter = header.partition("; ")
    if parameter.startswith("filename*=utf-8''"):
        return unquote(parameter.removeprefix("filename*=utf-8''"))
    assert parameter.startswith('filename="') and parameter.endswith('"'), header
    return parameter.removeprefix('filename="').removesuffix('"')


def test_content_disposition_keeps_japanese_in_filename_star():
    header = content_disposition("2026年 第1期 出席簿.csv")
    assert header.startswith("attachment; filename*=utf-8''")
    assert header_filename(header) == "2026年 第1期 出席簿.csv"
    assert header.isascii()


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("成績表.csv", "attachment; filename*=utf-8''%E6%88%90%E7%B8%BE%E8%A1%A8.csv"),
        ("report 2026.csv", 'attachment; filename="report 2026.csv"'),
        ("100%_done.txt", 'attachment; filename="100%_done.txt"'),
        ("seminar.ics", 'attachment; filename="seminar.ics"'),
        ("名簿", "attachment; filename*=utf-8''%E5%90%8D%E7%B0%BF"),
    ],
)
def test_content_disposition_ascii_or_utf8_form(name, expected):
    """Django's content_disposition_header: a quoted ASCII name, else filename*=utf-8''."""
    assert content_disposition(name) == expected


@pytest.mark.parametrize(
    "name",
    ["../../../etc/passwd", "a\r\nSet-Cookie: x=1.csv", "x\x00.csv", "\u202etxt.exe", "名" * 300],
)
def test_content_disposition_is_one_safe_header_line(name):
    header = content_disposition(name)
    assert header.isascii()
    assert "\r" not in header and "\n" not in header and "\x00" not in header
    assert "/" not in header
    seen = header_filename(header)
    assert "/" not in seen and "\u202e" not in seen
    assert len(seen.encode("utf-8")) <= MAX_NAME_BYTES


def test_content_disposition_inline():
    assert content_disposition("a.pdf", disposition="inline").startswith('inline; filename="a.pdf"')
