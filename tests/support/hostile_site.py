"""A hostile news site on 127.0.0.1: everything a crawler meets on a bad day, behind one RSS feed.

``/feed.xml`` (its DTD declares external entities, to a local file and /etc/passwd, and a
billion-laughs chain; entry titles use them)
links good article pages and every kind of bad answer: a page slower than any sane timeout,
a connection reset, a body shorter than its ``Content-Length``, 429 / 503 with
``Retry-After`` then success, a page failing twice with 502 then succeeding, a page that
always answers 500, a redirect loop, a gzip bomb (4 MB on the wire, 4 GiB inflated), pages
over 10 MB (with a ``Content-Length``, and chunked without one), random bytes served as
``text/html``, malformed XML, and a redirect into the cloud metadata address 169.254.169.254.
``/xxe.xml`` and ``/laughs.xml`` are further feeds: one whose entry title is an external entity
pointing at a local file (it links one more good page), one that uses a billion-laughs bomb
before its entries (the parser stops at the bomb, so it yields nothing; its entry is also in
``/feed.xml``).

The server runs in a thread, answers each request in a daemon thread, logs every request with
its time (so tests can check retry delays), never holds a connection longer than
``slow_seconds``, and shuts itself down after ``lifetime_seconds`` if a test forgets to.
"""

from __future__ import annotations

import gzip
import random
import socket
import struct
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

PAGES = Path(__file__).resolve().parents[1] / "fixtures" / "hostile"
HTML = "text/html; charset=utf-8"
MB = 1024 * 1024

# Good pages: path → fixture file. Each must become an article.
GOOD = {
    "/news/zh-harbour.html": "zh-harbour.html",
    "/news/en-library.html": "en-library.html",
    "/news/en-xxe.html": "en-xxe.html",  # an article whose DTD declares an external entity
    "/news/zh-orchard.html": "zh-orchard.html",  # linked only from /xxe.xml
    "/news/en-ferry.html": "en-ferry.html",  # also behind the bomb in /laughs.xml
    "/flaky/throttled.html": "zh-museum.html",  # 429 + Retry-After, then the page
    "/flaky/unavailable.html": "en-market.html",  # 503 + Retry-After, then the page
    "/flaky/bad-gateway.html": "zh-rail.html",  # 502, 502, then the page
}
# Bad pages: path → the reject reasons that are a sensible account of it.
BAD = {
    "/bad/slow.html": {"timeout"},
    "/bad/reset.html": {"connection_error"},
    "/bad/short.html": {"truncated"},
    "/bad/always-500.html": {"http_error"},
    "/bad/loop-a.html": {"too_many_redirects"},
    "/bad/gzip-bomb.html": {"too_large"},
    "/bad/huge.html": {"too_large"},
    "/bad/huge-chunked.html": {"too_large"},
    "/bad/random.html": {"decode_error"},
    "/bad/malformed.xml": {"not_article", "empty", "not_html"},
    "/bad/metadata.html": {"private_address"},
}
FEEDS = ("/feed.xml", "/xxe.xml", "/laughs.xml")
# Feeds that are rejects themselves: the entity bomb stops the parse, so the feed yields nothing, said so.
BAD_FEEDS = {"/laughs.xml": {"bad_discovery"}}


@dataclass
class Hit:
    """One request: its path, when it arrived (monotonic seconds), and the status answered (0: none yet)."""

    path: str
    at: float
    status: int = 0


@dataclass
class HostileSite:
    """A running hostile site: its base URL and the log of requests as they arrived."""

    canary_file: Path
    slow_seconds: float = 6.0
    base_url: str = ""
    log: list[Hit] = field(default_factory=list)
    _hits: Counter[str] = field(default_factory=Counter)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def hit(self, path: str) -> int:
        """Count a request to ``path``; return how many there have been, this one included."""
        with self._lock:
            self._hits[path] += 1
            return self._hits[path]

    def requests_to(self, path: str) -> list[tuple[float, int]]:
        """The arrival time and status of each request to ``path``, in order."""
        return [(hit.at, hit.status) for hit in self.log if hit.path == path]


@cache
def gzip_bomb() -> bytes:
    """4 GiB of zeros as 128 concatenated gzip members of 32 MiB each: about 4 MB, built once."""
    member = gzip.compress(bytes(32 * MB), compresslevel=9, mtime=0)
    return member * 128


def _entity_dtd(root: str, canary_file: Path) -> str:
    return (
        f"<!DOCTYPE {root} [\n"
        f'  <!ENTITY xxe SYSTEM "file://{canary_file}">\n'
        '  <!ENTITY passwd SYSTEM "file:///etc/passwd">\n'
        '  <!ENTITY lol "lol">\n'
        + "".join(f'  <!ENTITY lol{n} "{("&lol" + (str(n - 1) if n > 1 else "") + ";") * 10}">\n' for n in range(1, 10))
        + "]>\n"
    )


def _rss(items: list[tuple[str, str]], dtd: str = "", description: str = "Bad news, all of it") -> bytes:
    entries = "".join(
        f"<item><title>{title}</title><link>{link}</link><pubDate>Sat, 02 May 2026 08:00:00 +0800</pubDate></item>\n"
        for link, title in items
    )
    return (
        f'<?xml version="1.0" encoding="utf-8"?>\n{dtd}<rss version="2.0"><channel><title>Hostile Daily</title>'
        f"<link>/</link><description>{description}</description>\n{entries}</channel></rss>\n"
    ).encode()


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        pass  # the site keeps its own log

    def do_GET(self) -> None:
        site = self.server.site
        path = urlsplit(self.path).path
        route = ROUTES.get(path)
        if route is None and path.removeprefix("/news").removeprefix("/flaky") != path:
            route = _good_page
        hit = Hit(path, time.monotonic())
        site.log.append(hit)
        hit.status = (route or _not_found)(self, site, path)

    # helpers for the routes
    def answer(self, status: int, body: bytes, content_type: str = HTML, **headers: str) -> int:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        self._write(body)
        return status

    def _write(self, data: bytes) -> bool:
        try:
            self.wfile.write(data)
            self.wfile.flush()
        except OSError:  # the crawler gave up on us (timeout, size cap): that is the point
            self.close_connection = True
            return False
        return True


Route = Callable[[_Handler, HostileSite, str], int]


def _not_found(handler: _Handler, site: HostileSite, path: str) -> int:
    return handler.answer(404, b"<html><body>Not found</body></html>")


def _good_page(handler: _Handler, site: HostileSite, path: str) -> int:
    name = GOOD.get(path)
    if name is None:
        return _not_found(handler, site, path)
    body = (PAGES / name).read_text("utf-8").replace("{ENTITY_DTD}", _entity_dtd("html", site.canary_file))
    return handler.answer(200, body.encode())


def _robots(handler: _Handler, site: HostileSite, path: str) -> int:
    return handler.answer(200, b"User-agent: *\nAllow: /\n", "text/plain")


def _feed(handler: _Handler, site: HostileSite, path: str) -> int:
    links = [("/news/zh-harbour.html", "港口吞吐量回升"), ("/news/en-library.html", "&xxe;")]
    links += [("/news/en-xxe.html", "Trees"), ("/news/en-ferry.html", "&lol1;")]
    links += [(p, "flaky") for p in GOOD if p.startswith("/flaky/")]
    links += [(p, "&passwd;") for p in BAD]
    items = [(site.base_url + link, title) for link, title in links]
    return handler.answer(200, _rss(items, _entity_dtd("rss", site.canary_file)), "application/rss+xml")


def _xxe_feed(handler: _Handler, site: HostileSite, path: str) -> int:
    dtd = f'<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://{site.canary_file}">]>\n'
    return handler.answer(200, _rss([(site.base_url + "/news/zh-orchard.html", "&xxe;")], dtd), "application/rss+xml")


def _laughs_feed(handler: _Handler, site: HostileSite, path: str) -> int:
    body = _rss([(site.base_url + "/news/en-ferry.html", "&lol9;")], _entity_dtd("rss", site.canary_file), "&lol9;")
    return handler.answer(200, body, "application/rss+xml")


def _throttled(status: int) -> Route:
    def route(handler: _Handler, site: HostileSite, path: str) -> int:
        if site.hit(path) == 1:
            return handler.answer(status, b"<html><body>slow down</body></html>", Retry_After="1")
        return _good_page(handler, site, path)

    return route


def _bad_gateway(handler: _Handler, site: HostileSite, path: str) -> int:
    if site.hit(path) <= 2:
        return handler.answer(502, b"<html><body>Bad gateway</body></html>")
    return _good_page(handler, site, path)


def _slow(handler: _Handler, site: HostileSite, path: str) -> int:
    time.sleep(site.slow_seconds)  # bounded: the thread ends even if nobody waits for it
    return handler.answer(200, b"<html><body>too late</body></html>")


def _reset(handler: _Handler, site: HostileSite, path: str) -> int:
    handler.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    handler.connection.close()  # linger 0: the close sends a TCP RST
    handler.close_connection = True
    return 0


def _short(handler: _Handler, site: HostileSite, path: str) -> int:
    handler.send_response(200)
    handler.send_header("Content-Type", HTML)
    handler.send_header("Content-Length", "20000")
    handler.send_header("Connection", "close")
    handler.end_headers()
    handler._write(b"<html><body><p>" + b"cut short " * 200)  # 2 KB of the promised 20 KB
    handler.close_connection = True
    return 200


def _always_500(handler: _Handler, site: HostileSite, path: str) -> int:
    return handler.answer(500, b"<html><body>Internal error</body></html>")


def _redirect(target: Callable[[HostileSite], str]) -> Route:
    def route(handler: _Handler, site: HostileSite, path: str) -> int:
        return handler.answer(302, b"", Location=target(site))

    return route


def _gzip_bomb(handler: _Handler, site: HostileSite, path: str) -> int:
    return handler.answer(200, gzip_bomb(), Content_Encoding="gzip")


def _huge(handler: _Handler, site: HostileSite, path: str) -> int:
    chunk = b"<p>" + "超长页面的填充段落。".encode() * 2000 + b"</p>\n"
    total = 11 * MB
    handler.send_response(200)
    handler.send_header("Content-Type", HTML)
    handler.send_header("Connection", "close")
    chunked = path.endswith("-chunked.html")
    handler.send_header(*(("Transfer-Encoding", "chunked") if chunked else ("Content-Length", str(total))))
    handler.end_headers()
    sent = 0
    while sent < total:  # streamed: the server never holds the page, and stops when the client hangs up
        piece = chunk[: total - sent]
        framed = b"%x\r\n%s\r\n" % (len(piece), piece) if chunked else piece
        if not handler._write(framed):
            break
        sent += len(piece)
    else:
        if chunked:
            handler._write(b"0\r\n\r\n")
    handler.close_connection = True
    return 200


def _random(handler: _Handler, site: HostileSite, path: str) -> int:
    return handler.answer(200, random.Random(7).randbytes(64 * 1024))  # noqa: S311 - noise, not a secret


def _malformed(handler: _Handler, site: HostileSite, path: str) -> int:
    body = b'<?xml version="1.0"?><rss><channel><item><title>unclosed <b>tag</title><link>&undefined;</channel>'
    return handler.answer(200, body, "text/xml")


ROUTES: dict[str, Route] = {
    "/robots.txt": _robots,
    "/feed.xml": _feed,
    "/xxe.xml": _xxe_feed,
    "/laughs.xml": _laughs_feed,
    "/flaky/throttled.html": _throttled(429),
    "/flaky/unavailable.html": _throttled(503),
    "/flaky/bad-gateway.html": _bad_gateway,
    "/bad/slow.html": _slow,
    "/bad/reset.html": _reset,
    "/bad/short.html": _short,
    "/bad/always-500.html": _always_500,
    "/bad/loop-a.html": _redirect(lambda site: f"{site.base_url}/bad/loop-b.html"),
    "/bad/loop-b.html": _redirect(lambda site: f"{site.base_url}/bad/loop-a.html"),
    "/bad/gzip-bomb.html": _gzip_bomb,
    "/bad/huge.html": _huge,
    "/bad/huge-chunked.html": _huge,
    "/bad/random.html": _random,
    "/bad/malformed.xml": _malformed,
    "/bad/metadata.html": _redirect(lambda site: "http://169.254.169.254/latest/meta-data/iam/security-credentials/"),
}


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False  # a slow answer still sleeping must not hold up the shutdown

    def __init__(self, site: HostileSite) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.site = site

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # resets and hang-ups are what this site is for


@contextmanager
def serve_hostile_site(
    canary_file: Path, *, slow_seconds: float = 6.0, lifetime_seconds: float = 300.0
) -> Iterator[HostileSite]:
    """Serve the hostile site on 127.0.0.1 (a free port) until the block ends, or ``lifetime_seconds``."""
    site = HostileSite(canary_file, slow_seconds)
    server = _Server(site)
    site.base_url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    deadline = threading.Timer(lifetime_seconds, server.shutdown)
    deadline.daemon = True
    deadline.start()
    try:
        yield site
    finally:
        deadline.cancel()
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
