"""`gongkai serve` and `gongkai demo` collect the static files again when they are missing or
out of date (production's manifest storage); never where the apps serve them."""

import json
import os
import time

import pytest
from django.contrib.staticfiles.finders import get_finders

from gongkai.core.staticfiles import IGNORED, static_outdated


def _sources() -> dict[str, str]:
    found = {}
    for finder in get_finders():
        for path, storage in finder.list(IGNORED):
            name = path.replace(os.sep, "/")
            if getattr(storage, "prefix", None):
                name = f"{storage.prefix}/{name}"
            found[name] = storage.path(path)
    return found


@pytest.fixture(autouse=True)
def manifest_storage(settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }


def _write_manifest(static_root, names) -> None:
    static_root.mkdir(parents=True, exist_ok=True)
    paths = {name: name for name in names}
    manifest = static_root / "staticfiles.json"
    manifest.write_text(json.dumps({"paths": paths, "version": "1.1"}), encoding="utf-8")
    later = time.time() + 60
    os.utime(manifest, (later, later))


def test_no_manifest_means_collect(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path / "static"
    assert static_outdated()


def test_a_manifest_of_every_source_file_is_current(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path / "static"
    _write_manifest(settings.STATIC_ROOT, _sources())
    assert not static_outdated()


def test_a_source_file_the_manifest_lacks_means_collect(settings, tmp_path):
    # An upgrade that adds a stylesheet: the old manifest cannot name it.
    settings.STATIC_ROOT = tmp_path / "static"
    names = sorted(_sources())
    _write_manifest(settings.STATIC_ROOT, names[1:])
    assert static_outdated()


def test_a_source_file_newer_than_the_manifest_means_collect(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path / "static"
    _write_manifest(settings.STATIC_ROOT, _sources())
    manifest = settings.STATIC_ROOT / "staticfiles.json"
    os.utime(manifest, (0, 0))
    assert static_outdated()


def test_static_files_served_from_the_apps_are_never_collected(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.STATIC_ROOT = tmp_path / "static"
    assert not static_outdated()


def test_the_production_storage_gives_a_files_hashed_url_once_per_process(settings, tmp_path):
    from gongkai.core.staticfiles import StaticFilesStorage

    settings.STATIC_ROOT = tmp_path / "static"
    settings.STATIC_ROOT.mkdir()
    manifest = settings.STATIC_ROOT / "staticfiles.json"

    def write(hashed: str) -> None:
        paths = {"portal/portal.css": f"portal/portal.{hashed}.css"}
        manifest.write_text(json.dumps({"paths": paths, "version": "1.1"}), encoding="utf-8")

    write("0123456789ab")
    storage = StaticFilesStorage()
    assert storage.url("portal/portal.css") == "/static/portal/portal.0123456789ab.css"
    write("ba9876543210")  # a later collect: the process keeps the manifest it started with
    assert storage.url("portal/portal.css") == "/static/portal/portal.0123456789ab.css"
    with pytest.raises(ValueError):
        storage.url("portal/not-collected.css")  # a name the manifest lacks still fails
