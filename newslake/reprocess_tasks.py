"""The news_reprocess DAG's task bodies: re-extract stored runs, and report on the whole lake.

The range defaults come from the lake's own file names (the ``dt`` partitions of its fetches),
so the trigger form opens with a valid choice without reading any Parquet.
"""

from __future__ import annotations

import logging
from datetime import UTC, date, datetime

from newslake.report import write_report
from newslake.task_config import configured_sources, open_configured_lake
from transforms.edge.lake import Lake
from transforms.edge.reprocess import reprocess_range, stored_runs
from transforms.layout import partition_values

logger = logging.getLogger(__name__)


def lake_report() -> str:
    """Write a report over the whole lake (no run of its own) into the lake; return where it is."""
    lake = open_configured_lake()
    path, _ = write_report(lake, datetime.now(UTC))
    shown = lake.display(path)
    logger.info("report: %s", shown)
    return shown


def reprocess(start: str | None, end: str | None) -> list[str]:
    """Re-extract and re-dedup every stored run from ``start`` to ``end`` (YYYY-MM-DD), oldest first.

    Empty dates default to the latest day that has fetches (an empty start: the end's day; an
    empty end: the latest day), so the trigger form opens with a valid choice.
    """
    lake = open_configured_lake()
    first, last = reprocess_dates(lake, start, end)
    if first is None or last is None:
        logger.warning("the lake has no fetches yet: nothing to reprocess")
        return []
    days = first.isoformat() if first == last else f"{first.isoformat()}..{last.isoformat()}"
    logger.info("reprocessing dt=%s (%d runs)", days, runs_with_fetches(lake, first, last))
    lines: list[str] = []

    def progress(line: str) -> None:
        logger.info("%s", line)
        lines.append(line)

    runs = list(reprocess_range(lake, configured_sources(), first, last, progress))
    if not runs:
        logger.warning("no run has fetches from %s to %s: nothing to reprocess", first, last)
    return lines


def reprocess_dates(lake: Lake, start: str | None, end: str | None) -> tuple[date | None, date | None]:
    """The range to reprocess: the dates given, each empty one defaulting to the latest day with fetches."""
    if start and end:
        return date.fromisoformat(start), date.fromisoformat(end)
    days = sorted({partition_values(path).get("dt", "") for path in lake.files("fetches")} - {""})
    latest = date.fromisoformat(end) if end else (date.fromisoformat(days[-1]) if days else None)
    return (date.fromisoformat(start) if start else latest), latest


def runs_with_fetches(lake: Lake, first: date, last: date) -> int:
    """How many runs have fetches with a ``dt`` in [first, last]."""
    return len(stored_runs(lake, first, last))
