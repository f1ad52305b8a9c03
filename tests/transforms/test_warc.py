"""WARC export: each stored response becomes a WARC/1.1 response record another tool can read back."""

from __future__ import annotations

import base64
import gzip
import hashlib
import zlib
from datetime import UTC, datetime
from pathlib import Path

import pyarrow as pa
import pytest

from newslake.cli import main
from transforms.edge.lake import open_lake
from transforms.schemas import FETCHES
from transforms.warc import response_record

FETCHED = datetime(2026, 5, 5, 2, 3, 4, 500000, tzinfo=UTC)
PAGE = "<html><body><p>南方门户 正文</p></body></html>".encode("gb18030")


def _fetch(url: str, status: int | None, body: bytes | None = None, error: str | None = None) -> dict[str, object]:
    return {
        "url": url,
        "final_url": url if status else None,
        "redirect_urls": [],
        "role": "article",
        "status": status,
        "error": error,
        "error_detail": None,
        "headers": [
            {"name": "Content-Type", "value": "text/html; charset=gbk"},
            {"name": "Content-Encoding", "value": "gzip"},
            {"name": "Content-Length", "value": "17"},
        ]
        if status
        else [],
        "body": body,
        "content_type": "text/html; charset=gbk" if status else None,
        "declared_encoding": None,
        "used_encoding": None,
        "hints": [],
        "fetched_at": FETCHED,
        "source_id": "portal",
        "run_id": "run-1",
    }


def _records(data: bytes) -> list[tuple[dict[str, str], bytes]]:
    """Split a .warc.gz into (headers, block) pairs, checking each record is its own gzip member."""
    records = []
    while data:
        inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
        raw = inflater.decompress(data)
        data = inflater.unused_data
        head, _, rest = raw.partition(b"\r\n\r\n")
        lines = head.decode("utf-8").split("\r\n")
        assert lines[0] == "WARC/1.1"
        headers = dict(line.split(": ", 1) for line in lines[1:])
        length = int(headers["Content-Length"])
        assert rest[length:] == b"\r\n\r\n"
        records.append((headers, rest[:length]))
    return records


def test_a_response_becomes_a_response_record_with_status_line_headers_and_body() -> None:
    ((headers, block),) = _records(response_record(_fetch("https://example.com/a.html", 200, PAGE)) or b"")
    assert headers["WARC-Type"] == "response"
    assert headers["WARC-Target-URI"] == "https://example.com/a.html"
    assert headers["WARC-Date"] == "2026-05-05T02:03:04.500000Z"
    assert headers["WARC-Record-ID"].startswith("<urn:uuid:")
    assert headers["Content-Type"] == "application/http;msgtype=response"
    http_head, _, body = block.partition(b"\r\n\r\n")
    assert body == PAGE
    lines = http_head.decode("latin-1").split("\r\n")
    assert lines[0] == "HTTP/1.1 200 OK"
    assert "Content-Type: text/html; charset=gbk" in lines
    assert f"Content-Length: {len(PAGE)}" in lines  # the stored body is decoded: no stale encoding or length
    assert not [line for line in lines if line.startswith("Content-Encoding")]
    digest = base64.b32encode(hashlib.sha1(block, usedforsecurity=False).digest()).decode()
    assert headers["WARC-Block-Digest"] == f"sha1:{digest}"


def test_a_fetch_without_a_response_has_no_record() -> None:
    assert response_record(_fetch("https://example.com/b.html", None, error="timeout")) is None


def test_export_warc_writes_every_response_of_a_run(tmp_path: Path) -> None:
    lake = open_lake(str(tmp_path / "lake"))
    rows = [
        _fetch("https://example.com/a.html", 200, PAGE),
        _fetch("https://example.com/gone.html", 404, b"<html>gone</html>"),
        _fetch("https://example.com/slow.html", None, error="timeout"),
    ]
    lake.commit(
        "fetches",
        FETCHES,
        {"dt": "2026-05-05"},
        "run-1",
        pa.Table.from_pylist(rows, schema=FETCHES),
        scope={"source": "portal"},
    )
    out = tmp_path / "run-1.warc.gz"
    assert main(["export-warc", "--lake", str(tmp_path / "lake"), "--run-id", "run-1", "--out", str(out)]) == 0
    records = _records(out.read_bytes())
    assert [headers["WARC-Type"] for headers, _ in records] == ["warcinfo", "response", "response"]
    assert [headers.get("WARC-Target-URI") for headers, _ in records[1:]] == [
        "https://example.com/a.html",
        "https://example.com/gone.html",
    ]
    assert records[2][1].startswith(b"HTTP/1.1 404 Not Found\r\n")
    assert gzip.decompress(out.read_bytes()).count(b"WARC/1.1\r\n") == 3
    assert not (tmp_path / "run-1.warc.gz.part").exists()


def test_export_warc_of_an_unknown_run_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "lake").mkdir()
    out = tmp_path / "x.warc.gz"
    assert main(["export-warc", "--lake", str(tmp_path / "lake"), "--run-id", "nope", "--out", str(out)]) == 2
    assert "run nope has no fetches" in capsys.readouterr().err
    assert not out.exists()
