"""The ``since`` option of a run: articles published before a date become ``too_old`` rejects.

Applied after extraction, over the run's extracted articles, because the publication date is
only known for sure once the page is read (feeds often omit or misstate it). An article with
no publication date is kept: nothing says it is old. The stage that applies it to a run's
files is :func:`transforms.edge.stages.since_stage`.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime

from transforms.rows import ArticleRow, RejectRow, reject_row

REASON = "too_old"


def split_by_date(rows: Iterable[ArticleRow], since: date) -> tuple[list[ArticleRow], list[RejectRow]]:
    """(kept, too_old rejects): articles published before ``since`` (00:00 UTC) become rejects."""
    cutoff = datetime(since.year, since.month, since.day, tzinfo=UTC)
    kept: list[ArticleRow] = []
    rejects: list[RejectRow] = []
    for row in rows:
        published = row["published_at"]
        if published is None or published >= cutoff:
            kept.append(row)
            continue
        detail = f"published {published:%Y-%m-%d %H:%M} UTC, before {since.isoformat()}"
        rejects.append(
            reject_row(
                row["url"],
                row["source_id"],
                "process",
                REASON,
                detail,
                http_status=None,
                fetched_at=row["fetched_at"],
                run_id=row["run_id"],
                source_ids=row.get("source_ids"),  # null in files before schema version 3
            )
        )
    return kept, rejects
