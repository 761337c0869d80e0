"""Daily dumps of every dataset (JSON Lines and CSV) and the DCAT-style catalog that lists them.

A dump is every public record of the dataset, in the shape the API serves, written to
``<data dir>/api-dumps`` under a temporary name and renamed when complete, so a download never
sees half a file. Records are read in batches by id, so memory stays flat whatever the size.
With media in object storage (``GONGKAI_MEDIA_STORAGE``) the finished files are also put in the
bucket under ``api-dumps/``, whole, and served from there: the periodic job runs on one server
(``core/periodic.py``) and every server serves its dumps.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.core.files import File
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse

from gongkai.core.storage import shared_storage

from .lists import absolute
from .registry import Dataset, datasets, get_dataset

BATCH = 500
FORMATS = {"jsonl": "application/x-ndjson; charset=utf-8", "csv": "text/csv; charset=utf-8"}
MANIFEST = "manifest.json"
SHARED_PREFIX = "api-dumps/"


def directory() -> Path:
    configured = getattr(settings, "GONGKAI_API_DUMP_DIR", None)
    return Path(configured) if configured else Path(settings.DATA_DIR) / "api-dumps"


def content_type(file_name: str) -> str:
    return FORMATS[file_name.rsplit(".", 1)[-1]]


def _records(dataset: Dataset) -> Iterator[dict[str, Any]]:
    last = 0
    while True:
        batch = list(dataset.public().filter(pk__gt=last).order_by("pk")[:BATCH])
        if not batch:
            return
        yield from dataset.rows(batch, absolute)
        last = batch[-1].pk


def _flat(row: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """One CSV row: nested objects as ``unit.code``, lists and deeper values as JSON text."""
    out: dict[str, Any] = {}
    for name, value in row.items():
        if isinstance(value, dict) and not prefix:
            out.update(_flat(value, f"{name}."))
        elif isinstance(value, (dict, list)):
            out[prefix + name] = json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False)
        elif value is None:
            out[prefix + name] = ""
        elif hasattr(value, "isoformat"):
            out[prefix + name] = value.isoformat()
        else:
            out[prefix + name] = value
    return out


def _columns(dataset: Dataset) -> list[str]:
    columns = []
    for name, field in dataset.schema.model_fields.items():
        nested = field.annotation
        fields = getattr(nested, "model_fields", None)
        if fields:
            columns.extend(f"{name}.{inner}" for inner in fields)
        else:
            columns.append(name)
    return columns


def _digest(path: Path) -> str:
    sha = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 16), b""):
            sha.update(chunk)
    return sha.hexdigest()


def write_dump(dataset: Dataset) -> dict[str, Any]:
    """Write the dataset's two files; returns their entry for the manifest."""
    root = directory()
    root.mkdir(parents=True, exist_ok=True)
    jsonl_tmp = root / f".{dataset.name}.jsonl.tmp"
    csv_tmp = root / f".{dataset.name}.csv.tmp"
    count = 0
    columns = _columns(dataset)
    with (
        jsonl_tmp.open("w", encoding="utf-8") as jsonl,
        csv_tmp.open("w", encoding="utf-8-sig", newline="") as table,
    ):
        # UTF-8 with a byte order mark: spreadsheet programs in Chinese Windows read it right.
        writer = csv.DictWriter(table, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        for row in _records(dataset):
            jsonl.write(json.dumps(row, cls=DjangoJSONEncoder, ensure_ascii=False) + "\n")
            writer.writerow(_flat(row))
            count += 1
    files = {}
    for extension, tmp in (("jsonl", jsonl_tmp), ("csv", csv_tmp)):
        final = root / f"{dataset.name}.{extension}"
        os.replace(tmp, final)
        files[extension] = {"bytes": final.stat().st_size, "sha256": _digest(final)}
        _share(final)
    return {"records": count, "files": files}


def _share(path: Path) -> None:
    """Put a finished file in the shared bucket, when media are kept in one."""
    shared = shared_storage()
    if shared is not None:
        with path.open("rb") as handle:
            shared.save(SHARED_PREFIX + path.name, File(handle, name=path.name))


def write_all() -> dict[str, Any]:
    generated = datetime.now(UTC).replace(microsecond=0)
    manifest = {
        "generated_at": generated.isoformat(),
        "datasets": {dataset.name: write_dump(dataset) for dataset in datasets()},
    }
    path = directory() / MANIFEST
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(tmp, path)
    # The manifest last: a server that reads it finds every file it lists.
    _share(path)
    return manifest


def _open(file_name: str) -> IO[bytes] | None:
    shared = shared_storage()
    try:
        if shared is not None:
            return shared.open(SHARED_PREFIX + file_name, "rb")
        return (directory() / file_name).open("rb")
    except (OSError, ValueError):
        return None


def manifest() -> dict[str, Any] | None:
    handle = _open(MANIFEST)
    if handle is None:
        return None
    try:
        with handle:
            return json.loads(handle.read().decode("utf-8"))
    except (OSError, ValueError):
        return None


def published_file(file_name: str) -> IO[bytes] | None:
    """The dump a URL names, open for reading, if it is one of a registered dataset and has
    been written."""
    stem, _, extension = file_name.rpartition(".")
    if extension not in FORMATS or get_dataset(stem) is None:
        return None
    return _open(file_name)


def catalog() -> dict[str, Any]:
    """The DCAT-style catalog (JSON-LD) of the datasets: API endpoints and daily dumps."""
    written = manifest() or {"datasets": {}}
    entries = []
    for dataset in datasets():
        done = written["datasets"].get(dataset.name)
        distributions = [
            {
                "@type": "dcat:Distribution",
                "dct:title": f"{dataset.title}（接口）",
                "dcat:accessURL": absolute(reverse("api:list_" + dataset.name.replace("-", "_"))),
                "dcat:mediaType": "application/json",
            }
        ]
        distributions.extend(
            {
                "@type": "dcat:Distribution",
                "dct:title": feed.title,
                "dcat:accessURL": absolute(feed.url),
                "dcat:mediaType": "application/atom+xml",
            }
            for feed in dataset.feeds()
        )
        for extension, media_type in FORMATS.items():
            if done is None:
                continue
            info = done["files"][extension]
            distributions.append(
                {
                    "@type": "dcat:Distribution",
                    "dct:title": f"{dataset.title}（{extension.upper()} 全量）",
                    "dcat:downloadURL": absolute(
                        reverse("api_dump", args=[f"{dataset.name}.{extension}"])
                    ),
                    "dcat:mediaType": media_type.split(";")[0],
                    "dcat:byteSize": info["bytes"],
                    "spdx:checksum": {
                        "spdx:algorithm": "spdx:checksumAlgorithm_sha256",
                        "spdx:checksumValue": info["sha256"],
                    },
                    "dct:issued": written["generated_at"],
                }
            )
        entries.append(
            {
                "@type": "dcat:Dataset",
                "dct:identifier": dataset.name,
                "dct:title": str(dataset.title),
                "dct:description": str(dataset.description),
                "dct:language": "zh",
                "dct:accrualPeriodicity": "daily",
                "dcat:distribution": distributions,
                **({"gongkai:records": done["records"]} if done else {}),
            }
        )
    return {
        "@context": {
            "dcat": "http://www.w3.org/ns/dcat#",
            "dct": "http://purl.org/dc/terms/",
            "spdx": "http://spdx.org/rdf/terms#",
            "gongkai": absolute(reverse("api_catalog")) + "#",
        },
        "@type": "dcat:Catalog",
        "dct:title": "政务公开开放数据目录",
        "dct:language": "zh",
        "dct:modified": written.get("generated_at"),
        "dcat:dataset": entries,
    }
