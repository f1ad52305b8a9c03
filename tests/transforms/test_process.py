"""A fetch whose body retention dropped is a reject that says so, not an empty page."""

from __future__ import annotations

from typing import cast

from tests.support.delta_rows import fetch_rows
from transforms.process import process_records
from transforms.rows import FetchRow


def fetch(body: bytes | None) -> FetchRow:
    (row,) = fetch_rows("run-1", "alpha", "2026-03-01", 1).drop_columns(["source", "dt"]).to_pylist()
    return cast("FetchRow", row | {"body": body})


def test_a_fetch_whose_body_was_dropped_becomes_a_body_expired_reject() -> None:
    outcome = process_records([fetch(None)], {})
    assert outcome.articles == []
    ((reject),) = outcome.rejects
    assert (reject["reason"], reject["stage"], reject["url"]) == (
        "body_expired",
        "process",
        "https://alpha.example/run-1/0",
    )
    assert "crawl it again" in (reject["detail"] or "")


def test_an_empty_body_is_still_an_empty_page() -> None:
    (reject,) = process_records([fetch(b"")], {}).rejects
    assert reject["reason"] == "empty"
