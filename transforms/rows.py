"""The rows of the lake's tables as types: a fetch, an extracted article, its cluster columns, a reject, a run.

Each mirrors its Arrow schema in :mod:`transforms.schemas` column for column (a test checks),
so a missing or misspelt column is a type error where the row is built, not an Arrow cast
failure at write time.
"""

from __future__ import annotations

from datetime import datetime
from typing import TypedDict


class Header(TypedDict):
    """One HTTP response header, in the order the server sent it."""

    name: str
    value: str


class FetchRow(TypedDict):
    """A ``fetches`` row: one HTTP response (byte-exact) or fetch failure."""

    url: str
    final_url: str | None
    redirect_urls: list[str] | None
    role: str
    status: int | None
    error: str | None
    error_detail: str | None
    headers: list[Header] | None
    body: bytes | None
    content_type: str | None
    declared_encoding: str | None
    used_encoding: str | None
    hints: list[tuple[str, str]] | dict[str, str] | None
    fetched_at: datetime
    source_id: str
    source_ids: list[str] | None  # every source that found the URL; null in fetches before schema version 3
    run_id: str


class ArticleRow(TypedDict):
    """An extracted ``articles`` row before dedup adds its cluster columns."""

    article_id: str
    url: str
    canonical_url: str
    source_id: str
    source_ids: list[str]
    title: str | None
    text: str
    published_at: datetime | None
    published_offset: str | None
    date_source: str | None
    timezone_inferred: bool | None
    modified_at: datetime | None
    authors: list[str]
    credited_source: str | None
    editor: str | None
    language: str | None
    site_name: str | None
    image_url: str | None
    source_rules: list[tuple[str, str]] | None
    """Which of the source's ``extract:`` rules gave which field (field, rule)."""
    fetched_at: datetime
    content_hash: str
    run_id: str


class ClusterColumns(TypedDict):
    """The columns dedup adds to an extracted article: its cluster and what it copies."""

    cluster_id: str
    is_canonical: bool
    duplicate_of: str | None
    dup_kind: str | None
    similarity: float | None


class StoredArticleRow(ArticleRow, ClusterColumns):
    """An ``articles`` row as stored: the extracted row with its cluster columns (the table
    puts ``run_id`` last; a TypedDict's keys cannot be reordered by inheritance, so only the
    set of columns is the same)."""


class ExactKeyRow(TypedDict):
    """What exact marking needs of an article: its id, its first-seen time and its two keys.

    A projection of the ``articles`` columns, never the text, so a run's keys fit in memory.
    """

    article_id: str
    canonical_url: str
    content_hash: str
    fetched_at: datetime


class HistoryRow(ExactKeyRow):
    """An earlier stored article as exact marking reads it (``transforms.dedup.HISTORY_COLUMNS``)."""

    cluster_id: str


class RejectRow(TypedDict):
    """A ``rejects`` row: a URL that did not become an article, and why."""

    url: str
    source_id: str
    source_ids: list[str]
    stage: str
    reason: str
    detail: str
    http_status: int | None
    fetched_at: datetime
    run_id: str


class RunRow(TypedDict):
    """A ``runs`` row: one run and source, its counts, times and versions."""

    run_id: str
    source_id: str
    discovered: int
    fetched: int
    seen_before: int
    articles: int
    rejects: int
    rejects_by_reason: list[tuple[str, int]]
    duplicates: int
    started_at: datetime
    finished_at: datetime
    stage_seconds: list[tuple[str, float]]
    newslake_version: str
    extractor_version: str


def reject_row(
    url: str,
    source_id: str,
    stage: str,
    reason: str,
    detail: str,
    *,
    http_status: int | None,
    fetched_at: datetime,
    run_id: str,
    source_ids: list[str] | None = None,
) -> RejectRow:
    """The one place a reject row is built (``source_ids``: every source that found the URL, default the one)."""
    return {
        "url": url,
        "source_id": source_id,
        "source_ids": list(source_ids or [source_id]),
        "stage": stage,
        "reason": reason,
        "detail": detail,
        "http_status": http_status,
        "fetched_at": fetched_at,
        "run_id": run_id,
    }
