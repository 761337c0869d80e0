"""PDF from HTML with WeasyPrint, and a plain statement of what is missing when it cannot work.

PDF needs Debian's fonts-noto-cjk (Chinese glyphs) and libharfbuzz-subset0 (font subsetting;
without it WeasyPrint embeds whole CJK fonts and one page takes about 13 s instead of 0.25 s).
`scripts/system-deps.sh` installs both; where it could not, `pdf_missing()` says what to install
and callers offer the .docx alone instead of failing.
"""

from __future__ import annotations

import ctypes.util
import functools
import subprocess

from .domain.errors import DomainError

INSTALL_HINT = "sudo apt-get install fonts-noto-cjk libharfbuzz-subset0"


class PdfUnavailable(DomainError):
    """PDF cannot be produced on this server; the message says what is missing."""


@functools.cache
def pdf_missing() -> str | None:
    """None when PDF output works here, else a Chinese sentence naming what is missing."""
    missing = []
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError):
        missing.append("WeasyPrint 及其系统库（pango）")
    if ctypes.util.find_library("harfbuzz-subset") is None:
        missing.append("libharfbuzz-subset0")
    if not _has_chinese_font():
        missing.append("fonts-noto-cjk")
    if not missing:
        return None
    return (
        f"服务器缺少生成PDF所需的组件：{'、'.join(missing)}。"
        f"请由管理员安装（{INSTALL_HINT}）；在此之前可以下载 .docx 格式。"
    )


def _has_chinese_font() -> bool:
    try:
        found = subprocess.run(
            ["fc-list", ":lang=zh", "family"], capture_output=True, text=True, timeout=10
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return bool(found.stdout.strip())


def html_to_pdf(html: str, *, base_url: str | None = None) -> bytes:
    """Render ``html`` (a whole document with its own CSS) to PDF bytes."""
    if reason := pdf_missing():
        raise PdfUnavailable(reason)
    import weasyprint
    from weasyprint.text.fonts import FontConfiguration

    return weasyprint.HTML(string=html, base_url=base_url).write_pdf(
        font_config=FontConfiguration()
    )
