"""The typed rows and the Arrow schemas describe the same tables, column for column."""

from __future__ import annotations

from datetime import UTC, datetime

import pyarrow as pa
import pytest

from transforms.recency import split_by_date
from transforms.rows import ArticleRow, FetchRow, RejectRow
from transforms.schemas import EXTRACTED, FETCHES, REJECTS


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
