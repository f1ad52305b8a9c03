"""The dedup stage over a lake, a folder or S3: the index table, history across runs, reruns."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pyarrow as pa
import pytest

from transforms.dedup import INDEX_TABLE
from transforms.edge import near_pass
from transforms.edge.lake import Lake, open_lake
from transforms.edge.stages import EXTRACTED_TABLE, dedup_stage
from transforms.neardup import INDEX_SCHEMA
from transforms.normalise import content_hash
from transforms.schemas import ARTICLES, EXTRACTED

FIXTURES = Path(__file__).parents[2] / "fixtures" / "neardup"
DAY1 = datetime(2026, 4, 17, 8, 0, tzinfo=UTC)


def text(name: str) -> str:
    return (FIXTURES / f"{name}.txt").read_text("utf-8")


def extracted(lake: Lake, run_id: str, dt: str, stories: list[tuple[str, str, datetime]]) -> None:
    """Write a run's extracted articles as the process stage would."""
    rows = [
        {
            "article_id": f"{run_id}-{source}",
            "url": f"https://{source}.example.cn/{name}.html",
            "canonical_url": f"https://{source}.example.cn/{name}.html",
            "source_id": source,
            "text": text(name),
            "fetched_at": at,
            "content_hash": content_hash(text(name)),
            "run_id": run_id,
        }
        for source, name, at in stories
    ]
    lake.commit(EXTRACTED_TABLE, EXTRACTED, {"dt": dt}, run_id, pa.Table.from_pylist(rows, schema=EXTRACTED))


def clusters(lake: Lake) -> dict[str, tuple[str, bool, str | None]]:
    rows = lake.read(ARTICLES, lake.files("articles")).to_pylist()
    return {row["article_id"]: (row["cluster_id"], row["is_canonical"], row["dup_kind"]) for row in rows}


@pytest.fixture(params=["folder", pytest.param("s3", marks=pytest.mark.s3)])
def lake(request: pytest.FixtureRequest, tmp_path: Path) -> Lake:
    if request.param == "folder":
        return open_lake(str(tmp_path / "lake"))
    return open_lake(request.getfixturevalue("s3_lake"))


def test_copies_in_a_later_run_join_the_first_runs_clusters_and_reruns_change_nothing(lake: Lake) -> None:
    extracted(lake, "r1", "2026-04-17", [("wire", "original", DAY1), ("other", "unrelated", DAY1)])
    first = dedup_stage(lake, "r1", "2026-04-17")
    assert first.counts == {"articles": 2, "duplicates": 0, "near": 0, "clusters": 2}
    day2 = DAY1 + timedelta(days=1)
    extracted(
        lake,
        "r2",
        "2026-04-18",
        [
            ("hk", "copy_traditional", day2),
            ("portal", "truncated", day2 + timedelta(minutes=1)),
            ("mirror", "copy_traditional", day2 + timedelta(minutes=2)),
            ("wire", "followup", day2 + timedelta(minutes=3)),
        ],
    )
    second = dedup_stage(lake, "r2", "2026-04-18")
    assert second.counts == {"articles": 4, "duplicates": 3, "near": 2, "clusters": 2}
    index_files = lake.files(INDEX_TABLE)
    assert [path.rsplit("/", 2)[-2] for path in index_files] == ["dt=2026-04-17", "dt=2026-04-18"]
    index = lake.read(INDEX_SCHEMA, index_files)
    assert sorted(index["article_id"].to_pylist()) == ["r1-other", "r1-wire", "r2-hk", "r2-portal", "r2-wire"]
    assert clusters(lake) == {
        "r1-wire": ("r1-wire", True, None),
        "r1-other": ("r1-other", True, None),
        "r2-hk": ("r1-wire", False, "near"),
        "r2-portal": ("r1-wire", False, "near"),
        "r2-mirror": ("r1-wire", False, "exact"),
        "r2-wire": ("r2-wire", True, None),
    }
    before = clusters(lake)
    assert dedup_stage(lake, "r2", "2026-04-18").counts == second.counts
    assert dedup_stage(lake, "r1", "2026-04-17").counts == first.counts
    assert clusters(lake) == before
    assert len(lake.files(INDEX_TABLE)) == 2


def test_a_history_window_leaves_older_runs_out(tmp_path: Path) -> None:
    lake = open_lake(str(tmp_path / "lake"))
    extracted(lake, "r1", "2026-04-01", [("wire", "original", DAY1 - timedelta(days=16))])
    dedup_stage(lake, "r1", "2026-04-01")
    extracted(lake, "r2", "2026-04-17", [("hk", "copy_traditional", DAY1)])
    assert dedup_stage(lake, "r2", "2026-04-17", history_days=7).counts["duplicates"] == 0
    assert dedup_stage(lake, "r2", "2026-04-17").counts["duplicates"] == 1


def test_a_run_without_articles_commits_no_rows(tmp_path: Path) -> None:
    lake = open_lake(str(tmp_path / "lake"))
    result = dedup_stage(lake, "r1", "2026-04-17")
    assert result.counts == {"articles": 0, "duplicates": 0, "near": 0, "clusters": 0}
    assert lake.delta(INDEX_TABLE) is not None
    assert lake.read(INDEX_SCHEMA, lake.files(INDEX_TABLE)).num_rows == 0


def test_a_large_run_streamed_a_chunk_at_a_time_gets_the_clusters_of_matching_it_in_one_chunk(
    lake: Lake, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Hundreds of articles fetched in an order unrelated to publication, some undated, copies
    of an earlier run's story, a page fetched twice; matched 64 at a time against the earlier
    run's index (in the lake) and the run's own earlier chunks (spooled locally)."""
    extracted(lake, "r1", "2026-04-16", [("wire", "original", DAY1 - timedelta(days=1))])
    dedup_stage(lake, "r1", "2026-04-16")
    rng = random.Random(8)  # noqa: S311 - test data
    alphabet = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面"
    rows = []
    for k in range(700):
        if k % 50 < 4:  # copies of the stories, each with its own editor's note: near copies
            body = text(["original", "copy_traditional", "truncated", "followup"][k % 4]) + f"\n（编号{k}）"
        elif k % 50 == 4:  # the same wire text again: exact copies
            body = text("unrelated")
        else:
            body = "".join(rng.choices(alphabet, k=400))
        published = None if k % 7 == 0 else DAY1 - timedelta(minutes=rng.randrange(10_000))
        rows.append(
            {
                "article_id": f"r2-{k:04d}",
                "url": f"https://s{k % 9}.example.cn/{k}.html",
                "canonical_url": f"https://s{k % 9}.example.cn/{k}.html",
                "source_id": f"s{k % 9}",
                "text": body,
                "published_at": published,
                "fetched_at": DAY1 + timedelta(seconds=rng.randrange(3_600)),
                "content_hash": content_hash(body),
                "run_id": "r2",
            }
        )
    rows.append(rows[10] | {"fetched_at": DAY1 + timedelta(hours=2)})  # reached again through a redirect
    lake.commit(EXTRACTED_TABLE, EXTRACTED, {"dt": "2026-04-17"}, "r2", pa.Table.from_pylist(rows, schema=EXTRACTED))
    dedup_stage(lake, "r2", "2026-04-17")  # all 701 in one chunk
    expected = lake.read(ARTICLES, lake.files("articles", run_id="r2"), run_id="r2").to_pylist()
    expected_index = lake.read(INDEX_SCHEMA, lake.files(INDEX_TABLE, run_id="r2"), run_id="r2")

    monkeypatch.setattr(near_pass, "NEAR_CHUNK", 64)
    result = dedup_stage(lake, "r2", "2026-04-17")

    columns = ["article_id", "cluster_id", "is_canonical", "duplicate_of", "dup_kind", "similarity"]
    stored = lake.read(ARTICLES, lake.files("articles", run_id="r2"), run_id="r2").to_pylist()
    assert sorted(tuple(row[c] for c in columns) for row in stored) == sorted(
        tuple(row[c] for c in columns) for row in expected
    )
    r2_index = lake.read(INDEX_SCHEMA, lake.files(INDEX_TABLE, run_id="r2"), run_id="r2")
    assert r2_index.sort_by("article_id").equals(expected_index.sort_by("article_id"))
    twice = sorted((row["is_canonical"], row["dup_kind"]) for row in stored if row["article_id"] == "r2-0010")
    assert twice == [(False, "exact"), (True, None)]
    kinds = [row["dup_kind"] for row in expected]
    assert result.counts == {
        "articles": 701,
        "duplicates": kinds.count("exact") + kinds.count("near"),
        "near": kinds.count("near"),
        "clusters": len({row["cluster_id"] for row in expected}),
    }
    assert kinds.count("exact") >= 14 and kinds.count("near") >= 30
    assert {row["cluster_id"] for row in stored if row["text"].startswith(text("original")[:50])} == {"r1-wire"}
