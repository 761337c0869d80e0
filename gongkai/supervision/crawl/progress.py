"""A progress bar on standard error for ``gongkai sitecheck``."""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass
from typing import TextIO


@dataclass(frozen=True)
class Progress:
    pages: int
    checked: int
    queued: int
    findings: int
    limit: int
    seconds: float
    done: bool = False


class ProgressBar:
    """Redrawn in place on a terminal at most five times a second; one line every ten seconds
    when standard error is a file or a pipe, so logs stay readable."""

    WIDTH = 24

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty()
        self._last = 0.0

    def __call__(self, progress: Progress) -> None:
        now = time.monotonic()
        if not progress.done and now - self._last < (0.2 if self.tty else 10.0):
            return
        self._last = now
        share = min(1.0, progress.checked / progress.limit) if progress.limit else 0.0
        if progress.done:
            share = 1.0
        filled = int(share * self.WIDTH)
        rate = progress.checked / progress.seconds if progress.seconds else 0.0
        line = (
            f"[{'#' * filled}{'.' * (self.WIDTH - filled)}] 已检查 {progress.checked} 个地址，"
            f"{progress.pages} 个页面，待查 {progress.queued}，发现 {progress.findings} 个问题，"
            f"{rate:.0f} 个/秒"
        )
        if self.tty:
            self.stream.write("\r\x1b[K" + line + ("\n" if progress.done else ""))
        else:
            self.stream.write(line + "\n")
        self.stream.flush()
