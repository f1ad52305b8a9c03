"""The lake-format comparison measures what it says: exact rows, compaction seen by a reader, retention."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.lake_formats import trials
from bench.lake_formats.formats import PlainParquet
from bench.lake_formats.rows import Shape

pytestmark = pytest.mark.slow  # each test writes a small lake in several layouts; ~10 s apiece on 2 cores

SHAPE = Shape(sources=2, fetches_per_source=2, articles=3, days=2, runs_per_day=2, body_bytes=2_000, text_bytes=500)


@pytest.mark.parametrize("kind", ["parquet", "delta"])
def test_runs_and_a_rerun_leave_exactly_the_rows_written(kind: str, tmp_path: Path) -> None:
    written = trials.writes(kind, tmp_path, SHAPE)
    assert written["rows_ok"]
    assert written["rows"] == {"fetches": 16, "articles": 12, "runs": 8}
    assert written["files"]["fetches"] == 8  # a file per run and source before compaction


def test_plain_parquet_compaction_shows_a_reader_duplicates_between_its_two_steps(tmp_path: Path) -> None:
    trials.writes("parquet", tmp_path, SHAPE)
    layout = PlainParquet(tmp_path / "parquet")
    seen: list[tuple[int, int]] = []

    def read_between() -> None:
        urls = layout.read("fetches", ["url"])["url"]
        seen.append((len(urls), len(set(urls.to_pylist()))))

    layout.compact_day("fetches", "2026-11-01", between=read_between)
    assert seen[0] == (16 + 4, 16)  # the first partition's merged file and its originals, side by side
    assert layout.read("fetches", ["url"]).num_rows == 16


def test_delta_compaction_is_one_commit_a_looping_reader_never_sees_half_of(tmp_path: Path) -> None:
    trials.writes("delta", tmp_path, SHAPE)
    outcome = trials.compaction("delta", tmp_path, SHAPE)
    assert (outcome["files_before"], outcome["files_after"]) == (4, 2)
    assert outcome["reader"]["reads"] > 0
    assert outcome["reader"]["duplicates"] == outcome["reader"]["gaps"] == outcome["reader"]["failures"] == 0
    assert outcome["old_version_rows_before_vacuum"] == 16


def test_retention_nulls_the_old_days_bodies_and_keeps_every_row(tmp_path: Path) -> None:
    trials.writes("delta", tmp_path, SHAPE)
    kept = trials.retention("delta", tmp_path)
    assert kept["rows_kept"]
    assert kept["bodies_nulled"] == kept["rows_of_day"] == 8
    assert kept["mb_after"] < kept["mb_before"]


def test_the_dedup_index_types_are_reported_for_delta_as_refused(tmp_path: Path) -> None:
    assert trials.index_types("delta", tmp_path).startswith("refused")
