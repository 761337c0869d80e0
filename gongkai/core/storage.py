"""Uploaded and generated files in an S3-compatible bucket (``GONGKAI_MEDIA_STORAGE``).

Any app server can then serve any file. The bucket is private: a file's URL is the platform's
own ``MEDIA_URL`` path, never the bucket's, so every download still passes the one access rule
(``core/file_access.py``) and the Content-Security-Policy's ``'self'``. The keys come from
``AWS_ACCESS_KEY_ID`` / ``AWS_SECRET_ACCESS_KEY`` as boto3 reads them.
"""

from __future__ import annotations

from django.conf import settings
from django.utils.encoding import filepath_to_uri
from storages.backends.s3 import S3Storage
from storages.utils import clean_name


class MediaS3Storage(S3Storage):
    # As on local disk: a second upload of the same name gets a new name, never replaces it.
    file_overwrite = False
    default_acl = None

    def url(self, name, parameters=None, expire=None, http_method=None) -> str:
        return settings.MEDIA_URL + filepath_to_uri(clean_name(name)).lstrip("/")


def shared_storage() -> MediaS3Storage | None:
    """Where files that are no stored record's but must reach every server are kept (the API's
    daily dumps, the admin import's uploads awaiting confirmation): the media bucket, a write
    under an existing name replacing the object at once (a download never sees half a file);
    None while media are on local disk (one server: such files stay in the data directory)."""
    config = settings.STORAGES["default"]
    backend = f"{MediaS3Storage.__module__}.{MediaS3Storage.__qualname__}"
    if config["BACKEND"] != backend:
        return None
    return MediaS3Storage(**{**config.get("OPTIONS", {}), "file_overwrite": True})
