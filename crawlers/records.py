"""Fetch records: what the crawl hands to the raw writer, one per URL it touched.

A record is made for every response (any status) and for every URL that got no response
(robots.txt, timeouts, refused connections, oversize bodies, duplicates), so processing can
account for each URL a run met.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, cast

from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadFailedError,
    DownloadTimeoutError,
    IgnoreRequest,
    ResponseDataLossError,
)
from scrapy.http import Request, Response
from twisted.internet.error import ConnectionLost
from twisted.python.failure import Failure

from crawlers.private_address import PrivateAddressRefused
from transforms.encoding import decode_body
from transforms.rows import FetchRow

RECEIVED_META = "newslake_bytes_received"  # body bytes received so far, counted by the spider
_TEXTUAL = ("text/", "application/xhtml", "application/json", "application/xml", "application/rss", "application/atom")
_FAILURES: tuple[tuple[type[BaseException], str], ...] = (
    (DownloadTimeoutError, "timeout"),
    (TimeoutError, "timeout"),
    (CannotResolveHostError, "connection_error"),
    (DownloadConnectionRefusedError, "connection_error"),
    (ConnectionError, "connection_error"),
    (ConnectionLost, "connection_error"),
    (ResponseDataLossError, "truncated"),
    (DownloadFailedError, "fetch_error"),
)


def response_record(response: Response, role: str, source_id: str, run_id: str) -> FetchRow:
    """The record of a response, body and headers byte for byte."""
    content_type = _header(response, b"Content-Type")
    textual = not content_type or content_type.lower().startswith(_TEXTUAL)
    encoding = decode_body(response.body, content_type) if role == "article" and textual and response.body else None
    return _record(
        response.request or Request(response.url),
        role,
        source_id,
        run_id,
        final_url=response.url,
        status=response.status,
        headers=[
            {"name": name.decode("latin-1"), "value": value.decode("latin-1")}
            for name, values in response.headers.items()
            for value in values
        ],
        body=response.body,
        content_type=content_type,
        declared_encoding=encoding.declared if encoding else None,
        used_encoding=encoding.used if encoding else None,
    )


def failure_record(failure: Failure, source_id: str, run_id: str, max_bytes: int = 0) -> FetchRow:
    """The record of a request that got no usable response, with a reason code.

    A body that outgrows ``max_bytes`` while it streams in (no ``Content-Length`` announced it)
    is cancelled by Scrapy without saying why; the bytes counted in ``RECEIVED_META`` tell.
    """
    request: Request = failure.request  # type: ignore[attr-defined]
    exception = failure.value or RuntimeError("unknown download failure")
    received = request.meta.get(RECEIVED_META, 0)
    if isinstance(exception, DownloadCancelledError) and max_bytes and received > max_bytes:
        error, detail = "too_large", f"the body passed the size cap ({max_bytes} bytes) while it streamed in"
    else:
        error, detail = classify_failure(exception)
    return _record(request, request.meta.get("role", "article"), source_id, run_id, error=error, error_detail=detail)


def skipped_record(url: str, role: str, error: str, detail: str, source_id: str, run_id: str) -> FetchRow:
    """The record of a discovered URL the crawl chose not to fetch (duplicate, off-site, over the page limit)."""
    return _record(Request(url, meta={"role": role}), role, source_id, run_id, error=error, error_detail=detail)


def classify_failure(exception: BaseException) -> tuple[str, str]:  # noqa: PLR0911 - one exit per reason reads best
    """A stable reason code and a one-line detail for a download failure."""
    message = str(exception) or type(exception).__name__
    if isinstance(exception, PrivateAddressRefused):
        return "private_address", message
    if isinstance(exception, IgnoreRequest) and "robots.txt" in message:
        return "robots_disallowed", "forbidden by the site's robots.txt"
    if isinstance(exception, DownloadCancelledError) and "max size" in message:
        return "too_large", message.split(" in request ")[0]
    if isinstance(exception, IgnoreRequest) and "DOWNLOAD_MAXSIZE" in message:  # a compression bomb
        return "too_large", "the body exceeds the size cap once decompressed"
    if isinstance(exception, IgnoreRequest) and "max redirections" in message:
        return "too_many_redirects", "more redirects than the crawl follows (a redirect loop?)"
    if isinstance(exception, DownloadFailedError) and "ConnectionLost" in message:
        return "connection_error", f"the server dropped the connection ({message})"[:500]
    for kind, code in _FAILURES:
        if isinstance(exception, kind):
            return code, f"{type(exception).__name__}: {message}"[:500]
    return "fetch_error", f"{type(exception).__name__}: {message}"[:500]


def _record(request: Request, role: str, source_id: str, run_id: str, **fields: Any) -> FetchRow:
    record: FetchRow = {
        "url": request.meta.get("discovered_url", request.url),
        "final_url": None,
        "redirect_urls": list(request.meta.get("redirect_urls", [])),
        "role": role,
        "status": None,
        "error": None,
        "error_detail": None,
        "headers": [],
        "body": None,
        "content_type": None,
        "declared_encoding": None,
        "used_encoding": None,
        "hints": list(request.meta.get("hints", {}).items()),
        "fetched_at": datetime.now(UTC),
        "source_id": source_id,
        "source_ids": [source_id],  # the crawl's writer adds the other sources that found the URL
        "run_id": run_id,
    }
    return cast("FetchRow", record | fields)


def _header(response: Response, name: bytes) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None
