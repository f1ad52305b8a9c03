"""Exact then near marking together, as the dedup stage applies it to one run after another."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest

from transforms.dedup import mark_duplicates, mark_exact, within_window
from transforms.textnorm import content_hash

FIXTURES = Path(__file__).parents[1] / "fixtures" / "neardup"
DAY1 = datetime(2026, 4, 17, 8, 0, tzinfo=UTC)
DAY2 = DAY1 + timedelta(days=1)


@pytest.fixture(scope="module")
def texts() -> dict[str, str]:
    return {path.stem: path.read_text("utf-8") for path in FIXTURES.glob("*.txt")}


def article(article_id: str, text: str, at: datetime, url: str | None = None) -> dict[str, Any]:
    url = url or f"https://{article_id}.example.cn/a.html"
    return {
        "article_id": article_id,
        "url": url,
        "canonical_url": url,
        "text": text,
        "content_hash": content_hash(text),
        "fetched_at": at,
    }


def by_id(rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {row["article_id"]: row for row in rows}


@pytest.fixture
def day1(texts: dict[str, str]) -> tuple[list[dict[str, Any]], pa.Table]:
    """Day one's rows (original and an unrelated story) and their index rows."""
    marked = mark_duplicates(
        [article("orig", texts["original"], DAY1), article("other", texts["unrelated"], DAY1)], history=[]
    )
    return marked.rows, marked.index_rows


def test_near_copies_of_an_earlier_run_join_its_cluster_and_follow_ups_do_not(
    texts: dict[str, str], day1: tuple[list[dict[str, Any]], pa.Table]
) -> None:
    history, index = day1
    marked = mark_duplicates(
        [
            article("hant", texts["copy_traditional"], DAY2),
            article("trunc", texts["truncated"], DAY2 + timedelta(hours=1)),
            article("follow", texts["followup"], DAY2 + timedelta(hours=2)),
        ],
        history,
        index,
    )
    rows = by_id(marked.rows)
    for copy in ("hant", "trunc"):
        assert (rows[copy]["cluster_id"], rows[copy]["duplicate_of"]) == ("orig", "orig")
        assert (rows[copy]["dup_kind"], rows[copy]["is_canonical"]) == ("near", False)
        assert 0.4 <= rows[copy]["similarity"] < 1.0
    assert rows["follow"]["is_canonical"] and rows["follow"]["cluster_id"] == "follow"
    assert rows["follow"]["dup_kind"] is None and rows["follow"]["similarity"] is None
    assert set(marked.index_rows["article_id"].to_pylist()) == {"hant", "trunc", "follow"}


def test_an_exact_copy_of_a_near_copy_in_the_same_run_joins_the_near_cluster(
    texts: dict[str, str], day1: tuple[list[dict[str, Any]], pa.Table]
) -> None:
    history, index = day1
    marked = mark_duplicates(
        [
            article("hant", texts["copy_traditional"], DAY2),
            article("mirror", texts["copy_traditional"], DAY2 + timedelta(minutes=5)),
        ],
        history,
        index,
    )
    rows = by_id(marked.rows)
    assert (rows["hant"]["cluster_id"], rows["hant"]["dup_kind"]) == ("orig", "near")
    assert (rows["mirror"]["cluster_id"], rows["mirror"]["duplicate_of"]) == ("orig", "hant")
    assert (rows["mirror"]["dup_kind"], rows["mirror"]["similarity"]) == ("exact", 1.0)
    assert marked.index_rows["article_id"].to_pylist() == ["hant"]


def test_an_exact_copy_of_an_earlier_runs_near_copy_joins_the_original_cluster(
    texts: dict[str, str], day1: tuple[list[dict[str, Any]], pa.Table]
) -> None:
    history, index = day1
    day2 = mark_duplicates([article("hant", texts["copy_traditional"], DAY2)], history, index)
    later = DAY2 + timedelta(days=1)
    (row,) = mark_duplicates(
        [article("mirror", texts["copy_traditional"], later)],
        history + day2.rows,
        pa.concat_tables([index, day2.index_rows]),
    ).rows
    assert (row["cluster_id"], row["duplicate_of"], row["dup_kind"]) == ("orig", "hant", "exact")


def test_copies_in_one_batch_have_one_canonical_the_first_seen(texts: dict[str, str]) -> None:
    marked = mark_duplicates(
        [
            article("trunc", texts["truncated"], DAY1 + timedelta(minutes=2)),
            article("orig", texts["original"], DAY1),
            article("hant", texts["copy_traditional"], DAY1 + timedelta(minutes=1)),
            article("follow", texts["followup"], DAY1 + timedelta(minutes=3)),
        ],
        history=[],
    )
    rows = by_id(marked.rows)
    assert [row["article_id"] for row in marked.rows] == ["orig", "hant", "trunc", "follow"]
    assert {rows[a]["cluster_id"] for a in ("orig", "hant", "trunc")} == {"orig"}
    assert [a for a, row in rows.items() if row["is_canonical"]] == ["orig", "follow"]


def test_remarking_an_original_after_its_copies_were_stored_keeps_it_canonical(
    texts: dict[str, str], day1: tuple[list[dict[str, Any]], pa.Table]
) -> None:
    history, index = day1
    day2 = mark_duplicates(
        [
            article("hant", texts["copy_traditional"], DAY2),
            article("same", texts["original"], DAY2, url="https://mirror.example.cn/1.html"),
        ],
        history,
        index,
    )
    assert {row["cluster_id"] for row in day2.rows} == {"orig"}
    again = mark_duplicates(
        [article("orig", texts["original"], DAY1), article("other", texts["unrelated"], DAY1)],
        history=day2.rows,
        index=day2.index_rows,
    )
    assert again.rows == history
    assert again.index_rows.equals(index)


def test_rows_without_canonical_url_or_text_never_match_each_other() -> None:
    rows = mark_exact(
        [
            article("a", "", DAY1) | {"canonical_url": None},
            article("b", "", DAY1 + timedelta(minutes=1)) | {"canonical_url": None},
        ],
        history=[],
    )
    assert [row["is_canonical"] for row in rows] == [True, True]


def test_the_history_window_keeps_recent_and_later_partitions() -> None:
    paths = [f"lake/dedup_index/dt=2026-04-{day:02d}/r{day}.parquet" for day in (1, 10, 14, 20)]
    assert within_window(paths, "2026-04-15", None) == paths
    assert within_window(paths, "2026-04-15", 5) == paths[1:]
    assert within_window(paths, "2026-04-15", 4) == paths[2:]
    assert within_window(paths, "2026-04-15", 0) == paths[3:]
