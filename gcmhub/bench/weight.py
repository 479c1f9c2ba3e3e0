"""First-visit page weight: the page and every stylesheet, script, icon, image and font it
makes a browser fetch, each gzipped at level 6 as a server or proxy would send it; and every
such reference to another host (the budget allows none)."""

import gzip
import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.test import Client

from gcmhub.bench.pages import HOST, fetch

LOADED_RELS = {"stylesheet", "preload", "modulepreload", "icon", "apple-touch-icon", "manifest"}
SOURCES = {"script", "img", "iframe", "frame", "embed", "source", "audio", "video", "track"}
CSS_REFERENCE = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)|@import\s+(['"])([^'"]+)\3""")


class _References(HTMLParser):
    """The URLs of what a browser loads to show an HTML page (links it only follows are not)."""

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = {name: value or "" for name, value in attrs}
        if tag == "link" and LOADED_RELS & set(attrs.get("rel", "").lower().split()):
            self.urls.append(attrs.get("href", ""))
        if tag in SOURCES or (tag == "input" and attrs.get("type") == "image"):
            self.urls.append(attrs.get("src", ""))
            self.urls += [c.split()[0] for c in attrs.get("srcset", "").split(",") if c.strip()]
        if tag == "video":
            self.urls.append(attrs.get("poster", ""))
        if tag == "object":
            self.urls.append(attrs.get("data", ""))
        if tag in ("image", "use"):  # inline SVG pointing at another file
            self.urls.append(attrs.get("href") or attrs.get("xlink:href", ""))


def references(content_type: str, body: bytes) -> list[str]:
    """What an HTML page or a stylesheet makes the browser fetch next, as written."""
    if content_type.startswith("text/html"):
        parser = _References()
        parser.feed(body.decode("utf-8", "replace"))
        urls = parser.urls
    elif content_type.startswith("text/css"):
        found = CSS_REFERENCE.findall(body.decode("utf-8", "replace"))
        urls = [url or imported for _quote, url, _q, imported in found]
    else:
        urls = []
    return [url.strip() for url in urls if url.strip() and not url.strip().startswith("#")]


def locate(reference: str, found_in: str) -> tuple[str | None, str | None]:
    """(path on this site, URL on another host) of REFERENCE as written in the file at path
    FOUND_IN: one of them, or neither for data: and the like, which come with the file."""
    target = urlsplit(urljoin(f"http://{HOST}{found_in}", reference))
    if target.scheme not in ("http", "https"):
        return None, None
    if target.netloc not in (HOST, urlsplit(settings.SITE_URL).netloc):
        return None, target.geturl()
    return target.path + (f"?{target.query}" if target.query else ""), None


def page_weight(client: Client, url: str) -> dict:
    """URL's first-visit weight: files fetched, their bytes as sent uncompressed and gzipped,
    and the references to other hosts among them."""
    bodies: dict[str, bytes] = {}
    foreign: set[str] = set()
    pending = [url]
    while pending:
        current = pending.pop(0)
        if current in bodies:
            continue
        response, bodies[current] = fetch(client, current)
        for reference in references(response.get("Content-Type", ""), bodies[current]):
            path, elsewhere = locate(reference, current)
            if path:
                pending.append(path)
            if elsewhere:
                foreign.add(elsewhere)
    return {
        "url": url,
        "files": sorted(bodies),
        "bytes": sum(len(body) for body in bodies.values()),
        "gzip_bytes": sum(len(gzip.compress(b, compresslevel=6, mtime=0)) for b in bodies.values()),
        "other_hosts": sorted(foreign),
    }
