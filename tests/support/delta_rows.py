"""Small fetch rows of the lake's real schema, for tests that need Delta tables with many runs."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pyarrow as pa

from transforms.edge.lake import open_lake
from transforms.schemas import FETCHES


def fetch_rows(run_id: str, source: str, day: str, count: int, body: bytes = b"<html><p>story</p></html>") -> pa.Table:
    """``count`` fetches of one run and source, with the ``source`` and ``dt`` columns the table keeps."""
    fetched = datetime.fromisoformat(day).replace(tzinfo=UTC)
    rows = [
        {
            "url": f"https://{source}.example/{run_id}/{k}",
            "final_url": None,
            "redirect_urls": [],
            "role": "article",
            "status": 200,
            "error": None,
            "error_detail": None,
            "headers": [{"name": "Content-Type", "value": "text/html"}],
            "body": body,
            "content_type": "text/html; charset=utf-8",
            "declared_encoding": "utf-8",
            "used_encoding": "utf-8",
            "hints": {},
            "fetched_at": fetched,
            "source_id": source,
            "source_ids": [source],
            "run_id": run_id,
        }
        for k in range(count)
    ]
    table = pa.Table.from_pylist(rows, schema=FETCHES)
    return table.append_column("source", pa.array([source] * count)).append_column("dt", pa.array([day] * count))


def commit_fetches(root: Path, run_id: str, source: str, day: str, count: int) -> None:
    """Commit a run's fetches of one source to the lake at ``root`` as a crawl would (one run commit)."""
    rows = fetch_rows(run_id, source, day, count).drop_columns(["source", "dt"])
    open_lake(str(root)).commit("fetches", FETCHES, {"dt": day}, run_id, rows, scope={"source": source})
