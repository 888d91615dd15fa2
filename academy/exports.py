"""The one export helper: CSV (UTF-8 with BOM, streamed) and XLSX (write-only), injection-safe.

Every report, gradebook and registrant list goes through here, so the rules against formula
injection and for Excel-friendly Japanese are kept in one place.

Rows may be any iterable (a generator, a queryset's .iterator()): they are read once, row by
row, while the response is written, and never gathered into a list. The header labels are
translated when the response is created, in the language active for the request.
"""

import csv
import re
import tempfile
from collections.abc import Iterable, Sequence
from datetime import date, datetime, time
from decimal import Decimal

from django.http import FileResponse, StreamingHttpResponse
from django.utils.encoding import force_str
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from .datetimes import local
from .downloads import content_disposition

# A cell starting with one of these can be read as a formula by Excel, LibreOffice or Sheets
# (the full-width forms are turned into ASCII by Japanese input conversion and some importers).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\x00", "＝", "＋", "－", "＠")
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_CHUNK_SIZE = 64 * 1024  # characters gathered before a chunk of the stream is sent
XLSX_MIN_WIDTH, XLSX_MAX_WIDTH = 20, 40  # columns fit "2026-12-12 13:00:00" and a label
_NATIVE_TYPES = (type(None), bool, int, float, Decimal, date, time)
_SHEET_TITLE_FORBIDDEN = re.compile(r"[\[\]:*?/\\\x00-\x1f]")


def neutralise(value):
    """A cell value that a spreadsheet will show as text, never run as a formula.

    Numbers, dates and times stay what they are (aware datetimes in local time to the second,
    since spreadsheets have no time zones); everything else becomes text, with a leading
    apostrophe when it starts like a formula.
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return force_str(value)
    if isinstance(value, int | float | Decimal):
        return value
    if isinstance(value, datetime):
        # A spreadsheet date cell: local time (academy.datetimes), to the second.
        return local(value).replace(tzinfo=None, microsecond=0)
    if isinstance(value, date):
        return value
    if isinstance(value, time):
        return value.replace(tzinfo=None)
    text = force_str(value)
    if text.startswith(FORMULA_PREFIXES):
        return "'" + text
    return text


def _xlsx_cell(sheet, value):
    """A write-only cell: booleans stay booleans, numbers and dates stay what they are, text
    that starts like a formula is stored as text with Excel's quotePrefix (shown without a
    visible apostrophe, never run), after dropping the control characters XLSX can't hold."""
    if isinstance(value, bool):
        return value
    if not isinstance(value, _NATIVE_TYPES):
        value = ILLEGAL_CHARACTERS_RE.sub("", force_str(value))
        if value.startswith(FORMULA_PREFIXES):
            cell = WriteOnlyCell(sheet, value=value)
            cell.data_type = "s"
            cell.quotePrefix = True
            return cell
    return neutralise(value)


def _header(header: Sequence):
    """Header labels translated now, in the active language (lazy strings are forced)."""
    return [neutralise(force_str(label)) for label in header]


class _Echo:
    def write(self, value):
        return value


def _csv_chunks(header, rows):
    writer = csv.writer(_Echo())
    buffer = ["\ufeff", writer.writerow(header)]
    size = 0
    for row in rows:
        line = writer.writerow([neutralise(cell) for cell in row])
        buffer.append(line)
        size += len(line)
        if size >= CSV_CHUNK_SIZE:
            yield "".join(buffer)
            buffer, size = [], 0
    if buffer:
        yield "".join(buffer)


def csv_response(filename: str, header: Sequence, rows: Iterable[Sequence]):
    """A streamed CSV download (UTF-8 with BOM, so Excel reads Japanese correctly)."""
    response = StreamingHttpResponse(
        _csv_chunks(_header(header), rows), content_type=CSV_CONTENT_TYPE
    )
    response["Content-Disposition"] = content_disposition(filename)
    response["Cache-Control"] = "private, no-store"
    return response


def sheet_title(title):
    """A title Excel accepts: at most 31 characters, none of []:*?/\\, no edge apostrophes."""
    cleaned = _SHEET_TITLE_FORBIDDEN.sub("-", force_str(title or "")).strip().strip("'")
    return cleaned[:31].strip().strip("'") or "Export"


def write_xlsx(fileobj, header: Sequence, rows: Iterable[Sequence], *, title="Export"):
    """Write an XLSX workbook in openpyxl's write-only mode (constant memory)."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=sheet_title(title))
    labels = _header(header)
    for index, label in enumerate(labels, start=1):
        # Wide enough for a date and time (and for a Japanese label), set before any row.
        sheet.column_dimensions[get_column_letter(index)].width = max(
            XLSX_MIN_WIDTH, min(2 * len(force_str(label)) + 2, XLSX_MAX_WIDTH)
        )
    sheet.append([_xlsx_cell(sheet, label) for label in labels])
    for row in rows:
        sheet.append([_xlsx_cell(sheet, cell) for cell in row])
    workbook.save(fileobj)


def xlsx_response(filename: str, header: Sequence, rows: Iterable[Sequence], *, title="Export"):
    """An XLSX download built on disk, so memory stays flat however many rows there are."""
    spool = tempfile.TemporaryFile()  # noqa: SIM115 (closed by FileResponse)
    write_xlsx(spool, header, rows, title=title)
    spool.seek(0)
    response = FileResponse(spool, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition(filename)
    response["Cache-Control"] = "private, no-store"
    return response
