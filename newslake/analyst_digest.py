"""The example analyst's DAG body: a digest of the latest day's articles, read with DuckDB."""

from __future__ import annotations

import logging
from typing import Any

from newslake.task_config import open_configured_lake
from transforms.layout import partition_values

logger = logging.getLogger(__name__)


def daily_digest() -> dict[str, Any]:
    """The example analyst's digest of the latest day in the lake, read with DuckDB.

    Stories are canonical rows (one per cluster); copies are all article rows, duplicates included.
    """
    import duckdb  # noqa: PLC0415 - only the analyst's task needs it

    lake = open_configured_lake()
    files = lake.files("articles")
    if not files:
        logger.info("digest: the lake has no articles yet")
        return {"dt": None, "stories": 0, "copies": 0}
    latest = max(partition_values(path).get("dt", "") for path in files)
    paths = [lake.display(path) for path in files if partition_values(path).get("dt") == latest]
    connection = duckdb.connect()
    if not lake.is_local:
        connection.register_filesystem(lake.fs)  # DuckDB reads s3:// through the lake's own fsspec filesystem
    per_source = connection.execute(
        "SELECT source_id, count(*) AS copies, count(*) FILTER (WHERE is_canonical) AS stories "
        "FROM read_parquet(?) GROUP BY source_id ORDER BY copies DESC, source_id",
        [paths],
    ).fetchall()
    top = connection.execute(
        "SELECT any_value(title ORDER BY is_canonical DESC) AS title, count(DISTINCT source_id) AS outlets, "
        "count(*) AS copies FROM read_parquet(?) GROUP BY cluster_id ORDER BY outlets DESC, copies DESC, title LIMIT 5",
        [paths],
    ).fetchall()
    stories, copies = sum(row[2] for row in per_source), sum(row[1] for row in per_source)
    logger.info("digest for %s: %s stories (canonical rows) in %s article copies", latest, stories, copies)
    for source_id, source_copies, source_stories in per_source:
        logger.info("  %-24s %4d stories, %4d copies", source_id, source_stories, source_copies)
    for title, outlets, story_copies in top:
        logger.info("  %d outlets, %d copies: %s", outlets, story_copies, title)
    return {
        "dt": latest,
        "stories": stories,
        "copies": copies,
        "stories_by_source": {row[0]: row[2] for row in per_source},
        "copies_by_source": {row[0]: row[1] for row in per_source},
        "top_stories": [{"title": t, "outlets": o, "copies": c} for t, o, c in top],
    }
