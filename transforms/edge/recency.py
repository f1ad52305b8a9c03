"""The ``since`` option of a run: articles published before a date become ``too_old`` rejects.

Applied after extraction, over the run's extracted articles, because the publication date is
only known for sure once the page is read (feeds often omit or misstate it). An article with
no publication date is kept: nothing says it is old. The stage rewrites the run's extracted
file and adds the rejects to the run's rejects file, so running it again changes nothing.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pyarrow as pa

from transforms.edge.lake import Lake
from transforms.edge.stages import EXTRACTED_TABLE, StageResult
from transforms.layout import run_key
from transforms.schemas import EXTRACTED, REJECTS

REASON = "too_old"


def split_by_date(rows: list[dict[str, Any]], since: date) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(kept, too_old rejects): articles published before ``since`` (00:00 UTC) become rejects."""
    cutoff = datetime(since.year, since.month, since.day, tzinfo=UTC)
    kept: list[dict[str, Any]] = []
    rejects: list[dict[str, Any]] = []
    for row in rows:
        published = row["published_at"]
        if published is None or published >= cutoff:
            kept.append(row)
            continue
        rejects.append(
            {
                "url": row["url"],
                "source_id": row["source_id"],
                "stage": "process",
                "reason": REASON,
                "detail": f"published {published:%Y-%m-%d %H:%M} UTC, before {since.isoformat()}",
                "http_status": None,
                "fetched_at": row["fetched_at"],
                "run_id": row["run_id"],
            }
        )
    return kept, rejects


def since_stage(lake: Lake, run_id: str, dt: str, since: date) -> StageResult:
    """Move the run's articles published before ``since`` from its extracted file to its rejects."""
    extracted_files = lake.files(EXTRACTED_TABLE, run_id=run_id, partitions={"dt": dt})
    kept, too_old = split_by_date(lake.read(EXTRACTED, extracted_files).to_pylist(), since)
    if not too_old:
        return StageResult({"too_old": 0})
    reject_files = lake.files("rejects", run_id=run_id, partitions={"dt": dt})
    moved = {row["url"] for row in too_old}  # a stage interrupted after its first write must not add them twice
    earlier = [row for row in lake.read(REJECTS, reject_files).to_pylist() if row["url"] not in moved]
    rejects = earlier + too_old
    name = run_key(run_id)
    files = [
        lake.write("rejects", {"dt": dt}, name, pa.Table.from_pylist(rejects, schema=REJECTS)),
        lake.write(EXTRACTED_TABLE, {"dt": dt}, name, pa.Table.from_pylist(kept, schema=EXTRACTED)),
    ]
    return StageResult({"too_old": len(too_old)}, files)
