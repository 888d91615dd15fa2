"""Object storage for uploads (django-storages' S3 backend), private by construction.

Used when S3_BUCKET is set (academy/settings/storage.py): Wagtail's documents and images go to
PrivateS3Storage, submitted files to SubmissionS3Storage. Neither ever makes an object publicly
readable: no ACL is sent (the bucket's own, private, applies), a public ACL or a custom domain
(which turns signed URLs off) is refused at start-up, and the only URLs are signed and short-lived.
Submitted files have no URL at all: they are served by the access-checked view, which reads
them from the bucket as a stream (StreamingS3File) rather than copying each one to disk first.
"""

from botocore.exceptions import ClientError
from django.core.exceptions import ImproperlyConfigured
from django.utils.deconstruct import deconstructible
from storages.backends.s3 import S3File, S3Storage, _filter_download_params
from storages.utils import clean_name

PUBLIC_ACLS = {"public-read", "public-read-write", "authenticated-read"}


class StreamingS3File(S3File):
    """An S3File that, opened for reading in binary, streams the object's body from the
    start; anything that seeks elsewhere gets the spooled copy S3File always made."""

    _body = None
    _position = 0

    def _streaming(self):
        return "r" in self._mode and "b" in self._mode and self._file is None

    def seekable(self):
        return not self._streaming()

    def read(self, size=-1):
        if not self._streaming():
            return super().read(size)
        if self._body is None:
            params = _filter_download_params(self._storage.get_object_parameters(self.name))
            self._body = self.obj.get(**params)["Body"]
        data = self._body.read(None if size is None or size < 0 else size)
        self._position += len(data)
        return data

    def tell(self):
        return self._position if self._streaming() else self.file.tell()

    def seek(self, offset, whence=0):
        if self._streaming():
            if whence == 0 and offset == self._position:
                return offset  # Django's File.chunks() seeks to 0 before reading
            self._close_body()
        return self.file.seek(offset, whence)

    def _close_body(self):
        if self._body is not None:
            self._body.close()
            self._body = None
        self._position = 0

    def close(self):
        self._close_body()
        super().close()


@deconstructible(path="academy.storage.PrivateS3Storage")
class PrivateS3Storage(S3Storage):
    """An S3-compatible bucket with private objects and signed, short-lived URLs only."""

    def get_default_settings(self):
        return {
            **super().get_default_settings(),
            "default_acl": None,
            "querystring_auth": True,
            "querystring_expire": 300,
            "file_overwrite": False,  # a second "plan.pdf" gets a new name, as on disk
            "custom_domain": None,
        }

    def __init__(self, **settings):
        super().__init__(**settings)
        acl = self.default_acl or (self.object_parameters or {}).get("ACL")
        if acl in PUBLIC_ACLS:
            raise ImproperlyConfigured(f"Uploads must stay private: the ACL {acl!r} is refused.")
        if not self.querystring_auth or self.custom_domain:
            raise ImproperlyConfigured(
                "Uploads must stay private: only signed URLs (querystring_auth, no custom domain)."
            )

    def _open(self, name, mode="rb"):
        name = self._normalize_name(clean_name(name))
        try:
            return StreamingS3File(name, mode, self)
        except ClientError as error:
            if error.response["ResponseMetadata"]["HTTPStatusCode"] == 404:
                raise FileNotFoundError(f"File does not exist: {name}") from None
            raise


@deconstructible(path="academy.storage.SubmissionS3Storage")
class SubmissionS3Storage(PrivateS3Storage):
    """Submitted files: no URL of any kind; only the access-checked view serves them."""

    def url(self, name, parameters=None, expire=None, http_method=None):
        raise ValueError("Private files have no URL; serve them through an access-checked view.")
