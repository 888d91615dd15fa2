"""Serve a private file as an attachment with every header that keeps a browser from running it."""

from django.http import FileResponse, Http404

from academy.downloads import content_disposition


def private_download(stored_file, *, filename, content_type):
    """A FileResponse for a stored file (a FieldFile), under its original, made-safe name.

    A file missing from storage answers 404, like any object outside the user's reach.
    """
    try:
        handle = stored_file.storage.open(stored_file.name, "rb")
    except (FileNotFoundError, OSError):
        raise Http404 from None
    response = FileResponse(handle, content_type=content_type or "application/octet-stream")
    response["Content-Disposition"] = content_disposition(filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    response["Cache-Control"] = "private, no-store"
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    return response
