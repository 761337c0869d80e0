"""The settings of a deployment on several servers, read from URLs in environment variables.

``GONGKAI_MEDIA_STORAGE=s3://BUCKET?endpoint_url=URL&region=R`` puts uploaded and generated
files in an S3-compatible bucket; ``GONGKAI_CACHE_URL=redis://HOST:PORT/N`` shares the caches
between servers. Pure functions, so the settings module and its tests can call them.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

S3_STORAGE_BACKEND = "gongkai.core.storage.MediaS3Storage"
REDIS_CACHE_BACKEND = "django.core.cache.backends.redis.RedisCache"
_S3_PARAMETERS = {"endpoint_url": "endpoint_url", "region": "region_name"}


class DeploymentSettingError(ValueError):
    """A deployment URL that cannot be used; the message is a complete Chinese sentence."""


def media_storage(url: str) -> dict | None:
    """The ``STORAGES["default"]`` entry of ``GONGKAI_MEDIA_STORAGE``; None for local disk."""
    url = url.strip()
    if not url:
        return None
    parts = urlsplit(url)
    if parts.scheme != "s3":
        raise DeploymentSettingError(
            f"GONGKAI_MEDIA_STORAGE 应为 s3://存储桶?endpoint_url=地址&region=区域，实际为“{url}”。"
        )
    if not parts.netloc or parts.path not in ("", "/"):
        raise DeploymentSettingError(f"GONGKAI_MEDIA_STORAGE 缺少存储桶名称：“{url}”。")
    query = parse_qs(parts.query, keep_blank_values=True)
    unknown = sorted(set(query) - set(_S3_PARAMETERS))
    if unknown:
        raise DeploymentSettingError(
            f"GONGKAI_MEDIA_STORAGE 含有不认识的参数：{'、'.join(unknown)}"
            f"（可用 endpoint_url、region）。"
        )
    options: dict[str, object] = {"bucket_name": parts.netloc}
    for name, option in _S3_PARAMETERS.items():
        if name in query:
            options[option] = query[name][-1]
    return {"BACKEND": S3_STORAGE_BACKEND, "OPTIONS": options}


def shared_cache(url: str, *, key_prefix: str) -> dict | None:
    """A ``CACHES`` entry on the Redis server of ``GONGKAI_CACHE_URL``; None for the local
    default. ``key_prefix`` keeps each cache's keys apart on the one server."""
    url = url.strip()
    if not url:
        return None
    parts = urlsplit(url)
    if parts.scheme not in ("redis", "rediss") or not parts.hostname:
        raise DeploymentSettingError(
            f"GONGKAI_CACHE_URL 应为 redis://主机:端口/库号，实际为“{url}”。"
        )
    database = parts.path.strip("/")
    if database and not database.isdigit():
        raise DeploymentSettingError(f"GONGKAI_CACHE_URL 的库号应为数字，实际为“{database}”。")
    return {
        "BACKEND": REDIS_CACHE_BACKEND,
        "LOCATION": url,
        "KEY_PREFIX": key_prefix,
    }
