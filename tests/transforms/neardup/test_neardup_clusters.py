"""Clustering as the dedup stage sees it: batches, history files, canonicals, reruns."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds
import pyarrow.fs as pafs
import pyarrow.parquet as pq
import pytest

from transforms.edge.near_match import match_batch
from transforms.neardup import INDEX_SCHEMA, MATCH_SCHEMA

DAY1 = datetime(2026, 4, 17, 8, 0, tzinfo=UTC)


def batch(rows: list[tuple[str, datetime, str]]) -> pa.Table:
    return pa.table(
        {
            "article_id": [r[0] for r in rows],
            "fetched_at": pa.array([r[1] for r in rows], pa.timestamp("us", tz="UTC")),
            "text": [r[2] for r in rows],
        }
    )


def by_id(table: pa.Table) -> dict[str, dict[str, object]]:
    return {row["article_id"]: row for row in table.to_pylist()}


@pytest.fixture
def first_run(texts: dict[str, str], tmp_path: Path) -> list[str]:
    """Day one: the original and an unrelated story, written as a dt partition."""
    result = match_batch(batch([("orig", DAY1, texts["original"]), ("other", DAY1, texts["unrelated"])]))
    assert result.index_rows.schema.equals(INDEX_SCHEMA)
    path = tmp_path / "dt=2026-04-17" / "part-0.parquet"
    path.parent.mkdir()
    pq.write_table(result.index_rows, path)
    return [str(path)]


def second_batch(texts: dict[str, str]) -> pa.Table:
    later = DAY1 + timedelta(days=1)
    return batch(
        [
            ("follow", later + timedelta(hours=2), texts["followup"]),
            ("copy", later, texts["copy_traditional"]),
            ("trunc", later + timedelta(hours=1), texts["truncated"]),
        ]
    )


def test_copies_join_the_original_across_runs(texts: dict[str, str], first_run: list[str]) -> None:
    result = match_batch(second_batch(texts), first_run)
    assert result.matches.schema.equals(MATCH_SCHEMA)
    rows = by_id(result.matches)
    for copy in ("copy", "trunc"):
        assert rows[copy]["cluster_id"] == "orig"
        assert rows[copy]["dup_kind"] == "near"
        assert rows[copy]["is_canonical"] is False
    assert rows["copy"]["duplicate_of"] == "orig"
    assert rows["trunc"]["similarity"] is not None


def test_follow_up_stays_a_different_story(texts: dict[str, str], first_run: list[str]) -> None:
    rows = by_id(match_batch(second_batch(texts), first_run).matches)
    assert rows["follow"]["cluster_id"] == "follow"
    assert rows["follow"]["is_canonical"] is True
    assert rows["follow"]["duplicate_of"] is None
    assert rows["follow"]["dup_kind"] is None


def test_earliest_in_a_batch_is_the_one_canonical(texts: dict[str, str]) -> None:
    rows = [
        ("late-copy", DAY1 + timedelta(hours=3), texts["copy_traditional"]),
        ("trunc", DAY1 + timedelta(hours=1), texts["truncated"]),
        ("orig", DAY1 + timedelta(hours=2), texts["original"]),
        ("follow", DAY1, texts["followup"]),
    ]
    matches = match_batch(batch(rows)).matches
    clusters = pc.value_counts(matches["cluster_id"]).to_pylist()
    canonicals = matches.filter(matches["is_canonical"])
    assert sorted(canonicals["article_id"].to_pylist()) == sorted(c["values"] for c in clusters)
    got = by_id(matches)
    assert got["orig"]["cluster_id"] == "trunc"  # the truncated copy was seen first
    assert got["late-copy"]["cluster_id"] == "trunc"
    assert got["follow"]["cluster_id"] == "follow"


def test_rerun_gives_the_same_clusters(texts: dict[str, str], first_run: list[str], tmp_path: Path) -> None:
    first = match_batch(second_batch(texts), first_run)
    again = match_batch(second_batch(texts), first_run)
    assert first.matches.equals(again.matches)
    assert first.index_rows.equals(again.index_rows)
    # After this run's own rows reached the index, re-running it still gives the same answer.
    own = tmp_path / "dt=2026-04-18" / "part-0.parquet"
    own.parent.mkdir()
    pq.write_table(first.index_rows, own)
    rerun = match_batch(second_batch(texts), [*first_run, str(own)])
    assert rerun.matches.equals(first.matches)


def test_every_history_form_gives_the_same_answer(texts: dict[str, str], first_run: list[str]) -> None:
    from_files = match_batch(second_batch(texts), first_run)
    from_table = match_batch(second_batch(texts), pq.read_table(first_run[0]))
    from_dataset = match_batch(second_batch(texts), ds.dataset(first_run, format="parquet"))
    # Paths with a filesystem take the Arrow path that S3 uses.
    through_fs = match_batch(second_batch(texts), first_run, filesystem=pafs.LocalFileSystem())
    for other in (from_table, from_dataset, through_fs):
        assert other.matches.equals(from_files.matches)


def test_history_of_another_scheme_is_refused(texts: dict[str, str], first_run: list[str]) -> None:
    stale = pq.read_table(first_run[0])
    stale = stale.set_column(6, "scheme_version", pa.array([0] * stale.num_rows, pa.int16()))
    with pytest.raises(ValueError, match="scheme versions"):
        match_batch(second_batch(texts), stale)


def test_repeated_article_id_is_refused(texts: dict[str, str]) -> None:
    with pytest.raises(ValueError, match="repeats an article_id"):
        match_batch(batch([("a", DAY1, texts["original"]), ("a", DAY1, texts["followup"])]))
