"""Stop reading an upload as soon as the request passes the submission's total size limit, so a
huge body never fills the disk before validation can refuse it."""

from django.core.files.uploadhandler import FileUploadHandler, StopUpload

from .validation import max_file_bytes, max_files

FIELDS_ALLOWANCE = 1024 * 1024  # the text and the form's other fields


def request_quota():
    return max_file_bytes() * max_files() + FIELDS_ALLOWANCE


def declared_too_large(request):
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return True
    return length > request_quota()


class QuotaUploadHandler(FileUploadHandler):
    """First in the handler chain: counts every file byte and stops past the quota."""

    def __init__(self, request=None):
        super().__init__(request)
        self.quota = request_quota()
        self.received = 0
        self.exceeded = False

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > self.quota:
            self.exceeded = True
            raise StopUpload(connection_reset=True)
        return raw_data

    def file_complete(self, file_size):
        return None
