"""Exact then near marking together, as the dedup stage applies it to one run after another."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from transforms.dedup import (
    HISTORY_COLUMNS,
    INDEX_TABLE,
    NearMatch,
    mark_exact,
    relevant_history,
    within_window,
)
from transforms.edge.band_index import BANDS_TABLE, BandTable
from transforms.edge.lake import Lake, open_lake
from transforms.edge.near_pass import NEAR_CHUNK, NearPass
from transforms.edge.stages import EXTRACTED_TABLE, dedup_stage
from transforms.neardup import BANDS, INDEX_SCHEMA, signatures
from transforms.normalise import content_hash
from transforms.schemas import ARTICLES, EXTRACTED

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


def mark_run(lake: Lake, run_id: str, rows: list[dict[str, Any]]) -> tuple[dict[str, dict[str, Any]], list[str]]:
    """Write ``rows`` as a run's extracted articles (published when fetched, unless they say) and
    run the dedup stage over them: the run's article rows by id, and the ids its index holds."""
    full = [
        dict.fromkeys(EXTRACTED.names)
        | {"published_at": row["fetched_at"], "source_id": "wire", "authors": []}
        | row
        | {"run_id": run_id}
        for row in rows
    ]
    dt = full[0]["fetched_at"].date().isoformat()
    lake.commit(EXTRACTED_TABLE, EXTRACTED, {"dt": dt}, run_id, pa.Table.from_pylist(full, schema=EXTRACTED))
    dedup_stage(lake, run_id, dt)
    stored = lake.read(ARTICLES, lake.files("articles", run_id=run_id), run_id=run_id).to_pylist()
    index = lake.read(INDEX_SCHEMA, lake.files(INDEX_TABLE, run_id=run_id), run_id=run_id)
    return {row["article_id"]: row for row in stored}, index["article_id"].to_pylist()


@pytest.fixture
def lake(tmp_path: Path) -> Lake:
    return open_lake(str(tmp_path / "lake"))


@pytest.fixture
def day1(texts: dict[str, str], lake: Lake) -> Lake:
    """The lake after day one's run: an original and an unrelated story."""
    mark_run(lake, "r1", [article("orig", texts["original"], DAY1), article("other", texts["unrelated"], DAY1)])
    return lake


def test_near_copies_of_an_earlier_run_join_its_cluster_and_follow_ups_do_not(
    texts: dict[str, str], day1: Lake
) -> None:
    rows, index = mark_run(
        day1,
        "r2",
        [
            article("hant", texts["copy_traditional"], DAY2),
            article("trunc", texts["truncated"], DAY2 + timedelta(hours=1)),
            article("follow", texts["followup"], DAY2 + timedelta(hours=2)),
        ],
    )
    for copy in ("hant", "trunc"):
        assert (rows[copy]["cluster_id"], rows[copy]["duplicate_of"]) == ("orig", "orig")
        assert (rows[copy]["dup_kind"], rows[copy]["is_canonical"]) == ("near", False)
        assert 0.4 <= rows[copy]["similarity"] < 1.0
    assert rows["follow"]["is_canonical"] and rows["follow"]["cluster_id"] == "follow"
    assert rows["follow"]["dup_kind"] is None and rows["follow"]["similarity"] is None
    assert set(index) == {"hant", "trunc", "follow"}


def test_an_exact_copy_of_a_near_copy_in_the_same_run_joins_the_near_cluster(texts: dict[str, str], day1: Lake) -> None:
    rows, index = mark_run(
        day1,
        "r2",
        [
            article("hant", texts["copy_traditional"], DAY2),
            article("mirror", texts["copy_traditional"], DAY2 + timedelta(minutes=5)),
        ],
    )
    assert (rows["hant"]["cluster_id"], rows["hant"]["dup_kind"]) == ("orig", "near")
    assert (rows["mirror"]["cluster_id"], rows["mirror"]["duplicate_of"]) == ("orig", "hant")
    assert (rows["mirror"]["dup_kind"], rows["mirror"]["similarity"]) == ("exact", 1.0)
    assert index == ["hant"]


def test_an_exact_copy_of_an_earlier_runs_near_copy_joins_the_original_cluster(
    texts: dict[str, str], day1: Lake
) -> None:
    mark_run(day1, "r2", [article("hant", texts["copy_traditional"], DAY2)])
    rows, _ = mark_run(day1, "r3", [article("mirror", texts["copy_traditional"], DAY2 + timedelta(days=1))])
    assert (rows["mirror"]["cluster_id"], rows["mirror"]["duplicate_of"], rows["mirror"]["dup_kind"]) == (
        "orig",
        "hant",
        "exact",
    )


def test_copies_in_one_batch_have_one_canonical_the_first_seen(texts: dict[str, str], lake: Lake) -> None:
    rows, _ = mark_run(
        lake,
        "r1",
        [
            article("trunc", texts["truncated"], DAY1 + timedelta(minutes=2)),
            article("orig", texts["original"], DAY1),
            article("hant", texts["copy_traditional"], DAY1 + timedelta(minutes=1)),
            article("follow", texts["followup"], DAY1 + timedelta(minutes=3)),
        ],
    )
    assert {rows[a]["cluster_id"] for a in ("orig", "hant", "trunc")} == {"orig"}
    assert sorted(a for a, row in rows.items() if row["is_canonical"]) == ["follow", "orig"]


def test_remarking_an_original_after_its_copies_were_stored_keeps_it_canonical(
    texts: dict[str, str], day1: Lake
) -> None:
    first = day1.read(ARTICLES, day1.files("articles", run_id="r1")).to_pylist()
    index = day1.read(INDEX_SCHEMA, day1.files(INDEX_TABLE, run_id="r1"))
    day2, _ = mark_run(
        day1,
        "r2",
        [
            article("hant", texts["copy_traditional"], DAY2),
            article("same", texts["original"], DAY2, url="https://mirror.example.cn/1.html"),
        ],
    )
    assert {row["cluster_id"] for row in day2.values()} == {"orig"}
    dedup_stage(day1, "r1", DAY1.date().isoformat())
    assert day1.read(ARTICLES, day1.files("articles", run_id="r1")).to_pylist() == first
    assert day1.read(INDEX_SCHEMA, day1.files(INDEX_TABLE, run_id="r1")).equals(index)


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
    texts: dict[str, str], tmp_path: Path
) -> None:
    def fetched(order: list[str]) -> list[dict[str, Any]]:
        stories = {"orig": "original", "hant": "copy_traditional", "trunc": "truncated", "follow": "followup"}
        return [
            article(a, texts[stories[a]], DAY1 + timedelta(seconds=k)) | {"published_at": DAY1 - timedelta(hours=4 - i)}
            for k, a in enumerate(order)
            for i, name in enumerate(stories)
            if name == a
        ]

    one, one_index = mark_run(open_lake(str(tmp_path / "one")), "r1", fetched(["trunc", "hant", "follow", "orig"]))
    two, two_index = mark_run(open_lake(str(tmp_path / "two")), "r1", fetched(["orig", "follow", "trunc", "hant"]))
    clusters = {article_id: (row["cluster_id"], row["is_canonical"]) for article_id, row in one.items()}
    assert clusters == {article_id: (row["cluster_id"], row["is_canonical"]) for article_id, row in two.items()}
    assert clusters == {
        "orig": ("orig", True),
        "hant": ("orig", False),
        "trunc": ("orig", False),
        "follow": ("follow", True),
    }
    assert sorted(one_index) == sorted(two_index)
    assert one["orig"]["fetched_at"] == DAY1 + timedelta(seconds=3)


@pytest.mark.parametrize("chunk", [1, 2, 3])
def test_matching_a_run_a_few_articles_at_a_time_gives_the_clusters_of_one_batch(
    texts: dict[str, str], day1: Lake, tmp_path: Path, chunk: int
) -> None:
    index = day1.read(INDEX_SCHEMA, day1.files(INDEX_TABLE))
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


def _band_rows(lake: Lake) -> list[dict[str, Any]]:
    table = BandTable(lake.table_uri(BANDS_TABLE)).table()
    assert table is not None
    return table.to_pyarrow_table(columns=["run_id", "entry"]).to_pylist()


def test_each_run_commits_its_band_entries_once_and_a_rerun_replaces_them(texts: dict[str, str], day1: Lake) -> None:
    copies = [article("hant", texts["copy_traditional"], DAY2), article("follow", texts["followup"], DAY2)]
    mark_run(day1, "r2", copies)
    first = _band_rows(day1)
    assert sorted({row["run_id"] for row in first}) == ["r1", "r2"]
    assert len(first) == BANDS * 4  # two articles per run, a band key each per band
    rows, _ = mark_run(day1, "r2", copies)
    assert sorted(_band_rows(day1), key=str) == sorted(first, key=str)
    assert rows["hant"]["cluster_id"] == "orig"


def test_a_lake_written_before_the_band_index_gets_it_built_from_its_index_rows(
    texts: dict[str, str], day1: Lake
) -> None:
    shutil.rmtree(day1.table_uri(BANDS_TABLE))  # as a lake from before the band index
    rows, _ = mark_run(day1, "r2", [article("hant", texts["copy_traditional"], DAY2)])
    assert (rows["hant"]["cluster_id"], rows["hant"]["dup_kind"]) == ("orig", "near")
    assert sorted({row["run_id"] for row in _band_rows(day1)}) == ["r1", "r2"]
