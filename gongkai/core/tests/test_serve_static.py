"""`gongkai serve` collects the static files again when they are missing or out of date."""

import json
import os
import time

from django.contrib.staticfiles.finders import get_finders

from gongkai.core.management.commands.serve import _static_outdated


def _sources() -> dict[str, str]:
    found = {}
    for finder in get_finders():
        for path, storage in finder.list(["CVS", ".*", "*~"]):
            name = path.replace(os.sep, "/")
            if getattr(storage, "prefix", None):
                name = f"{storage.prefix}/{name}"
            found[name] = storage.path(path)
    return found


def _write_manifest(static_root, names) -> None:
    static_root.mkdir(parents=True, exist_ok=True)
    paths = {name: name for name in names}
    manifest = static_root / "staticfiles.json"
    manifest.write_text(json.dumps({"paths": paths, "version": "1.1"}), encoding="utf-8")
    later = time.time() + 60
    os.utime(manifest, (later, later))


def test_no_manifest_means_collect(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path / "static"
    assert _static_outdated()


def test_a_manifest_of_every_source_file_is_current(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path / "static"
    _write_manifest(settings.STATIC_ROOT, _sources())
    assert not _static_outdated()


def test_a_source_file_the_manifest_lacks_means_collect(settings, tmp_path):
    # An upgrade that adds a stylesheet: the old manifest cannot name it.
    settings.STATIC_ROOT = tmp_path / "static"
    names = sorted(_sources())
    _write_manifest(settings.STATIC_ROOT, names[1:])
    assert _static_outdated()


def test_a_source_file_newer_than_the_manifest_means_collect(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path / "static"
    _write_manifest(settings.STATIC_ROOT, _sources())
    manifest = settings.STATIC_ROOT / "staticfiles.json"
    os.utime(manifest, (0, 0))
    assert _static_outdated()
