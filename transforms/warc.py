"""WARC/1.1 export of stored fetches, for archiving and for other web-archive tools.

Each HTTP response in ``fetches`` becomes one ``response`` record whose block is the HTTP
status line, the stored headers and the stored body; each record is its own gzip member, as
``.warc.gz`` readers expect. The body is stored after content decoding, so
``Content-Encoding`` and ``Transfer-Encoding`` are dropped and ``Content-Length`` is set to
the stored body. Record ids are derived from run, URL and fetch time, so exporting the same
run twice gives the same file. Fetches without a response (refused, timed out) are skipped.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import uuid
from collections.abc import Mapping
from datetime import UTC, datetime
from http import HTTPStatus
from typing import Any

_DROPPED = frozenset({"content-encoding", "transfer-encoding", "content-length"})
_NAMESPACE = uuid.UUID("6f1c9d52-7a43-4a36-9d0e-2c1f5b0e8a11")


def warcinfo_record(software: str, filename: str, now: datetime) -> bytes:
    """The gzipped ``warcinfo`` record that opens a file."""
    fields = f"software: {software}\r\nformat: WARC File Format 1.1\r\n".encode()
    record_id = uuid.uuid5(_NAMESPACE, f"warcinfo\n{filename}\n{now.isoformat()}")
    headers = [
        ("WARC-Type", "warcinfo"),
        ("WARC-Record-ID", f"<urn:uuid:{record_id}>"),
        ("WARC-Date", _warc_date(now)),
        ("WARC-Filename", filename),
        ("Content-Type", "application/warc-fields"),
    ]
    return _record(headers, fields)


def response_record(fetch: Mapping[str, Any]) -> bytes | None:
    """One fetch as a gzipped WARC ``response`` record; None when it got no HTTP response."""
    status = fetch.get("status")
    if status is None:
        return None
    body: bytes = fetch.get("body") or b""
    try:
        reason = HTTPStatus(status).phrase
    except ValueError:
        reason = ""
    lines = [f"HTTP/1.1 {status} {reason}".rstrip()]
    lines += [
        f"{header['name']}: {header['value']}"
        for header in fetch.get("headers") or []
        if header["name"].lower() not in _DROPPED
    ]
    lines.append(f"Content-Length: {len(body)}")
    http = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1", "replace") + body
    target = fetch.get("final_url") or fetch["url"]
    fetched_at: datetime = fetch["fetched_at"]
    record_id = uuid.uuid5(_NAMESPACE, f"{fetch.get('run_id')}\n{fetch['url']}\n{target}\n{fetched_at.isoformat()}")
    headers = [
        ("WARC-Type", "response"),
        ("WARC-Record-ID", f"<urn:uuid:{record_id}>"),
        ("WARC-Date", _warc_date(fetched_at)),
        ("WARC-Target-URI", target),
        ("WARC-Payload-Digest", _digest(body)),
        ("WARC-Block-Digest", _digest(http)),
        ("Content-Type", "application/http;msgtype=response"),
    ]
    return _record(headers, http)


def _record(headers: list[tuple[str, str]], block: bytes) -> bytes:
    head = "WARC/1.1\r\n" + "".join(f"{name}: {value}\r\n" for name, value in headers)
    head += f"Content-Length: {len(block)}\r\n\r\n"
    return gzip.compress(head.encode("utf-8") + block + b"\r\n\r\n", mtime=0)


def _warc_date(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _digest(data: bytes) -> str:
    return "sha1:" + base64.b32encode(hashlib.sha1(data, usedforsecurity=False).digest()).decode("ascii")
