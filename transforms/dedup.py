"""Duplicate marking: every article row gets a cluster, and exactly one row per cluster is canonical.

Rows are marked, never dropped, so analysts can count how far a story travelled. A new
article joins the cluster of the earliest article, from any earlier run or earlier in this
run, with the same canonical URL or the same normalised text ('exact'). Clusters are keyed by
their first-seen article, so a cluster id never changes when later copies arrive.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from transforms.urls import normalise_url

HISTORY_COLUMNS = ["article_id", "canonical_url", "content_hash", "cluster_id", "fetched_at"]


@dataclass(frozen=True)
class Match:
    """The earlier article a new one duplicates."""

    article_id: str
    cluster_id: str


def mark_exact(new_rows: list[dict[str, Any]], history: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Return ``new_rows`` (first-seen order) with cluster columns filled against ``history``."""
    by_url: dict[str, Match] = {}
    by_text: dict[str, Match] = {}
    for row in sorted(history, key=lambda r: (r["fetched_at"], r["article_id"])):
        match = Match(row["article_id"], row["cluster_id"] or row["article_id"])
        by_url.setdefault(normalise_url(row["canonical_url"]), match)
        by_text.setdefault(row["content_hash"], match)
    marked: list[dict[str, Any]] = []
    for row in sorted(new_rows, key=lambda r: (r["fetched_at"], r["url"], r["article_id"])):
        url_key = normalise_url(row["canonical_url"])
        earlier = by_url.get(url_key) or by_text.get(row["content_hash"])
        if earlier is None:
            own = Match(row["article_id"], row["article_id"])
            marked.append(row | _cluster(own.cluster_id, canonical=True))
            by_url.setdefault(url_key, own)
            by_text.setdefault(row["content_hash"], own)
        else:
            marked.append(row | _cluster(earlier.cluster_id, canonical=False, of=earlier.article_id))
    return marked


def _cluster(cluster_id: str, *, canonical: bool, of: str | None = None) -> dict[str, Any]:
    return {
        "cluster_id": cluster_id,
        "is_canonical": canonical,
        "duplicate_of": of,
        "dup_kind": None if canonical else "exact",
        "similarity": None if canonical else 1.0,
    }
