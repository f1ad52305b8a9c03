"""Duplicate marking: every article row gets a cluster, and exactly one row per cluster is canonical.

Rows are marked, never dropped, so analysts can count how far a story travelled. Two passes:

1. :func:`mark_exact`: a new article joins the cluster of the earliest article, from any
   earlier run or earlier in this run, with the same canonical URL or the same normalised
   text ('exact', similarity 1.0).
2. Near marking (:mod:`transforms.edge.near_pass`) then matches the articles that are not exact copies with
   :mod:`transforms.neardup` against the dedup index of earlier runs and against each other
   ('near'): a copy joins the cluster of its best earlier match, never chaining further.
   Exact copies of an article that turned out to be a near copy follow it into its cluster.

"Earlier" is always the order ``(fetched_at, article_id)``, in both passes (inside one crawl
run, publication order: see :func:`first_seen_positions`), so re-running a run, even after later
runs have landed, gives the same clusters. Clusters are keyed by their first-seen article,
so a cluster id never changes when later copies arrive.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TypeVar

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc
import xxhash

from transforms.layout import partition_values
from transforms.normalise import content_hash
from transforms.rows import ArticleRow, ClusterColumns, ExactKeyRow, HistoryRow, StoredArticleRow
from transforms.urls import normalise_url

HISTORY_COLUMNS = ["article_id", "canonical_url", "content_hash", "cluster_id", "fetched_at"]
"""What exact marking reads of earlier articles (never the text)."""

INDEX_TABLE = "dedup_index"
"""The lake table holding each run's near-duplicate index rows (``transforms.neardup.INDEX_SCHEMA``)."""

SIGN_BATCH = 256
"""Texts signed together: enough for numpy to pay off, few enough to hold in memory."""

_EMPTY_TEXT = content_hash("")

Keyed = TypeVar("Keyed", bound=ExactKeyRow)


@dataclass(frozen=True, slots=True)
class Match:
    """The earlier article a new one duplicates, and the cluster it joins."""

    article_id: str
    cluster_id: str


@dataclass(frozen=True, slots=True)
class NearMatch:
    """A near copy: the cluster it joins, its best earlier match and their estimated Jaccard."""

    cluster_id: str
    duplicate_of: str
    similarity: float


class ExactKeys:
    """The first registered article per canonical URL and per text.

    Keys are 64-bit hashes, so a run of 100,000 articles keeps ~30 MB here; two different
    URLs or texts share a key with probability ~N²/2⁶⁵ (3e-10 at 100,000).
    """

    def __init__(self) -> None:
        self._by_url: dict[int, Match] = {}
        self._by_text: dict[int, Match] = {}

    @staticmethod
    def keys(row: ExactKeyRow) -> tuple[int | None, int | None]:
        """The URL key (normalised canonical URL) and text key (content hash) of a row, if any."""
        url = row.get("canonical_url")
        text = row.get("content_hash")
        url_key = xxhash.xxh3_64_intdigest(normalise_url(url).encode()) if url else None
        text_key = xxhash.xxh3_64_intdigest(text.encode()) if text and text != _EMPTY_TEXT else None
        return url_key, text_key

    def find(self, url_key: int | None, text_key: int | None) -> Match | None:
        """The first article registered under the URL key, else under the text key."""
        found = self._by_url.get(url_key) if url_key is not None else None
        return found or (self._by_text.get(text_key) if text_key is not None else None)

    def register(self, url_key: int | None, text_key: int | None, match: Match) -> None:
        """Register ``match`` under both keys unless an earlier article holds them."""
        if url_key is not None:
            self._by_url.setdefault(url_key, match)
        if text_key is not None:
            self._by_text.setdefault(text_key, match)


def exact_copies(new_rows: Iterable[Keyed], history: Iterable[HistoryRow]) -> Iterator[tuple[Keyed, Match | None]]:
    """Each new row with the earlier article it copies exactly, or None when it is first seen.

    ``new_rows`` must come in ``(fetched_at, article_id)`` order; they are consumed lazily, so
    a run can stream through. Only history rows earlier than a new row can be its match, so an
    original re-marked after its copies were stored stays canonical. Rows without a canonical
    URL match by text only; empty texts never match by text. A copy registers nothing: a later
    row that shares a key only with the copy is not a copy of it.
    """
    seen = ExactKeys()
    stored = sorted(history, key=lambda row: (row["fetched_at"], row["article_id"]))
    # One stream of events in first-seen order; ties put the stored row first. Each carries the
    # keys, the new row (None for a stored one) and the cluster a stored row registers under.
    stored_events: Iterator[tuple[datetime, str, bool, ExactKeyRow, Keyed | None, str]] = (
        (row["fetched_at"], row["article_id"], False, row, None, row["cluster_id"] or row["article_id"])
        for row in stored
    )
    new_events: Iterator[tuple[datetime, str, bool, ExactKeyRow, Keyed | None, str]] = (
        (row["fetched_at"], row["article_id"], True, row, row, row["article_id"]) for row in new_rows
    )
    for _, article_id, _, keyed, new, cluster_id in heapq.merge(stored_events, new_events, key=lambda e: e[:3]):
        url_key, text_key = ExactKeys.keys(keyed)
        if new is None:
            seen.register(url_key, text_key, Match(article_id, cluster_id))
            continue
        earlier = seen.find(url_key, text_key)
        if earlier is None:
            seen.register(url_key, text_key, Match(article_id, article_id))
        yield new, earlier


def mark_exact(new_rows: list[ArticleRow], history: Iterable[HistoryRow]) -> list[StoredArticleRow]:
    """Return ``new_rows`` (first-seen order) with cluster columns filled against ``history``."""
    ordered = sorted(new_rows, key=lambda row: (row["fetched_at"], row["article_id"]))
    return [{**row, **exact_columns(row["article_id"], match)} for row, match in exact_copies(ordered, history)]


def exact_columns(article_id: str, match: Match | None) -> ClusterColumns:
    """Cluster columns of a row that is first seen (``match`` None) or an exact copy."""
    if match is None:
        return _cluster(article_id, canonical=True)
    return _cluster(match.cluster_id, canonical=False, of=match.article_id)


def near_columns(match: NearMatch) -> ClusterColumns:
    """Cluster columns of a near copy."""
    return _cluster(match.cluster_id, canonical=False, of=match.duplicate_of, kind="near", similarity=match.similarity)


def first_seen_positions(keys: pa.Table) -> npt.NDArray[np.int64]:
    """Row positions of one crawl run's articles in first-seen order: publication order (undated
    last), ties by id.

    A run's fetch order is an accident of concurrency; ordering by publication means a re-run
    that fetches the same pages in another order keeps its clusters, and the earliest-published
    copy is the canonical.
    """
    sort_keys = [("published_at", "ascending", "at_end"), ("article_id", "ascending", "at_end")]
    indices = pc.sort_indices(keys, options=pc.SortOptions(sort_keys))
    return np.asarray(indices.to_numpy(), dtype=np.int64)


def cluster_columns(article_id: str, match: Match | None, near: Mapping[str, NearMatch]) -> ClusterColumns:
    """A row's cluster columns from the two passes: its exact ``match`` (None when first seen)
    and the run's near copies.

    An exact copy of an article of this run that turned out to be a near copy follows it
    into its cluster (it still names the article it copies as ``duplicate_of``).
    """
    if match is None and article_id in near:
        return near_columns(near[article_id])
    columns = exact_columns(article_id, match)
    if match is not None and match.article_id in near:
        columns["cluster_id"] = near[match.article_id].cluster_id
    return columns


def relevant_history(history: pa.Table, new: pa.Table) -> pa.Table:
    """The rows of ``history`` (``HISTORY_COLUMNS``) that can be an exact match of a ``new`` row.

    A vectorised pre-filter, so exact marking does not normalise every URL ever stored: a row
    is kept when its ``content_hash`` or its canonical URL's path (which URL normalisation
    leaves alone) equals a new row's. Every row sharing a key with a new row is kept, so the
    earliest match per key is the same as over the whole history.
    """
    if history.num_rows == 0:
        return history
    hashes = pc.unique(new["content_hash"])
    paths = pc.unique(_url_paths(new["canonical_url"]))
    wanted = pc.or_kleene(
        pc.is_in(history["content_hash"], hashes), pc.is_in(_url_paths(history["canonical_url"]), paths)
    )
    return history.filter(pc.fill_null(wanted, fill_value=False))


def _url_paths(urls: pa.ChunkedArray) -> pa.ChunkedArray:
    """The path of each URL ("/" when empty), null for a missing URL."""
    paths = pc.replace_substring_regex(pc.utf8_trim_whitespace(urls), r"^[A-Za-z][A-Za-z0-9+.-]*://[^/?#]*", "")
    paths = pc.replace_substring_regex(paths, r"[?#].*$", "")
    return pc.if_else(pc.equal(paths, ""), "/", paths)


def within_window(paths: Sequence[str], dt: str, days: int | None) -> list[str]:
    """The files whose ``dt=`` partition is at most ``days`` before ``dt`` (all when ``days`` is None).

    Later partitions stay in: matching ignores rows later than a new article anyway, and a
    reprocessed old run must see what it saw the first time.
    """
    if days is None:
        return list(paths)
    start = (date.fromisoformat(dt) - timedelta(days=days)).isoformat()
    return [path for path in paths if partition_values(path).get("dt", start) >= start]


def _cluster(
    cluster_id: str, *, canonical: bool, of: str | None = None, kind: str = "exact", similarity: float = 1.0
) -> ClusterColumns:
    return {
        "cluster_id": cluster_id,
        "is_canonical": canonical,
        "duplicate_of": of,
        "dup_kind": None if canonical else kind,
        "similarity": None if canonical else similarity,
    }
