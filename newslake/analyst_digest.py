"""The example analyst's DAG body: a digest of the latest day's articles, read with DuckDB's ``delta_scan``."""

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
    from transforms.edge.duck import connect  # noqa: PLC0415 - only the analyst's task needs DuckDB

    lake = open_configured_lake()
    files = lake.files("articles")
    if not files:
        logger.info("digest: the lake has no articles yet")
        return {"dt": None, "stories": 0, "copies": 0}
    latest = max(partition_values(path).get("dt", "") for path in files)
    connection = connect(lake.table_uri("articles"))
    articles = f"delta_scan('{lake.table_uri('articles')}')"
    per_source = connection.execute(
        "SELECT source_id, count(*) AS copies, count(*) FILTER (WHERE is_canonical) AS stories "  # noqa: S608 - the lake's own path
        f"FROM {articles} WHERE dt = ? GROUP BY source_id ORDER BY copies DESC, source_id",
        [latest],
    ).fetchall()
    top = connection.execute(
        "SELECT any_value(title ORDER BY is_canonical DESC) AS title, count(DISTINCT source_id) AS outlets, "  # noqa: S608
        f"count(*) AS copies FROM {articles} WHERE dt = ? "
        "GROUP BY cluster_id ORDER BY outlets DESC, copies DESC, title LIMIT 5",
        [latest],
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
