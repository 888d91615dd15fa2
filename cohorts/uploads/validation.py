"""Check an uploaded file by its content, not its name, before anything is stored.

`validate_upload(upload)` returns a `CheckedFile` (kind, sniffed content type, size, sha256,
safe original name) or raises ValidationError with a translated message naming the file.
The content decides: puremagic's opinion and our own structural checks must agree with the
name's extension; executables, web pages, SVG, polyglots, empty files and zip bombs are refused.
"""

import codecs
import hashlib
from dataclasses import dataclass

import puremagic
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from academy.downloads import safe_filename

from .kinds import KINDS, kind_for_name
from .office import office_kind
from .structure import check_jpeg, check_pdf

CHUNK = 64 * 1024
# Markup a browser would run if it ever rendered the file: a sign of a polyglot or a web page.
ACTIVE_MARKERS = (
    b"<script", b"<html", b"<!doctype html", b"<svg", b"<iframe", b"<body", b"<?php",
    b"<object", b"<embed", b"javascript:", b"<?xml-stylesheet",
)  # fmt: skip
# Short HTML tags and handlers: looked for in text files only (by chance they would turn up in
# the compressed bytes of a large photo or PDF).
TEXT_MARKERS = (
    b"<img", b"<meta", b"<link", b"<base", b"<form", b"<input", b"<style", b"<a ", b"<a\t",
    b"<a\n", b"onerror", b"onload", b"http-equiv",
)  # fmt: skip
MARKER_OVERLAP = max(len(marker) for marker in ACTIVE_MARKERS + TEXT_MARKERS)
# What puremagic may call a file that we never accept, whatever its name says.
DANGEROUS_EXTENSIONS = {
    ".exe", ".dll", ".com", ".scr", ".sys", ".msi", ".elf", ".so", ".dylib", ".class",
    ".html", ".htm", ".xhtml", ".svg", ".svgz", ".js", ".swf", ".ps1", ".sh", ".bat", ".lnk",
}  # fmt: skip
HEIC_BRANDS = {b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx"}
TEXT_CONTROLS_ALLOWED = {"\t", "\n", "\r", "\f"}
ZIP_END_OF_DIRECTORY = b"PK\x05\x06"
ZIP_TAIL_BYTES = 22 + 65535  # the record and the longest archive comment


@dataclass(frozen=True)
class CheckedFile:
    upload: object
    name: str
    kind: str
    content_type: str
    size: int
    sha256: str


def max_file_bytes():
    return settings.SUBMISSION_MAX_FILE_BYTES


def max_files():
    return settings.SUBMISSION_MAX_FILES


def _error(message, code, name, **params):
    return ValidationError(message, code=code, params={"name": name, **params})


def _puremagic_guess(head):
    try:
        matches = puremagic.magic_string(head)
    except (puremagic.PureError, ValueError):
        return []
    return [match for match in matches if match.offset == 0]


def _refuse_hidden_archive(upload, size, name):
    """A zip archive appended to a PDF or an image makes a polyglot (the file opens as both):
    refuse it when the end-of-archive record sits in the file's tail, where unzip looks."""
    tail_size = min(size, ZIP_TAIL_BYTES)
    upload.seek(size - tail_size)
    if ZIP_END_OF_DIRECTORY in upload.read(tail_size):
        raise _error(
            _("“%(name)s” has extra data hidden after the document and is refused."),
            "polyglot",
            name,
        )


def _binary_kind(head, upload, size, name):
    """The kind proved by the file's structure, or None when it is none of our binary kinds."""
    kind = _structural_kind(head, upload, size, name)
    if kind in ("pdf", "jpeg", "heic"):
        _refuse_hidden_archive(upload, size, name)
    if kind == "jpeg":
        check_jpeg(upload, size, name)
    elif kind == "pdf":
        check_pdf(upload, size, name)
    return kind


def _structural_kind(head, upload, size, name):
    if head.startswith(b"%PDF-"):
        upload.seek(max(size - 2048, 0))
        if b"%%EOF" not in upload.read(2048):
            raise _error(_("“%(name)s” is an incomplete or damaged PDF."), "damaged", name)
        return "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        upload.seek(max(size - 12, 0))
        if head[12:16] != b"IHDR" or upload.read(12)[4:8] != b"IEND":
            raise _error(
                _("“%(name)s” is a damaged image or has data hidden after it."), "damaged", name
            )
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head[4:8] == b"ftyp":
        box_size = int.from_bytes(head[0:4], "big")
        major = head[8:12]
        compatible = {head[i : i + 4] for i in range(16, min(box_size, len(head)) - 3, 4)}
        if major in HEIC_BRANDS or (major in (b"mif1", b"msf1") and compatible & HEIC_BRANDS):
            return "heic"
        return None
    if head.startswith(b"PK\x03\x04"):
        return office_kind(upload, size, name)
    return None


def _scan(upload, check_text):
    """One pass over the whole file: sha256, markup markers, and (for text) a strict decode."""
    digest = hashlib.sha256()
    decoders = {"utf-8": codecs.getincrementaldecoder("utf-8")(), "cp932": None}
    if check_text:
        decoders["cp932"] = codecs.getincrementaldecoder("cp932")()
    text_ok = {"utf-8": check_text, "cp932": check_text}
    bad_controls = False
    has_nul = False
    markers = set()
    wanted = ACTIVE_MARKERS + TEXT_MARKERS if check_text else ACTIVE_MARKERS
    previous = b""
    upload.seek(0)
    for chunk in iter(lambda: upload.read(CHUNK), b""):
        digest.update(chunk)
        window = (previous + chunk).lower()
        markers.update(marker for marker in wanted if marker in window)
        previous = chunk[-MARKER_OVERLAP:]
        if check_text:
            has_nul = has_nul or b"\x00" in chunk
            for encoding, ok in text_ok.items():
                if not ok:
                    continue
                try:
                    decoded = decoders[encoding].decode(chunk)
                except UnicodeDecodeError:
                    text_ok[encoding] = False
                    continue
                if any(ch < " " and ch not in TEXT_CONTROLS_ALLOWED for ch in decoded):
                    bad_controls = True
    encoding = None
    if check_text and not has_nul and not bad_controls:
        for name in ("utf-8", "cp932"):
            if text_ok[name]:
                try:
                    decoders[name].decode(b"", final=True)
                except UnicodeDecodeError:
                    continue
                encoding = name
                break
    upload.seek(0)
    return digest.hexdigest(), markers, encoding


def validate_upload(upload, allowed_kinds=None):
    """A CheckedFile for an allowed, well-formed upload; ValidationError otherwise."""
    name = safe_filename(getattr(upload, "name", ""), default="file")
    size = upload.size if upload.size is not None else 0
    if size == 0:
        raise _error(_("“%(name)s” is empty."), "empty", name)
    if size > max_file_bytes():
        raise _error(
            _("“%(name)s” is too large (%(size)s); the limit is %(limit)s per file."),
            "too_large",
            name,
            size=filesizeformat(size),
            limit=filesizeformat(max_file_bytes()),
        )
    claimed = kind_for_name(name)
    upload.seek(0)
    head = upload.read(4096)
    guesses = _puremagic_guess(head)
    dangerous = [g for g in guesses if g.extension.lower() in DANGEROUS_EXTENSIONS]
    if dangerous or head.startswith((b"MZ", b"\x7fELF")):
        what = dangerous[0].name if dangerous else "executable"
        raise _error(
            _("“%(name)s” is not an allowed file: its content is %(what)s."),
            "dangerous",
            name,
            what=what,
        )
    kind_key = _binary_kind(head, upload, size, name)
    digest, markers, encoding = _scan(upload, check_text=kind_key is None)
    if markers:
        raise _error(
            _("“%(name)s” contains web page code (HTML or script) and is refused."),
            "active_content",
            name,
        )
    if kind_key is None:
        if encoding is None:
            raise _error(
                _(
                    "“%(name)s” is not a type we accept (PDF, Word, Excel, PowerPoint, JPEG, PNG, HEIC, text or CSV)."
                ),
                "unknown_type",
                name,
            )
        kind_key = claimed.key if claimed is not None and claimed.is_text else "text"
    kind = KINDS[kind_key]
    if claimed is None or claimed.key != kind.key:
        raise _error(
            _(
                "The name “%(name)s” does not match its content (%(actual)s). Please upload the original file."
            ),
            "name_mismatch",
            name,
            actual=kind.label,
        )
    if allowed_kinds and kind.key not in allowed_kinds:
        raise _error(
            _(
                "“%(name)s” (%(actual)s) is not accepted for this assignment; it accepts: %(allowed)s."
            ),
            "not_allowed_here",
            name,
            actual=kind.label,
            allowed=", ".join(str(KINDS[k].label) for k in allowed_kinds if k in KINDS),
        )
    content_type = kind.content_type
    if kind.is_text:
        content_type += "; charset=shift_jis" if encoding == "cp932" else "; charset=utf-8"
    return CheckedFile(upload, name, kind.key, content_type, size, digest)


def validate_uploads(uploads, allowed_kinds=None):
    """Check a submission's files together: the count limit, then each file."""
    uploads = [upload for upload in uploads if upload]
    if len(uploads) > max_files():
        raise ValidationError(
            _("Please attach at most %(limit)d files."),
            code="too_many_files",
            params={"limit": max_files()},
        )
    checked, errors = [], []
    for upload in uploads:
        try:
            checked.append(validate_upload(upload, allowed_kinds))
        except ValidationError as error:
            errors.append(error)
    if errors:
        raise ValidationError(errors)
    return checked
