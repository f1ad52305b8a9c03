"""Incremental crawling: what earlier runs already fetched, read from the lake itself.

No side database: the fetches table is the state. An article URL that an earlier run fetched
with a 2xx answer is not requested again (unless a recrawl is asked for). The run being
re-run is left out, so re-running a run fetches exactly what it fetched the first time.
"""

from __future__ import annotations

from transforms.lake import Lake, run_key
from transforms.schemas import FETCHES


def fetched_before(lake: Lake, source_id: str, run_id: str) -> set[str]:
    """Article URLs of ``source_id`` fetched successfully by runs other than ``run_id``."""
    files = [
        path
        for path in lake.files("fetches", partitions={"source": source_id})
        if not path.endswith(f"/{run_key(run_id)}.parquet")
    ]
    seen: set[str] = set()
    for path in files:
        table = lake.read(FETCHES, [path], columns=["url", "role", "status"])
        for row in table.to_pylist():
            if row["role"] == "article" and row["status"] is not None and 200 <= row["status"] < 300:
                seen.add(row["url"])
    return seen
