"""The ``since`` option of a run: articles published before a date become ``too_old`` rejects.

Applied after extraction, over the run's extracted articles, because the publication date is
only known for sure once the page is read (feeds often omit or misstate it). An article with
no publication date is kept: nothing says it is old. The stage that applies it to a run's
files is :func:`transforms.edge.stages.since_stage`.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

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
