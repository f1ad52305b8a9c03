"""Duplicate marking: every article row gets a cluster, and exactly one row per cluster is canonical.

Rows are marked, never dropped, so analysts can count how far a story travelled. Two passes:

1. :func:`mark_exact`: a new article joins the cluster of the earliest article, from any
   earlier run or earlier in this run, with the same canonical URL or the same normalised
   text ('exact', similarity 1.0).
2. :func:`mark_duplicates` then matches the articles that are not exact copies with
   :mod:`transforms.neardup` against the dedup index of earlier runs and against each other
   ('near'): a copy joins the cluster of its best earlier match, never chaining further.
   Exact copies of an article that turned out to be a near copy follow it into its cluster.

"Earlier" is always the order ``(fetched_at, article_id)``, in both passes (inside one crawl
run, publication order: see :func:`mark_duplicates`), so re-running a run, even after later
runs have landed, gives the same clusters. Clusters are keyed by their first-seen article,
so a cluster id never changes when later copies arrive.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any
from urllib.parse import urlsplit

import pyarrow as pa
import pyarrow.compute as pc
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
    one_run: bool = False,
) -> Marked:
    """Mark exact, then near duplicates of ``new_rows`` (which need ``text``).

    ``history`` is earlier articles (``HISTORY_COLUMNS``) for exact marking; ``index`` the
    dedup index of earlier runs for near matching (Parquet paths, read through
    ``filesystem`` when given, or an Arrow table). The index rows returned cover the rows
    that are not exact copies: an exact copy adds nothing a later run could match.

    ``one_run``: the rows are one crawl run, whose fetch order is an accident of concurrency.
    They are then first seen at the run's first fetch time in publication order (undated
    last, ties by id), one microsecond apart, so a re-run that fetches the same pages in
    another order keeps its clusters and the earliest-published copy is the canonical. The
    index rows carry that first-seen time; the rows keep their real ``fetched_at``.
    """
    fetched = {row["article_id"]: row["fetched_at"] for row in new_rows}
    if one_run and new_rows:
        start = min(fetched.values())
        order = sorted(
            new_rows, key=lambda r: (r.get("published_at") is None, r.get("published_at") or start, r["article_id"])
        )
        new_rows = [row | {"fetched_at": start + timedelta(microseconds=k)} for k, row in enumerate(order)]
    marked = [row | {"fetched_at": fetched[row["article_id"]]} for row in mark_exact(new_rows, history)]
    fresh = [row for row in marked if row["dup_kind"] is None]
    first_seen = {row["article_id"]: row["fetched_at"] for row in new_rows}
    batch = pa.table(
        {
            "article_id": [row["article_id"] for row in fresh],
            "fetched_at": [first_seen[row["article_id"]] for row in fresh],
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


def relevant_history(history: pa.Table, new_rows: Sequence[Mapping[str, Any]]) -> pa.Table:
    """The rows of ``history`` (``HISTORY_COLUMNS``) that can be an exact match of a new row.

    A vectorised pre-filter, so exact marking does not normalise every URL ever stored: a row
    is kept when its ``content_hash`` or its canonical URL's path (which URL normalisation
    leaves alone) equals a new row's. Every row sharing a key with a new row is kept, so the
    earliest match per key is the same as over the whole history.
    """
    hashes = pa.array({row["content_hash"] for row in new_rows}, pa.string())
    paths = {urlsplit(row["canonical_url"].strip()).path or "/" for row in new_rows if row.get("canonical_url")}
    history_paths = pc.replace_substring_regex(history["canonical_url"], r"^[A-Za-z][A-Za-z0-9+.-]*://[^/?#]*", "")
    history_paths = pc.replace_substring_regex(history_paths, r"[?#].*$", "")
    history_paths = pc.if_else(pc.equal(history_paths, ""), "/", history_paths)
    wanted = pc.or_kleene(
        pc.is_in(history["content_hash"], hashes), pc.is_in(history_paths, pa.array(paths, pa.string()))
    )
    return history.filter(pc.fill_null(wanted, fill_value=False))


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
