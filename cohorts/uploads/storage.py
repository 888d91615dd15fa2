"""The private storage of submitted files: random names, outside every public URL.

Files are stored as `ab/cd/<uuid4 hex>` (sharded so no directory grows huge); the user's file
name lives only in the database. The storage has no URL: a file is reached only through a
view that asks the access rules (see responses.py). `STORAGES["private"]`, when configured,
replaces the file system (e.g. an object store for scaled-out web processes).
"""

import uuid

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.utils.deconstruct import deconstructible


@deconstructible(path="cohorts.uploads.storage.PrivateStorage")
class PrivateStorage(FileSystemStorage):
    """FileSystemStorage at settings.PRIVATE_MEDIA_ROOT (read on every use), with no URL."""

    def __init__(self):
        super().__init__(base_url=None)

    @property
    def base_location(self):
        return settings.PRIVATE_MEDIA_ROOT

    @property
    def base_url(self):
        return None

    @property
    def location(self):
        return str(settings.PRIVATE_MEDIA_ROOT)

    def url(self, name):
        raise ValueError("Private files have no URL; serve them through an access-checked view.")


_default = PrivateStorage()


def private_storage():
    """The storage for submission files (callable, so migrations don't pin a path)."""
    if "private" in settings.STORAGES:
        return storages["private"]
    return _default


def random_name(instance=None, filename=None):
    """An upload_to: `ab/cd/<32 hex>`; the user's name is ignored on purpose."""
    token = uuid.uuid4().hex
    return f"{token[:2]}/{token[2:4]}/{token}"
