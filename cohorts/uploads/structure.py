"""Structural checks inside a file of an accepted kind: what a sniffed type alone misses.

- JPEG: the marker segments must lead to an end-of-image marker, and nothing but padding may
  follow it (an executable or a PDF appended to a photo is refused).
- PDF: no action that runs on opening (/JavaScript, /JS, /Launch) and no embedded file, also
  inside compressed streams (object streams) and with #hex-escaped names.
- Word: no relationship to something outside the file other than a hyperlink (an external
  template, an external OLE object: the Follina pattern) and no DDE field.

Each check raises ValidationError with a translated message naming the file and the reason.
"""

import re
import zlib

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MAX_INFLATED_BYTES = 64 * 1024 * 1024  # all of a PDF's streams together, inflated
MAX_XML_BYTES = 32 * 1024 * 1024  # one Word part, inflated (the directory check came first)


def _refuse(message, code, name, **params):
    raise ValidationError(message, code=code, params={"name": name, **params})


# JPEG --------------------------------------------------------------------------------------

STANDALONE_MARKERS = {0x01, *range(0xD0, 0xD8)}  # TEM and RSTn carry no length


def _jpeg_end(data):
    """The offset just after the end-of-image marker, or None for a broken structure."""
    position, size = 2, len(data)
    while position + 4 <= size:
        if data[position] != 0xFF:
            return None
        marker = data[position + 1]
        if marker == 0xFF:  # fill byte
            position += 1
            continue
        if marker == 0xD9:
            return position + 2
        if marker in STANDALONE_MARKERS:
            position += 2
            continue
        length = int.from_bytes(data[position + 2 : position + 4], "big")
        if length < 2:
            return None
        position += 2 + length
        if marker == 0xDA:  # start of scan: entropy-coded data up to the next real marker
            while True:
                position = data.find(b"\xff", position)
                if position < 0 or position + 1 >= size:
                    return None
                following = data[position + 1]
                if following == 0x00 or 0xD0 <= following <= 0xD7 or following == 0xFF:
                    position += 1 if following == 0xFF else 2
                    continue
                break
    if position + 2 <= size and data[position : position + 2] == b"\xff\xd9":
        return position + 2
    return None


def check_jpeg(upload, size, name):
    upload.seek(0)
    data = upload.read(size)
    end = _jpeg_end(data)
    if end is None:
        _refuse(_("“%(name)s” is not a complete JPEG image."), "damaged", name)
    if data[end:].strip(b"\x00\xff\r\n\t "):
        _refuse(
            _("“%(name)s” has extra data hidden after the image and is refused."),
            "polyglot",
            name,
        )


# PDF ---------------------------------------------------------------------------------------

PDF_NAME = re.compile(rb"/([^\x00\t\n\x0c\r ()<>\[\]{}/%]+)")
PDF_HEX = re.compile(rb"#([0-9A-Fa-f]{2})")
STREAM = re.compile(rb"stream\r?\n")
PDF_THREATS = {
    b"JavaScript": _("JavaScript"),
    b"JS": _("JavaScript"),
    b"Launch": _("an action that starts a program (/Launch)"),
    b"EmbeddedFile": _("an embedded file"),
    b"RichMedia": _("embedded media that can run code"),
}


def _pdf_streams(data):
    """The inflated content of every Flate stream (bounded in total)."""
    budget = MAX_INFLATED_BYTES
    for match in STREAM.finditer(data):
        start = match.end()
        end = data.find(b"endstream", start)
        if end < 0:
            break
        inflater = zlib.decompressobj()
        try:
            inflated = inflater.decompress(data[start:end], budget)
        except zlib.error:
            continue
        budget -= len(inflated)
        yield inflated
        if budget <= 0:
            break


def _pdf_threat(chunk):
    for match in PDF_NAME.finditer(chunk):
        raw = match.group(1)
        decoded = PDF_HEX.sub(lambda m: bytes([int(m.group(1), 16)]), raw) if b"#" in raw else raw
        if decoded in PDF_THREATS:
            return PDF_THREATS[decoded]
    return None


def check_pdf(upload, size, name):
    upload.seek(0)
    data = upload.read(size)
    for chunk in (data, *_pdf_streams(data)):
        threat = _pdf_threat(chunk)
        if threat is not None:
            _refuse(
                _(
                    "“%(name)s” contains %(what)s, which could run when it is opened, and is refused."
                ),
                "pdf_action",
                name,
                what=threat,
            )


# Word --------------------------------------------------------------------------------------

RELATIONSHIP = re.compile(rb"<(?:\w+:)?Relationship\b[^>]*>", re.IGNORECASE)
EXTERNAL = re.compile(rb"""TargetMode\s*=\s*["']External["']""", re.IGNORECASE)
REL_TYPE = re.compile(rb"""Type\s*=\s*["']([^"']*)["']""", re.IGNORECASE)
INSTR_TEXT = re.compile(rb"<w:instrText\b[^>]*>(.*?)</w:instrText>", re.DOTALL)
INSTR_ATTR = re.compile(rb"""w:instr\s*=\s*["']([^"']*)["']""")
DDE_FIELD = re.compile(rb"^\s*DDE(?:AUTO)?\b", re.IGNORECASE)
FIELD_START = re.compile(rb"""<w:fldChar\b[^>]*w:fldCharType\s*=\s*["']begin["']""")


def _read_member(archive, info, name):
    if info.file_size > MAX_XML_BYTES:
        _refuse(_("“%(name)s” is a damaged Office file."), "damaged", name)
    with archive.open(info) as stream:
        return stream.read(MAX_XML_BYTES + 1)


def _field_instructions(xml):
    """Each complex field's instruction, joined from its instrText runs, and simple fields."""
    pieces = FIELD_START.split(xml)
    for piece in pieces[1:]:
        yield b"".join(INSTR_TEXT.findall(piece.split(b'w:fldCharType="end"')[0]))
    yield from INSTR_ATTR.findall(xml)


def check_office(archive, members, name):
    """Refuse external links other than hyperlinks (in every part's relationships), and DDE
    fields in Word's parts."""
    for member, info in members.items():
        lowered = member.lower()
        if lowered.endswith(".rels"):
            for relationship in RELATIONSHIP.findall(_read_member(archive, info, name)):
                if not EXTERNAL.search(relationship):
                    continue
                kind = REL_TYPE.search(relationship)
                kind = kind.group(1).rsplit(b"/", 1)[-1].lower() if kind else b""
                if kind != b"hyperlink":
                    what = {
                        b"attachedtemplate": _("an external template"),
                        b"oleobject": _("an external object (the Follina attack)"),
                    }.get(kind, _("an external resource"))
                    _refuse(
                        _(
                            "“%(name)s” links to %(what)s, which Word would fetch when it is opened, and is refused."
                        ),
                        "external_link",
                        name,
                        what=what,
                    )
        elif lowered.startswith("word/") and lowered.endswith(".xml"):
            xml = _read_member(archive, info, name)
            if any(DDE_FIELD.match(text) for text in _field_instructions(xml)):
                _refuse(
                    _("“%(name)s” contains a DDE field, which can run commands, and is refused."),
                    "dde",
                    name,
                )
