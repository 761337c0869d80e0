"""What the two commands share: reading the file, and refusing with exit code 2."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import CommandError


def read(path_text: str) -> bytes:
    path = Path(path_text)
    try:
        return path.read_bytes()
    except OSError as error:
        raise CommandError(f"无法读取文件 {path}：{error.strerror}", returncode=2) from error
