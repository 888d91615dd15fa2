"""Uploads on an S3-compatible bucket (a local moto server): submitted files and lesson documents
go up through the site and come back only through the access-checked views, streamed from the
bucket; every object is private (an anonymous request for it is refused) and has no plain URL."""

import urllib.error
import urllib.request
import uuid

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail_factories import DocumentFactory

from academy.settings.storage import storages_from_env
from academy.storage import PrivateS3Storage, StreamingS3File, SubmissionS3Storage
from cohorts.coursework.models import SubmissionFile
from cohorts.uploads.storage import private_storage
from tests.factories import AssignmentFactory
from tests.upload_corpus import office_bytes, pdf_bytes

from .s3_server import S3Server

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def s3_server():
    server = S3Server().start()
    yield server
    server.stop()


@pytest.fixture
def bucket(s3_server, settings, monkeypatch):
    """A fresh bucket, and STORAGES built from the environment as production builds them."""
    name = f"academy-{uuid.uuid4().hex[:12]}"
    s3_server.client().create_bucket(Bucket=name)
    for variable, value in s3_server.environment(name).items():
        monkeypatch.setenv(variable, value)
    settings.STORAGES = storages_from_env("django.contrib.staticfiles.storage.StaticFilesStorage")
    # Production reads STORAGES before the models load; the submission field took its storage
    # then, so give it the bucket the same way.
    monkeypatch.setattr(SubmissionFile._meta.get_field("file"), "storage", private_storage())
    return name


def anonymous_get(s3_server, bucket, key):
    try:
        with urllib.request.urlopen(f"{s3_server.endpoint}/{bucket}/{key}", timeout=30) as answer:
            return answer.status
    except urllib.error.HTTPError as error:
        return error.code


def keys(s3_server, bucket):
    listing = s3_server.client().list_objects_v2(Bucket=bucket)
    return [entry["Key"] for entry in listing.get("Contents", [])]


def grants(s3_server, bucket, key):
    acl = s3_server.client().get_object_acl(Bucket=bucket, Key=key)
    return {(g["Grantee"]["Type"], g["Permission"]) for g in acl["Grants"]}


@pytest.mark.django_db
def test_a_submitted_file_goes_to_the_bucket_and_back_only_through_the_checked_view(
    s3_server, bucket, world, trainee, mentor, trainee_other_cohort, anonymous
):
    assert isinstance(private_storage(), SubmissionS3Storage)
    assignment = AssignmentFactory(cohort=world.cohort)
    data = office_bytes("docx")
    response = trainee.post(
        reverse("coursework:submission_create", args=[assignment.pk]),
        {"key": "k", "action": "submit", "files": [SimpleUploadedFile("計画書.docx", data)]},
    )
    assert response.status_code == 302
    record = SubmissionFile.objects.get()
    [key] = keys(s3_server, bucket)
    assert key == f"private/{record.file.name}"
    assert "計画書" not in key

    url = reverse("coursework:submission_file", args=[record.pk])
    for client in (trainee, mentor):
        download = client.get(url)
        assert download.status_code == 200
        assert b"".join(download.streaming_content) == data
        assert download["Content-Security-Policy"] == "sandbox"
    for client in (trainee_other_cohort, anonymous):
        assert client.get(url).status_code in (302, 404)

    # The object itself: private, and no URL of any kind from the site.
    assert anonymous_get(s3_server, bucket, key) == 403
    assert grants(s3_server, bucket, key) == {("CanonicalUser", "FULL_CONTROL")}
    with pytest.raises(ValueError):
        record.file.url  # noqa: B018


@pytest.mark.django_db
def test_a_lesson_document_lives_in_the_bucket_and_is_served_only_by_the_checked_view(
    s3_server, bucket, world, trainee, trainee_other_cohort
):
    document = DocumentFactory(
        title="承継計画シート", file=SimpleUploadedFile("sheet.pdf", pdf_bytes())
    )
    lesson = world.lesson.specific
    lesson.body = [("document", {"document": document, "label": ""})]
    lesson.save_revision().publish()
    [key] = keys(s3_server, bucket)
    assert key.startswith("media/documents/")

    served = trainee.get(document.url)
    assert served.status_code == 200
    assert b"".join(served.streaming_content) == pdf_bytes()
    assert trainee_other_cohort.get(document.url).status_code == 404

    assert anonymous_get(s3_server, bucket, key) == 403
    assert grants(s3_server, bucket, key) == {("CanonicalUser", "FULL_CONTROL")}
    signed = document.file.url  # what Wagtail could ever link to: signed and short-lived
    assert "Signature=" in signed and "Expires=" in signed or "X-Amz-Signature=" in signed


def test_reading_streams_from_the_bucket_and_seeking_falls_back_to_a_copy(s3_server, bucket):
    data = pdf_bytes() * 200
    storage = private_storage()
    name = storage.save("ab/cd/streamed", SimpleUploadedFile("x.pdf", data))
    with storage.open(name, "rb") as handle:
        assert isinstance(handle, StreamingS3File)
        assert not handle.seekable()  # so FileResponse does not seek to measure it
        head = handle.read(1000)
        assert handle.tell() == 1000
        rest = b"".join(iter(lambda: handle.read(8192), b""))
        assert handle._file is None  # streamed: no copy spooled to disk
    assert head + rest == data
    with storage.open(name, "rb") as handle:
        handle.read(10)
        handle.seek(0)  # something that needs to seek (an image library) gets the full copy
        assert handle.read() == data
    with pytest.raises(FileNotFoundError):
        storage.open("ab/cd/missing", "rb")


def test_the_twin_a_public_object_would_be_readable(s3_server):
    """The check above means something: the same server serves a public-read object."""
    client = s3_server.client()
    client.create_bucket(Bucket="academy-twin")
    client.put_object(Bucket="academy-twin", Key="open", Body=b"x", ACL="public-read")
    client.put_object(Bucket="academy-twin", Key="closed", Body=b"x")
    assert anonymous_get(s3_server, "academy-twin", "open") == 200
    assert anonymous_get(s3_server, "academy-twin", "closed") == 403


@pytest.mark.parametrize(
    "unsafe",
    [
        {"default_acl": "public-read"},
        {"object_parameters": {"ACL": "public-read"}},
        {"querystring_auth": False},
        {"custom_domain": "cdn.example.jp"},
    ],
)
def test_a_configuration_that_would_publish_uploads_is_refused(unsafe):
    with pytest.raises(ImproperlyConfigured):
        PrivateS3Storage(bucket_name="academy", **unsafe)


def test_without_a_bucket_uploads_stay_on_the_local_disk(monkeypatch):
    monkeypatch.delenv("S3_BUCKET", raising=False)
    monkeypatch.delenv("STORAGE_BACKEND", raising=False)
    configured = storages_from_env("whitenoise.storage.CompressedManifestStaticFilesStorage")
    assert configured["default"] == {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    assert "private" not in configured  # submissions: cohorts.uploads.storage.PrivateStorage
    assert storages.backends  # the handler itself is untouched
