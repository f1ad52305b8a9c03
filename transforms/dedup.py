"""Duplicate marking: every article row gets a cluster, and exactly one row per cluster is canonical.

Rows are marked, never dropped, so analysts can count how far a story travelled. Two passes:

1. :func:`mark_exact`: a new article joins the cluster of the earliest article, from any
   earlier run or earlier in this run, with the same canonical URL or the same normalised
   text ('exact', similarity 1.0).
2. :func:`mark_duplicates` then matches the articles that are not exact copies with
   :mod:`transforms.neardup` against the dedup index of earlier runs and against each other
   ('near'): a copy joins the cluster of its best earlier match, never chaining further.
   Exact copies of an article that turned out to be a near copy follow it into its cluster.

"Earlier" is always the order ``(fetched_at, article_id)``, in both passes, so re-running a
run after later runs have landed gives the same clusters. Clusters are keyed by their
first-seen article, so a cluster id never changes when later copies arrive.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pyarrow as pa
import pyarrow.fs as pafs

from transforms.lake import partition_values
from transforms.neardup import BATCH_SCHEMA, History, MatchPolicy, match_batch
from transforms.textnorm import content_hash
from transforms.urls import normalise_url

HISTORY_COLUMNS = ["article_id", "canonical_url", "content_hash", "cluster_id", "fetched_at"]
"""What exact marking reads of earlier articles (never the text)."""

INDEX_TABLE = "dedup_index"
"""The lake table holding each run's near-duplicate index rows (``transforms.neardup.INDEX_SCHEMA``)."""

_EMPTY_TEXT = content_hash("")


@dataclass(frozen=True)
class Match:
    """The earlier article a new one duplicates."""

    article_id: str
    cluster_id: str


@dataclass(frozen=True)
class Marked:
    """New rows with their cluster columns, and the rows this run adds to the dedup index."""

    rows: list[dict[str, Any]]
    index_rows: pa.Table


def mark_exact(new_rows: list[dict[str, Any]], history: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Return ``new_rows`` (first-seen order) with cluster columns filled against ``history``.

    Only history rows earlier than a new row can be its match, so an original re-marked after
    its copies were stored stays canonical. Rows without a canonical URL match by text only;
    empty texts never match by text.
    """
    events = [(row["fetched_at"], row["article_id"], False, row) for row in history]
    events += [(row["fetched_at"], row["article_id"], True, row) for row in new_rows]
    by_url: dict[str, Match] = {}
    by_text: dict[str, Match] = {}
    marked: list[dict[str, Any]] = []
    for _, article_id, is_new, row in sorted(events, key=lambda event: event[:3]):
        url_key = normalise_url(row["canonical_url"]) if row.get("canonical_url") else None
        text_key = row["content_hash"] if row["content_hash"] != _EMPTY_TEXT else None
        if not is_new:
            match = Match(article_id, row["cluster_id"] or article_id)
        else:
            earlier = (by_url.get(url_key) if url_key else None) or (by_text.get(text_key) if text_key else None)
            if earlier is not None:
                marked.append(dict(row) | _cluster(earlier.cluster_id, canonical=False, of=earlier.article_id))
                continue
            match = Match(article_id, article_id)
            marked.append(dict(row) | _cluster(article_id, canonical=True))
        if url_key:
            by_url.setdefault(url_key, match)
        if text_key:
            by_text.setdefault(text_key, match)
    return marked


def mark_duplicates(
    new_rows: list[dict[str, Any]],
    history: Iterable[Mapping[str, Any]],
    index: History | None = None,
    *,
    filesystem: pafs.FileSystem | None = None,
    policy: MatchPolicy | None = None,
) -> Marked:
    """Mark exact, then near duplicates of ``new_rows`` (which need ``text``).

    ``history`` is earlier articles (``HISTORY_COLUMNS``) for exact marking; ``index`` the
    dedup index of earlier runs for near matching (Parquet paths, read through
    ``filesystem`` when given, or an Arrow table). The index rows returned cover the rows
    that are not exact copies: an exact copy adds nothing a later run could match.
    """
    marked = mark_exact(new_rows, history)
    fresh = [row for row in marked if row["dup_kind"] is None]
    batch = pa.table(
        {
            "article_id": [row["article_id"] for row in fresh],
            "fetched_at": [row["fetched_at"] for row in fresh],
            "text": [row["text"] or "" for row in fresh],
        },
        schema=BATCH_SCHEMA,
    )
    result = match_batch(batch, index, filesystem=filesystem, policy=policy)
    near = {row["article_id"]: row for row in result.matches.to_pylist() if row["dup_kind"] == "near"}
    cluster_of: dict[str, str] = {}
    rows: list[dict[str, Any]] = []
    for exact_row in marked:
        row = dict(exact_row)
        match = near.get(row["article_id"])
        if match is not None:
            row |= _cluster(match["cluster_id"], canonical=False, of=match["duplicate_of"], kind="near")
            row["similarity"] = float(match["similarity"])
        elif row["dup_kind"] == "exact" and row["duplicate_of"] in cluster_of:
            # An exact copy of an article of this run follows that article into its (maybe near) cluster.
            row["cluster_id"] = cluster_of[row["duplicate_of"]]
        cluster_of[row["article_id"]] = row["cluster_id"]
        rows.append(row)
    return Marked(rows=rows, index_rows=result.index_rows)


def within_window(paths: Sequence[str], dt: str, days: int | None) -> list[str]:
    """The files whose ``dt=`` partition is at most ``days`` before ``dt`` (all when ``days`` is None).

    Later partitions stay in: matching ignores rows later than a new article anyway, and a
    reprocessed old run must see what it saw the first time.
    """
    if days is None:
        return list(paths)
    start = (date.fromisoformat(dt) - timedelta(days=days)).isoformat()
    return [path for path in paths if partition_values(path).get("dt", start) >= start]


def _cluster(cluster_id: str, *, canonical: bool, of: str | None = None, kind: str = "exact") -> dict[str, Any]:
    return {
        "cluster_id": cluster_id,
        "is_canonical": canonical,
        "duplicate_of": of,
        "dup_kind": None if canonical else kind,
        "similarity": None if canonical else 1.0,
    }
