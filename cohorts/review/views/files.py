"""A submission's file for a reviewer or guest: images shown in the page, the rest downloaded.

An image is served inline only when asked (?inline=1) and only for the kinds every browser
draws as an image (PNG, JPEG), under a sandbox CSP that allows nothing but the image and with
nosniff, so the bytes cannot run as a page. Everything else (PDFs included: a browser's PDF
viewer does not run inside a sandbox) is an attachment, as on the coursework pages.
"""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.views.decorators.http import require_GET

from academy.downloads import content_disposition
from cohorts import access
from cohorts.uploads.responses import private_download

INLINE_KINDS = {"png": "image/png", "jpeg": "image/jpeg"}


def can_show_inline(record):
    return record.kind in INLINE_KINDS


@login_required
@require_GET
def review_file(request, pk):
    record = access.get_review_file_or_404(request.user, pk)
    if request.GET.get("inline") != "1" or not can_show_inline(record):
        return private_download(
            record.file, filename=record.original_name, content_type=record.content_type
        )
    try:
        handle = record.file.storage.open(record.file.name, "rb")
    except (FileNotFoundError, OSError):
        raise Http404 from None
    response = FileResponse(handle, content_type=INLINE_KINDS[record.kind])
    response["Content-Disposition"] = content_disposition(record.original_name, "inline")
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; sandbox"
    response["Cache-Control"] = "private, no-cache"
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    return response
