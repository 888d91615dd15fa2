"""Safe file names for downloads: RFC 6266 / RFC 5987 Content-Disposition."""

import unicodedata
from urllib.parse import quote

MAX_NAME_LENGTH = 150
# Bidirectional overrides and isolates can make "exe.pdf" look like "fdp.exe".
_BIDI_CONTROLS = {chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F)}


def safe_filename(name, default="download"):
    """A file name with no path, control or bidi characters, of bounded length."""
    name = unicodedata.normalize("NFC", str(name or ""))
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    cleaned = "".join(
        ch
        for ch in name
        if ch not in _BIDI_CONTROLS and unicodedata.category(ch)[0] != "C" and ch not in '"<>:|?*'
    ).strip(" .")
    if not cleaned:
        return default
    if len(cleaned) > MAX_NAME_LENGTH:
        stem, dot, ext = cleaned.rpartition(".")
        if dot and 0 < len(ext) <= 10:
            cleaned = stem[: MAX_NAME_LENGTH - len(ext) - 1] + "." + ext
        else:
            cleaned = cleaned[:MAX_NAME_LENGTH]
    return cleaned


def content_disposition(filename, disposition="attachment"):
    """attachment; filename="ascii fallback"; filename*=UTF-8''percent-encoded."""
    name = safe_filename(filename)
    ascii_name = name.encode("ascii", "ignore").decode().replace('"', "") or "download"
    if "." in name and "." not in ascii_name:
        ascii_name = "download." + name.rsplit(".", 1)[-1].encode("ascii", "ignore").decode()
    return f"{disposition}; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name, safe='')}"
