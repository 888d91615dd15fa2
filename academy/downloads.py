"""Safe file names for downloads, and the Content-Disposition header that carries them."""

import unicodedata

from django.utils.http import content_disposition_header

MAX_NAME_LENGTH = 150  # characters (model fields that keep a file name are this long)
MAX_NAME_BYTES = 200  # UTF-8 bytes: file systems stop at 255, and 150 kanji are 450 bytes
_MAX_EXTENSION_LENGTH = 10
# Bidirectional overrides and isolates can make "exe.pdf" look like "fdp.exe".
_BIDI_CONTROLS = {chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F)}
_FORBIDDEN = set('"<>:|?*')


def _fits(text):
    return len(text) <= MAX_NAME_LENGTH and len(text.encode("utf-8")) <= MAX_NAME_BYTES


def _shorten(text, budget_chars, budget_bytes):
    """The longest prefix of text within both budgets, never splitting a character."""
    text = text[:budget_chars]
    while len(text.encode("utf-8")) > budget_bytes:
        text = text[:-1]
    return text


def safe_filename(name, default="download"):
    """A file name with no path, control or bidi characters, of bounded length.

    Length is bounded in characters and in UTF-8 bytes; the extension is kept when the
    name has to be shortened.
    """
    name = unicodedata.normalize("NFC", str(name or ""))
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    cleaned = "".join(
        ch
        for ch in name
        if ch not in _BIDI_CONTROLS and unicodedata.category(ch)[0] != "C" and ch not in _FORBIDDEN
    ).strip(" .")
    if not cleaned:
        return default
    if not _fits(cleaned):
        stem, dot, ext = cleaned.rpartition(".")
        if dot and stem and 0 < len(ext) <= _MAX_EXTENSION_LENGTH and ext.isascii():
            suffix = "." + ext
            stem = _shorten(stem, MAX_NAME_LENGTH - len(suffix), MAX_NAME_BYTES - len(suffix))
            cleaned = stem.rstrip(" .") + suffix
        else:
            cleaned = _shorten(cleaned, MAX_NAME_LENGTH, MAX_NAME_BYTES).rstrip(" .")
    return cleaned or default


def content_disposition(filename, disposition="attachment"):
    """The Content-Disposition value for a download of filename, cleaned by safe_filename.

    Django's content_disposition_header writes it: filename="..." for a printable ASCII
    name, else filename*=utf-8''percent-encoded (RFC 6266 / RFC 5987).
    """
    if disposition not in ("attachment", "inline"):
        raise ValueError(f"Unknown disposition {disposition!r}: use attachment or inline.")
    return content_disposition_header(disposition == "attachment", safe_filename(filename))
