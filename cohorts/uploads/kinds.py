"""The file types a trainee may upload: what each is called, its content type and its names."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class FileKind:
    key: str
    label: object  # a lazy translated string
    content_type: str
    extensions: tuple
    is_text: bool = False


KINDS = {
    kind.key: kind
    for kind in (
        FileKind("pdf", _("PDF"), "application/pdf", ("pdf",)),
        FileKind(
            "docx",
            _("Word document"),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            ("docx",),
        ),
        FileKind(
            "xlsx",
            _("Excel workbook"),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            ("xlsx",),
        ),
        FileKind(
            "pptx",
            _("PowerPoint presentation"),
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            ("pptx",),
        ),
        FileKind("jpeg", _("JPEG image"), "image/jpeg", ("jpg", "jpeg", "jpe", "jfif")),
        FileKind("png", _("PNG image"), "image/png", ("png",)),
        FileKind("heic", _("HEIC image"), "image/heic", ("heic", "heif")),
        FileKind("text", _("plain text"), "text/plain", ("txt", "text", "md"), is_text=True),
        FileKind("csv", _("CSV"), "text/csv", ("csv",), is_text=True),
    )
}

KIND_CHOICES = [(kind.key, kind.label) for kind in KINDS.values()]


def kind_for_name(name):
    """The kind a file name claims by its extension, or None."""
    extension = str(name or "").rsplit(".", 1)[-1].lower() if "." in str(name or "") else ""
    for kind in KINDS.values():
        if extension in kind.extensions:
            return kind
    return None


def accept_attribute(keys=None):
    """The <input type=file accept="…"> value for the given kinds (all kinds when empty)."""
    kinds = [KINDS[key] for key in keys or KINDS if key in KINDS]
    return ",".join(f".{ext}" for kind in kinds for ext in kind.extensions)
