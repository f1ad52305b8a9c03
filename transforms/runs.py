"""The runs table: one row per run and source, so a source's yield can be followed over time."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from transforms.rows import RunRow


def run_rows(
    run_id: str,
    source_ids: Iterable[str],
    fetches: Iterable[Mapping[str, Any]],
    articles: Iterable[Mapping[str, Any]],
    rejects: Iterable[Mapping[str, Any]],
    started_at: datetime,
    finished_at: datetime,
    stage_seconds: Mapping[str, float] | None = None,
    *,
    versions: Mapping[str, str],
) -> list[RunRow]:
    """Counts per source for one run, each source credited with every page it found.

    Fetch records need ``source_id``, ``source_ids`` (every source that found the URL; absent
    or empty in fetches written before sites were crawled together), ``role``, ``status`` and,
    to count pages skipped as fetched by an earlier run, ``error``. Article and reject rows
    need ``source_id`` and ``source_ids`` likewise. A page found by the feed and the sitemap
    counts for both, so a source whose pages were all fetched through another one does not
    look dead. ``stage_seconds`` is the wall time of each stage of the run (``crawl``,
    ``process``, ``dedup``…), the same on every source's row; ``versions`` the
    ``newslake_version`` and ``extractor_version`` columns (:func:`transforms.edge.versions.run_versions`).
    """
    discovered: Counter[str] = Counter()
    fetched: Counter[str] = Counter()
    seen_before: Counter[str] = Counter()
    for record in fetches:
        if record["role"] == "article":
            for source_id in _finders(record):
                discovered[source_id] += 1
                fetched[source_id] += record["status"] is not None
                seen_before[source_id] += record.get("error") == "seen_before"
    article_count: Counter[str] = Counter()
    duplicates: Counter[str] = Counter()
    for row in articles:
        for source_id in _finders(row):
            article_count[source_id] += 1
            duplicates[source_id] += row["dup_kind"] is not None
    reasons: dict[str, Counter[str]] = {}
    for row in rejects:
        for source_id in _finders(row):
            reasons.setdefault(source_id, Counter())[row["reason"]] += 1
    timings = sorted((stage, round(float(seconds), 3)) for stage, seconds in (stage_seconds or {}).items())
    return [
        {
            "run_id": run_id,
            "source_id": source_id,
            "discovered": discovered[source_id],
            "fetched": fetched[source_id],
            "seen_before": seen_before[source_id],
            "articles": article_count[source_id],
            "rejects": sum(reasons.get(source_id, Counter()).values()),
            "rejects_by_reason": sorted(reasons.get(source_id, Counter()).items()),
            "duplicates": duplicates[source_id],
            "started_at": started_at,
            "finished_at": finished_at,
            "stage_seconds": timings,
            "newslake_version": versions["newslake_version"],
            "extractor_version": versions["extractor_version"],
        }
        for source_id in sorted(set(source_ids))
    ]


def _finders(row: Mapping[str, Any]) -> list[str]:
    return list(row.get("source_ids") or [row["source_id"]])
