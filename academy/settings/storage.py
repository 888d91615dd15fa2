"""STORAGES from the environment: a local folder by default, an S3-compatible bucket when
S3_BUCKET is set (academy/storage.py: private objects, signed URLs, streamed downloads).

    S3_BUCKET            the bucket (turns object storage on)
    S3_ENDPOINT_URL      for a bucket outside AWS (MinIO, Ceph, a provider's S3 service)
    S3_REGION            the bucket's region
    S3_ACCESS_KEY_ID / S3_SECRET_ACCESS_KEY
                         credentials; when unset, boto3's own chain (AWS_ACCESS_KEY_ID, an
                         instance role, ~/.aws) is used
    S3_PREFIX            a folder inside the bucket (media/ and private/ go below it)
    S3_URL_EXPIRY        seconds a signed image URL stays valid (default 300)

Wagtail's documents and images go to <prefix>/media/, submitted files to <prefix>/private/;
every web process and worker then sees the same files, so web processes can be scaled out.
"""

from .env import env_int, env_str

FILE_SYSTEM = "django.core.files.storage.FileSystemStorage"


def storages_from_env(staticfiles_backend):
    staticfiles = {"BACKEND": staticfiles_backend}
    bucket = env_str("S3_BUCKET")
    if not bucket:
        return {
            "default": {"BACKEND": env_str("STORAGE_BACKEND", FILE_SYSTEM)},
            "staticfiles": staticfiles,
        }
    endpoint = env_str("S3_ENDPOINT_URL")
    options = {
        "bucket_name": bucket,
        "endpoint_url": endpoint,
        "region_name": env_str("S3_REGION"),
        "access_key": env_str("S3_ACCESS_KEY_ID"),
        "secret_key": env_str("S3_SECRET_ACCESS_KEY"),
        "querystring_expire": env_int("S3_URL_EXPIRY", 300),
        # Path-style addressing works with every S3-compatible server on a plain host name.
        "addressing_style": "path" if endpoint else None,
    }
    prefix = env_str("S3_PREFIX", "").strip("/")
    within = f"{prefix}/" if prefix else ""
    return {
        "default": {
            "BACKEND": "academy.storage.PrivateS3Storage",
            "OPTIONS": {**options, "location": f"{within}media"},
        },
        "private": {
            "BACKEND": "academy.storage.SubmissionS3Storage",
            "OPTIONS": {**options, "location": f"{within}private"},
        },
        "staticfiles": staticfiles,
    }
