"""A static news site served on 127.0.0.1, for the demo and for crawl tests.

A site is a folder of files. Two conventions make it behave like a real news site:
``__BASE__`` in any text file is replaced by the server's own ``http://HOST:PORT``, as the
request names it (feeds and sitemaps need absolute links; ``localhost`` and ``127.0.0.1`` are
then two sites), and a sidecar ``NAME.headers`` file ("Key: value" lines, an
optional ``Status: 404`` line; ``__BASE__`` replaced too) sets the response headers and status
of ``NAME`` — for pages whose charset is declared only in the HTTP header, or declared wrongly,
and for redirects (``Status: 301`` with a ``Location``). A page whose sidecar gives an ``ETag``
or ``Last-Modified`` answers 304 to a request carrying the matching validator. Every request is
logged so tests can assert what a crawl did and did not fetch, and the most requests in flight at
once per ``Host`` is kept, so a test can see whether a crawl's politeness held.
"""

from __future__ import annotations

import mimetypes
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.message import Message
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

_TEXT_TYPES = (".html", ".htm", ".xml", ".txt", ".json", ".rss", ".atom")
_TYPES = {".xml": "application/xml", ".rss": "application/rss+xml", ".atom": "application/atom+xml"}


@dataclass
class SiteServer:
    """A running site: its base URL and the paths requested so far, in order."""

    root: Path
    base_url: str = ""
    requests: list[str] = field(default_factory=list)
    delay_seconds: float = 0.0  # a slow site, for tests that must interrupt a crawl half-way
    peak_in_flight: dict[str, int] = field(default_factory=dict)  # Host header → most requests at once
    _in_flight: dict[str, int] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def clear(self) -> None:
        """Forget the requests and peaks recorded so far (between the runs of a test)."""
        with self._lock:
            self.requests.clear()
            self.peak_in_flight.clear()

    def _enter(self, host: str) -> None:
        with self._lock:
            self._in_flight[host] = self._in_flight.get(host, 0) + 1
            self.peak_in_flight[host] = max(self.peak_in_flight.get(host, 0), self._in_flight[host])

    def _leave(self, host: str) -> None:
        with self._lock:
            self._in_flight[host] -= 1


def _response(root: Path, base: str, raw_path: str) -> tuple[int, dict[str, str], bytes]:
    path = unquote(urlsplit(raw_path).path)
    target = (root / path.lstrip("/")).resolve()
    if target.is_dir():
        target = target / "index.html"
    if root.resolve() not in target.parents or not target.is_file() or target.suffix == ".headers":
        return 404, {"Content-Type": "text/html; charset=utf-8"}, b"<html><body>Not found</body></html>"
    body = target.read_bytes()
    if target.suffix in _TEXT_TYPES:
        body = body.replace(b"__BASE__", base.encode("ascii"))
    guessed = _TYPES.get(target.suffix) or mimetypes.guess_type(target.name)[0] or "application/octet-stream"
    headers = {"Content-Type": guessed}
    status = 200
    sidecar = target.with_name(target.name + ".headers")
    if sidecar.is_file():
        for line in sidecar.read_text("utf-8").splitlines():
            key, _, value = line.partition(":")
            if key.strip().lower() == "status":
                status = int(value)
            elif key.strip():
                headers[key.strip()] = value.strip().replace("__BASE__", base)
    return status, headers, body


def _not_modified(headers: dict[str, str], request_headers: Message) -> bool:
    """True when the request's validators match the page's ``ETag`` or ``Last-Modified`` sidecar headers."""
    etag, modified = headers.get("ETag"), headers.get("Last-Modified")
    return bool(
        (etag and request_headers.get("If-None-Match") == etag)
        or (modified and request_headers.get("If-Modified-Since") == modified)
    )


@contextmanager
def serve_site(root: Path, port: int = 0) -> Iterator[SiteServer]:
    """Serve ``root`` on 127.0.0.1 (port 0: any free port) until the block ends."""
    site = SiteServer(root=root)

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            site.requests.append(self.path)
            host = (self.headers.get("Host") or "").lower()
            site._enter(host)  # counted until the whole answer is written
            try:
                if site.delay_seconds:
                    time.sleep(site.delay_seconds)
                base = f"http://{self.headers['Host']}" if self.headers.get("Host") else site.base_url
                status, headers, body = _response(site.root, base, self.path)
                if status == 200 and _not_modified(headers, self.headers):
                    status, body = 304, b""
                self.send_response(status, HTTPStatus(status).phrase)
                for key, value in headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            finally:
                site._leave(host)

        def log_message(self, format: str, *args: object) -> None:
            """Keep the terminal quiet; requests are recorded in ``site.requests``."""

    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    server.daemon_threads = True
    site.base_url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, name="newslake-site", daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()
