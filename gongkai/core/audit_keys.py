"""Where the keys that sign the audit log come from. Never from the database: a stolen database
file or a statement run against it must not be enough to rewrite the log.

``GONGKAI_AUDIT_KEY`` holds them when set (several, comma-separated, oldest first: the last one
signs new entries, the older ones check the entries they signed). Otherwise they are kept in
``<data dir>/audit_keys``, created with mode 0600 on first use; ``gongkai audit rotate-key``
appends a new key there. Servers that share one database must share the keys (the environment
variable, or the same file): ``audit_record`` refuses to chain onto an entry signed with a key
it does not have, rather than fork the log into parts no one server can check.
"""

from __future__ import annotations

import functools
import secrets
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from .domain.audit_chain import Keyring, KeyringError
from .files import write_file

KEY_FILE_NAME = "audit_keys"
_FILE_HEADER = (
    "# gongkai audit keys, oldest first: the last one signs new audit entries, the older ones\n"
    "# are needed to check the entries they signed. Keep this file secret and never shorten it.\n"
)


def from_environment() -> bool:
    return bool(settings.GONGKAI_AUDIT_KEY.strip())


def key_file() -> Path:
    return Path(settings.DATA_DIR) / KEY_FILE_NAME


def keyring() -> Keyring:
    """The keys as they stand now. Re-read when the file changes, so that every server process
    signs with the new key from the moment ``audit rotate-key`` has written it."""
    if from_environment():
        return _parse(settings.GONGKAI_AUDIT_KEY, "环境变量 GONGKAI_AUDIT_KEY ")
    path = key_file()
    try:
        stat = path.stat()
    except FileNotFoundError:
        write_file(path, _FILE_HEADER + _new_key() + "\n", replace=False)
        stat = path.stat()
    return _read(str(path), stat.st_mtime_ns, stat.st_size)


def add_key() -> str:
    """Append a new key to the key file (not used when the keys come from the environment);
    returns its id. The caller records the rotation."""
    path = key_file()
    text = path.read_text() if path.exists() else _FILE_HEADER
    text = text if text.endswith("\n") else text + "\n"
    write_file(path, text + _new_key() + "\n", replace=True)
    return keyring().current_id


def _new_key() -> str:
    return secrets.token_urlsafe(32)


@functools.lru_cache(maxsize=8)
def _read(path: str, mtime_ns: int, size: int) -> Keyring:
    return _parse(Path(path).read_text(), f"密钥文件 {path} ")


@functools.lru_cache(maxsize=8)
def _parse(text: str, source: str) -> Keyring:
    try:
        return Keyring.from_text(text, source=source)
    except KeyringError as error:
        raise ImproperlyConfigured(str(error)) from None
