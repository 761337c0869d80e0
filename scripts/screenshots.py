"""Screenshots of the portal's home page at phone and desktop width, for the README, taken with
Playwright driving Debian's chromium as the browser tests do (tests/e2e/conftest.py).

Point it at a running portal loaded with the demo (`make run`, or `gongkai serve`):

    .venv/bin/python scripts/screenshots.py [http://127.0.0.1:8000]

Writes docs/screenshots/home-390.png and home-1366.png (the whole page).
"""

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the browser tests' launch settings, so the two never differ

from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

WIDTHS = (390, 1366)
OUT = ROOT / "docs" / "screenshots"


def main(base_url: str) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        for width in WIDTHS:
            context = browser.new_context(
                locale="zh-CN", viewport={"width": width, "height": 900}, device_scale_factor=1
            )
            page = context.new_page()
            page.goto(base_url.rstrip("/") + "/")
            target = OUT / f"home-{width}.png"
            page.screenshot(path=str(target), full_page=True)
            print(target)
            context.close()
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000")
