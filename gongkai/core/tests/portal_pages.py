"""What the portal serves to a visitor, as one JSON object: each public page reachable from the
home page (breadth-first, at most ``LIMIT``) and each URL given on the command line, with its
status and a digest of its body. Run in a subprocess with ``GONGKAI_DATA_DIR`` (and
``DATABASE_URL``) set, so that two installations can be compared page by page:
``python -m gongkai.core.tests.portal_pages [URL…]``.
"""

import hashlib
import html
import json
import re
import sys

import django

LIMIT = 60
LINK = re.compile(r'href="(/[^"#]*)"')
SKIPPED = ("/admin", "/static/", "/media/", "/documents/")
HIDDEN_INPUT = re.compile(r"<input[^>]*type=\"hidden\"[^>]*>")
VALUE = re.compile(r'value="[^"]*"')
# An empty feed is "built" at the moment it is requested.
BUILD_DATE = re.compile(rb"<lastBuildDate>[^<]*</lastBuildDate>")


def _digest(body: bytes, content_type: str) -> str:
    if content_type.startswith("text/html"):
        # One-time form tokens (CSRF, the request form's token) differ on every page view.
        text = HIDDEN_INPUT.sub(lambda m: VALUE.sub('value=""', m.group()), body.decode())
        body = text.encode()
    body = BUILD_DATE.sub(b"", body)
    return hashlib.sha256(body).hexdigest()


def main() -> None:
    django.setup()
    from django.test import Client

    client = Client()
    pages: dict[str, list] = {}
    queue = ["/", *sys.argv[1:]]
    while queue and len(pages) < LIMIT:
        url = queue.pop(0)
        if url in pages:
            continue
        response = client.get(url, HTTP_HOST="localhost")
        content_type = response.get("Content-Type", "")
        body = b"".join(response) if response.streaming else response.content
        pages[url] = [response.status_code, _digest(body, content_type)]
        if content_type.startswith("text/html"):
            links = (html.unescape(u) for u in LINK.findall(body.decode()))
            queue += [u for u in links if not u.startswith(SKIPPED)]
    json.dump(pages, sys.stdout, ensure_ascii=False, indent=1, sort_keys=True)


if __name__ == "__main__":
    main()
