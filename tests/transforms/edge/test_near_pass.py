"""Exact then near marking together, as the dedup stage applies it to one run after another."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from transforms.dedup import (
    HISTORY_COLUMNS,
    NearMatch,
    mark_exact,
    relevant_history,
    within_window,
)
from transforms.edge.near_pass import NEAR_CHUNK, NearPass, mark_duplicates
from transforms.neardup import signatures
from transforms.textnorm import content_hash

FIXTURES = Path(__file__).parents[2] / "fixtures" / "neardup"
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


def test_exact_marking_against_the_relevant_history_equals_marking_against_all_of_it() -> None:
    def stored(article_id: str, url: str, text: str, at: datetime) -> dict[str, Any]:
        return article(article_id, text, at, url) | {"cluster_id": article_id}

    history = [
        stored("old-url", "HTTPS://WWW.Example.cn:443/a/1.html?utm_source=feed#top", "初版正文。", DAY1),
        stored("old-text", "https://other.example.cn/x.html", "同一篇通稿。", DAY1),
        stored("root", "https://root.example.cn", "首页。", DAY1),
        stored("unrelated", "https://www.example.cn/a/2.html", "另一篇报道。", DAY1),
    ]
    table = pa.Table.from_pylist([{c: row[c] for c in HISTORY_COLUMNS} for row in history])
    new = [
        article("n1", "更新后的正文。", DAY2, "https://www.example.cn/a/1.html"),
        article("n2", "同一篇通稿!", DAY2),
        article("n3", "首页改版。", DAY2, "https://root.example.cn/"),
    ]
    relevant = relevant_history(table, pa.Table.from_pylist(new))
    assert sorted(relevant["article_id"].to_pylist()) == ["old-text", "old-url", "root"]
    assert mark_exact(new, relevant.to_pylist()) == mark_exact(new, history)
    assert [row["duplicate_of"] for row in mark_exact(new, history)] == ["old-url", "old-text", "root"]


def test_inside_one_run_the_earliest_published_copy_is_canonical_whatever_the_fetch_order(
    texts: dict[str, str],
) -> None:
    def fetched(order: list[str]) -> list[dict[str, Any]]:
        stories = {"orig": "original", "hant": "copy_traditional", "trunc": "truncated", "follow": "followup"}
        return [
            article(a, texts[stories[a]], DAY1 + timedelta(seconds=k)) | {"published_at": DAY1 - timedelta(hours=4 - i)}
            for k, a in enumerate(order)
            for i, name in enumerate(stories)
            if name == a
        ]

    one = mark_duplicates(fetched(["trunc", "hant", "follow", "orig"]), history=[], one_run=True)
    two = mark_duplicates(fetched(["orig", "follow", "trunc", "hant"]), history=[], one_run=True)
    clusters = {row["article_id"]: (row["cluster_id"], row["is_canonical"]) for row in one.rows}
    assert clusters == {row["article_id"]: (row["cluster_id"], row["is_canonical"]) for row in two.rows}
    assert clusters == {
        "orig": ("orig", True),
        "hant": ("orig", False),
        "trunc": ("orig", False),
        "follow": ("follow", True),
    }
    assert one.index_rows.sort_by("article_id").equals(two.index_rows.sort_by("article_id"))
    assert {row["article_id"]: row["fetched_at"] for row in one.rows}["orig"] == DAY1 + timedelta(seconds=3)


@pytest.mark.parametrize("chunk", [1, 2, 3])
def test_matching_a_run_a_few_articles_at_a_time_gives_the_clusters_of_one_batch(
    texts: dict[str, str], day1: tuple[list[dict[str, Any]], pa.Table], tmp_path: Path, chunk: int
) -> None:
    _, index = day1
    run = [
        ("follow", "followup"),
        ("hant", "copy_traditional"),
        ("simp", "simplified"),
        ("trunc", "truncated"),
        ("trad", "traditional"),
        ("full", "fullwidth"),
        ("half", "halfwidth"),
    ]

    def matched(size: int, spool: Path) -> tuple[dict[str, NearMatch], pa.Table]:
        spool.mkdir()
        near = NearPass(index, spool, chunk=size)
        for k, (article_id, name) in enumerate(run):
            near.add([article_id], [DAY2 + timedelta(microseconds=k)], signatures([texts[name]]))
        files = near.finish()
        return near.near, pa.concat_tables([pq.read_table(path) for path in files])

    whole, whole_index = matched(NEAR_CHUNK, tmp_path / "whole")
    chunked, chunked_index = matched(chunk, tmp_path / "chunked")
    assert chunked == whole
    assert chunked_index.equals(whole_index)
    assert whole["hant"].cluster_id == whole["trunc"].cluster_id == "orig"
    assert whole["trad"].duplicate_of == "simp" and whole["half"].duplicate_of == "full"
    assert "follow" not in whole
