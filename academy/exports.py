"""The one export helper: CSV (UTF-8 with BOM, streamed) and XLSX (write-only), injection-safe.

Every report, gradebook and registrant list goes through here, so the rules against formula
injection and for Excel-friendly Japanese are kept in one place.
"""

import csv
import tempfile
from collections.abc import Iterable, Sequence

from django.http import FileResponse, StreamingHttpResponse
from django.utils.encoding import force_str

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\x00", "＝", "＋", "－", "＠")
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def neutralise(value):
    """A cell value that a spreadsheet will show as text, never run as a formula."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return force_str(value)
    if isinstance(value, int | float):
        return value
    text = force_str(value)
    if text.startswith(FORMULA_PREFIXES):
        return "'" + text
    return text


def _rows(header: Sequence, rows: Iterable[Sequence]):
    yield [force_str(label) for label in header]
    for row in rows:
        yield [neutralise(cell) for cell in row]


class _Echo:
    def write(self, value):
        return value


def _content_disposition(filename):
    from .downloads import content_disposition

    return content_disposition(filename)


def csv_response(filename: str, header: Sequence, rows: Iterable[Sequence]):
    """A streamed CSV download; header labels are translated in the active language."""
    writer = csv.writer(_Echo())

    def stream():
        yield "\ufeff"
        for row in _rows(header, rows):
            yield writer.writerow(row)

    response = StreamingHttpResponse(stream(), content_type=CSV_CONTENT_TYPE)
    response["Content-Disposition"] = _content_disposition(filename)
    response["Cache-Control"] = "private, no-store"
    return response


def write_xlsx(fileobj, header: Sequence, rows: Iterable[Sequence], *, title="Export"):
    """Write an XLSX workbook in openpyxl's write-only mode (constant memory)."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=force_str(title)[:31])
    for row in _rows(header, rows):
        sheet.append(row)
    workbook.save(fileobj)


def xlsx_response(filename: str, header: Sequence, rows: Iterable[Sequence], *, title="Export"):
    """An XLSX download built on disk, so memory stays flat however many rows there are."""
    spool = tempfile.TemporaryFile()  # noqa: SIM115 (closed by FileResponse)
    write_xlsx(spool, header, rows, title=title)
    spool.seek(0)
    response = FileResponse(spool, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = _content_disposition(filename)
    response["Cache-Control"] = "private, no-store"
    return response
