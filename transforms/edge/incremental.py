"""Incremental crawling: what earlier runs already fetched, read from the lake itself.

No side database: the fetches table is the state. An article URL that an earlier run fetched
with a 2xx answer is not requested again (unless a recrawl is asked for). The run being
re-run is left out, so re-running a run fetches exactly what it fetched the first time.
"""

from __future__ import annotations

from datetime import datetime

from transforms.edge.lake import Lake
from transforms.schemas import FETCHES


def fetched_before(lake: Lake, source_id: str, run_id: str) -> set[str]:
    """Article URLs of ``source_id`` fetched successfully by runs other than ``run_id``."""
    seen: set[str] = set()
    source = {"source": source_id}
    for path in lake.files("fetches", where=source):
        table = lake.read(FETCHES, [path], columns=["url", "role", "status"], exclude_run=run_id, where=source)
        for row in table.to_pylist():
            if row["role"] == "article" and row["status"] is not None and 200 <= row["status"] < 300:
                seen.add(row["url"])
    return seen


_VALIDATORS = {"etag": "If-None-Match", "last-modified": "If-Modified-Since"}


def discovery_validators(lake: Lake, source_id: str, run_id: str) -> dict[str, dict[str, str]]:
    """Conditional-GET headers for each feed or sitemap an earlier run fetched with a 200.

    The validators come from the latest 200 answer of runs other than ``run_id``: its ``ETag``
    becomes ``If-None-Match`` and its ``Last-Modified`` becomes ``If-Modified-Since``, so an
    unchanged feed or sitemap answers 304 and costs the site almost nothing.
    """
    latest: dict[str, tuple[datetime, dict[str, str]]] = {}
    source = {"source": source_id}
    for path in lake.files("fetches", where=source):
        columns = ["url", "role", "status", "headers", "fetched_at"]
        table = lake.read(FETCHES, [path], columns=columns, exclude_run=run_id, where=source)
        for row in table.to_pylist():
            if row["role"] != "discovery" or row["status"] != 200:
                continue
            headers = {
                _VALIDATORS[header["name"].lower()]: header["value"]
                for header in row["headers"] or []
                if header["name"].lower() in _VALIDATORS
            }
            when = row["fetched_at"]
            if headers and (row["url"] not in latest or latest[row["url"]][0] < when):
                latest[row["url"]] = (when, headers)
    return {url: headers for url, (_, headers) in latest.items()}
