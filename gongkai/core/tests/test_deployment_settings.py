"""The deployment URLs of several servers (``core/domain/deployment.py``), as the settings read
them: object storage for media and the shared Redis cache."""

from __future__ import annotations

import pytest

from gongkai.core.domain.deployment import (
    REDIS_CACHE_BACKEND,
    S3_STORAGE_BACKEND,
    DeploymentSettingError,
    media_storage,
    shared_cache,
)


@pytest.mark.parametrize(
    ("url", "options"),
    [
        ("s3://gongkai-media", {"bucket_name": "gongkai-media"}),
        ("s3://media/", {"bucket_name": "media"}),
        (
            "s3://media?endpoint_url=http://127.0.0.1:9000&region=cn-south-1",
            {
                "bucket_name": "media",
                "endpoint_url": "http://127.0.0.1:9000",
                "region_name": "cn-south-1",
            },
        ),
        (
            "s3://media?endpoint_url=https%3A%2F%2Fobs.example.cn",
            {"bucket_name": "media", "endpoint_url": "https://obs.example.cn"},
        ),
    ],
)
def test_an_s3_url_names_the_bucket_and_its_endpoint(url, options):
    assert media_storage(url) == {"BACKEND": S3_STORAGE_BACKEND, "OPTIONS": options}


@pytest.mark.parametrize("url", ["", "  "])
def test_no_media_url_keeps_the_local_disk(url):
    assert media_storage(url) is None


@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("file:///srv/media", "s3://"),
        ("s3://", "存储桶"),
        ("s3://bucket/folder", "存储桶"),
        ("s3://bucket?endpoint=http://x", "endpoint"),
        ("https://bucket.s3.amazonaws.com", "s3://"),
    ],
)
def test_a_bad_media_url_is_refused_in_chinese(url, says):
    with pytest.raises(DeploymentSettingError) as error:
        media_storage(url)
    assert says in str(error.value) and "GONGKAI_MEDIA_STORAGE" in str(error.value)


@pytest.mark.parametrize(
    "url", ["redis://127.0.0.1:6379/0", "redis://cache.internal:6380", "rediss://h:1/2"]
)
def test_a_redis_url_shares_the_cache(url):
    assert shared_cache(url, key_prefix="gongkai-portal") == {
        "BACKEND": REDIS_CACHE_BACKEND,
        "LOCATION": url,
        "KEY_PREFIX": "gongkai-portal",
    }


def test_no_cache_url_keeps_the_local_caches():
    assert shared_cache("", key_prefix="gongkai") is None


@pytest.mark.parametrize("url", ["memcached://127.0.0.1:11211", "redis://", "redis://h:1/x"])
def test_a_bad_cache_url_is_refused_in_chinese(url):
    with pytest.raises(DeploymentSettingError, match="GONGKAI_CACHE_URL"):
        shared_cache(url, key_prefix="gongkai")
