"""Office documents (docx, xlsx, pptx) are zip archives: inspect them without inflating them.

Only the central directory is read (entry count, declared sizes, compression ratios, flags);
the one member that is decompressed is `[Content_Types].xml`, and only after the directory
says it is small and not a bomb, with a bounded read.
"""

import struct
import zipfile

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .structure import check_office

# Far beyond a real document: a 300-page docx has a few hundred entries and compresses ~10×.
MAX_ENTRIES = 2000
MAX_DECLARED_BYTES = 512 * 1024 * 1024
MAX_RATIO = 100
RATIO_FLOOR_BYTES = 1024 * 1024  # tiny members may compress well beyond MAX_RATIO
MAX_CONTENT_TYPES_BYTES = 256 * 1024

MAIN_PARTS = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
}
REQUIRED_MEMBERS = {
    "docx": "word/document.xml",
    "xlsx": "xl/workbook.xml",
    "pptx": "ppt/presentation.xml",
}
MACRO_MARKERS = (b"macroenabled", b"vbaproject", b"ms-office.activex")
END_OF_DIRECTORY = b"PK\x05\x06"


def _refuse(message, code, name):
    raise ValidationError(message, code=code, params={"name": name})


def _check_end_of_directory(fileobj, size, name):
    """Nothing may follow the end-of-central-directory record (an appended polyglot)."""
    tail_size = min(size, 22 + 65535)
    fileobj.seek(size - tail_size)
    tail = fileobj.read(tail_size)
    position = tail.rfind(END_OF_DIRECTORY)
    if position < 0 or len(tail) - position < 22:
        _refuse(_("“%(name)s” is a damaged Office file."), "damaged", name)
    (comment_length,) = struct.unpack("<H", tail[position + 20 : position + 22])
    if position + 22 + comment_length != len(tail):
        _refuse(
            _("“%(name)s” has extra data hidden after the document and is refused."),
            "polyglot",
            name,
        )


def _check_directory(archive, size, name):
    entries = archive.infolist()
    if len(entries) > MAX_ENTRIES:
        _refuse(_("“%(name)s” holds far too many parts for a document."), "zip_bomb", name)
    seen = set()
    declared = 0
    for entry in entries:
        if entry.filename in seen:
            _refuse(_("“%(name)s” is a damaged Office file."), "damaged", name)
        seen.add(entry.filename)
        if entry.flag_bits & 0x1:
            _refuse(
                _("“%(name)s” is password-protected; please upload it without a password."),
                "encrypted",
                name,
            )
        declared += entry.file_size
        if entry.file_size > RATIO_FLOOR_BYTES and entry.file_size > MAX_RATIO * max(
            entry.compress_size, 1
        ):
            _refuse(
                _("“%(name)s” expands to far more than a real document (a zip bomb)."),
                "zip_bomb",
                name,
            )
    if declared > MAX_DECLARED_BYTES or (
        declared > RATIO_FLOOR_BYTES and declared > MAX_RATIO * max(size, 1)
    ):
        _refuse(
            _("“%(name)s” expands to far more than a real document (a zip bomb)."),
            "zip_bomb",
            name,
        )
    return {entry.filename: entry for entry in entries}


def office_kind(fileobj, size, name):
    """'docx', 'xlsx' or 'pptx' for a genuine Office file; ValidationError otherwise."""
    _check_end_of_directory(fileobj, size, name)
    fileobj.seek(0)
    try:
        archive = zipfile.ZipFile(fileobj)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        _refuse(_("“%(name)s” is a damaged Office file."), "damaged", name)
    with archive:
        members = _check_directory(archive, size, name)
        types = members.get("[Content_Types].xml")
        if types is None:
            _refuse(
                _("“%(name)s” is a zip archive, not a Word, Excel or PowerPoint file."),
                "not_office",
                name,
            )
        if types.file_size > MAX_CONTENT_TYPES_BYTES:
            _refuse(_("“%(name)s” is a damaged Office file."), "damaged", name)
        try:
            with archive.open(types) as stream:
                content_types = stream.read(MAX_CONTENT_TYPES_BYTES + 1).lower()
        except (zipfile.BadZipFile, NotImplementedError, OSError, EOFError, ValueError):
            _refuse(_("“%(name)s” is a damaged Office file."), "damaged", name)
        lowered_names = {member.lower() for member in members}
        if any(marker in content_types for marker in MACRO_MARKERS) or any(
            "vbaproject" in member for member in lowered_names
        ):
            _refuse(
                _("“%(name)s” contains macros; please save it as a document without macros."),
                "macros",
                name,
            )
        for kind, main_type in MAIN_PARTS.items():
            if main_type.encode() in content_types and REQUIRED_MEMBERS[kind] in members:
                check_office(archive, members, name)
                return kind
    _refuse(
        _("“%(name)s” is a zip archive, not a Word, Excel or PowerPoint file."),
        "not_office",
        name,
    )
