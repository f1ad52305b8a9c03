"""The typed rows and the Arrow schemas describe the same tables, column for column."""

from __future__ import annotations

from datetime import UTC, datetime

import pyarrow as pa
import pytest

from transforms.dedup import HISTORY_COLUMNS, mark_exact
from transforms.recency import split_by_date
from transforms.rows import ArticleRow, FetchRow, HistoryRow, RejectRow, StoredArticleRow
from transforms.schemas import ARTICLES, EXTRACTED, FETCHES, REJECTS


@pytest.mark.parametrize(
    ("row", "schema"),
    [(FetchRow, FETCHES), (ArticleRow, EXTRACTED), (RejectRow, REJECTS)],
    ids=["fetch", "article", "reject"],
)
def test_each_row_type_has_exactly_its_tables_columns_in_order(row: type, schema: pa.Schema) -> None:
    assert list(row.__annotations__) == schema.names


def test_a_reject_row_built_by_the_core_writes_under_the_rejects_schema() -> None:
    at = datetime(2026, 4, 17, tzinfo=UTC)
    article = dict.fromkeys(EXTRACTED.names) | {
        "url": "https://example.com/a",
        "source_id": "wire",
        "published_at": datetime(2026, 4, 1, tzinfo=UTC),
        "fetched_at": at,
        "run_id": "r1",
        "authors": [],
    }
    kept, rejects = split_by_date([article], datetime(2026, 4, 10, tzinfo=UTC).date())  # type: ignore[list-item]
    assert kept == []
    table = pa.Table.from_pylist(list(rejects), schema=REJECTS)
    assert table.to_pylist()[0]["reason"] == "too_old"
    assert set(rejects[0]) == set(REJECTS.names)


def test_a_stored_article_row_has_exactly_the_articles_tables_columns() -> None:
    assert sorted(StoredArticleRow.__annotations__) == sorted(ARTICLES.names)


def test_the_history_row_is_what_exact_marking_reads_of_stored_articles() -> None:
    assert sorted(HistoryRow.__annotations__) == sorted(HISTORY_COLUMNS)
    assert set(HISTORY_COLUMNS) <= set(ARTICLES.names)


def test_exact_marking_returns_rows_that_write_under_the_articles_schema() -> None:
    at = datetime(2026, 4, 17, tzinfo=UTC)
    article = dict.fromkeys(EXTRACTED.names) | {
        "article_id": "a1",
        "url": "https://example.com/a",
        "canonical_url": "https://example.com/a",
        "source_id": "wire",
        "source_ids": ["wire"],
        "text": "正文。",
        "content_hash": "h",
        "fetched_at": at,
        "run_id": "r1",
        "authors": [],
    }
    (row,) = mark_exact([article], history=[])  # type: ignore[list-item]
    table = pa.Table.from_pylist([row], schema=ARTICLES)
    assert table.to_pylist()[0]["cluster_id"] == "a1"
    assert set(row) == set(ARTICLES.names)
