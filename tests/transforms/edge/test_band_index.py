"""The bucketed band index finds what the full history join finds: the same candidate pairs and
the same clusters, run after run, however its files were written, compacted or rebuilt."""

from __future__ import annotations

import hashlib
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path
from random import Random
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest

from transforms.edge import band_index
from transforms.edge.band_index import (
    SIGNATURE_ROW_GROUP,
    BandHistory,
    BandTable,
    band_rows,
    candidate_rows,
    history_pairs,
    index_keys,
    lake_bands,
    sorted_for_lookup,
)
from transforms.edge.lake import open_lake
from transforms.edge.maintenance import maintain
from transforms.edge.near_match import match_batch
from transforms.maintenance import Policy
from transforms.neardup import BATCH_SCHEMA, band_keys, signatures
from transforms.neardup.buckets import article_refs

FIXTURES = Path(__file__).parents[2] / "fixtures" / "neardup"
DAY1 = datetime(2026, 4, 17, 8, 0, tzinfo=UTC)
RUNS = 3


def _id(name: str) -> str:
    return hashlib.sha256(name.encode()).hexdigest()[:24]


def _corpus() -> list[list[tuple[str, datetime, str]]]:
    """Three runs of stories made of the fixture texts' sentences (seeded), with edited copies.

    Stories share sentences with each other, as news on one topic does, so candidates come
    both from copies and from partial overlaps that verification turns down.
    """
    rng = Random(15)  # noqa: S311 - test data
    pool = [
        s
        for path in sorted(FIXTURES.glob("*.txt"))
        for s in re.split(r"(?<=[。！？.!?])", path.read_text("utf-8"))
        if len(s.strip()) > 12
    ]
    runs: list[list[tuple[str, datetime, str]]] = [[] for _ in range(RUNS)]
    stories: list[list[str]] = []
    for number in range(90):
        run = number % RUNS
        at = DAY1 + timedelta(days=run, minutes=number)
        if stories and rng.random() < 0.5:
            sentences = list(rng.choice(stories))
            del sentences[rng.randrange(len(sentences))]
            sentences.insert(rng.randrange(len(sentences) + 1), rng.choice(pool))
        else:
            sentences = rng.sample(pool, rng.randint(6, 12))
        stories.append(sentences)
        runs[run].append((_id(f"story-{number}"), at, "".join(sentences)))
    return runs


def _batch(rows: list[tuple[str, datetime, str]]) -> pa.Table:
    return pa.table(
        {"article_id": [r[0] for r in rows], "fetched_at": [r[1] for r in rows], "text": [r[2] for r in rows]},
        schema=BATCH_SCHEMA,
    )


def _write_signatures(rows: pa.Table, path: Path) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(sorted_for_lookup(rows), path, row_group_size=SIGNATURE_ROW_GROUP // 64)
    return str(path)


def _full_join_pairs(batch: pa.Table, files: list[str]) -> set[tuple[str, str]]:
    """(new, stored) id pairs sharing a full band key, from the stored band_keys column."""
    new_keys = band_keys(signatures(batch["text"].to_pylist()).values)
    ids = batch["article_id"].to_pylist()
    by_key: dict[int, set[str]] = {}
    for row, keys in enumerate(new_keys):
        for key in keys:
            by_key.setdefault(int(key), set()).add(ids[row])
    pairs = set()
    for path in files:
        for stored in pq.read_table(path, columns=["article_id", "band_keys"]).to_pylist():
            if stored["article_id"] in ids:
                continue
            for key in stored["band_keys"]:
                pairs |= {(new, stored["article_id"]) for new in by_key.get(key, ())}
    return pairs


def _band_pairs(batch: pa.Table, history: BandHistory) -> set[tuple[str, str]]:
    sigs = signatures(batch["text"].to_pylist())
    keys, usable = band_keys(sigs.values), sigs.n_shingles > 0
    ids = batch["article_id"].to_pylist()
    found = candidate_rows(history.signature_files, history.refs(keys, usable), exclude_ids=ids)
    new, at = history_pairs(keys, usable, found)
    stored = found["article_id"].to_pylist()
    return {(ids[n], stored[a]) for n, a in zip(new, at, strict=True)}


@pytest.fixture(scope="module")
def runs() -> list[pa.Table]:
    return [_batch(rows) for rows in _corpus()]


def _run_all(runs: list[pa.Table], tmp: Path, *, bits: int | None = None, compact: str | None = None) -> None:
    """Match run after run both ways; every run's clusters and candidate pairs must agree."""
    bands = BandTable(str(tmp / "dedup_bands"))
    files: list[str] = []
    joined = 0
    for number, batch in enumerate(runs):
        old = match_batch(batch, files or None)
        history = BandHistory(bands, list(files))
        new = match_batch(batch, history)
        assert new.matches.equals(old.matches), f"run {number}"
        assert _band_pairs(batch, history) == _full_join_pairs(batch, files)
        joined += sum(kind == "near" for kind in old.matches["dup_kind"].to_pylist())
        files.append(_write_signatures(old.index_rows, tmp / f"dt=2026-04-{17 + number}" / "part-0.parquet"))
        bands.commit_run(f"run-{number}", old.index_rows)
        if bits is not None:
            bands.rebuild(files, bits)
        if compact == "sorted":
            bands.compact()
        elif compact == "bin-packed":  # files of several runs merged as they come, unsorted
            table = bands.table()
            assert table is not None
            table.optimize.compact()
    assert joined > 10  # the corpus does hold near duplicates across runs


def test_band_join_equals_the_full_join(runs: list[pa.Table], tmp_path: Path) -> None:
    _run_all(runs, tmp_path)


@pytest.mark.parametrize("compact", ["sorted", "bin-packed"])
def test_compacted_index_gives_the_same_answer(runs: list[pa.Table], tmp_path: Path, compact: str) -> None:
    _run_all(runs, tmp_path, compact=compact)


def test_rebuilt_with_another_bucket_count_gives_the_same_answer(runs: list[pa.Table], tmp_path: Path) -> None:
    _run_all(runs, tmp_path, bits=4)
    table = BandTable(str(tmp_path / "dedup_bands")).table()
    assert table is not None
    assert {row["partition.bucket"] for row in pa.table(table.get_add_actions(flatten=True)).to_pylist()} <= {
        f"{b:x}" for b in range(16)
    }


def test_rerun_replaces_its_entries(runs: list[pa.Table], tmp_path: Path) -> None:
    bands = BandTable(str(tmp_path / "dedup_bands"))
    index_rows = match_batch(runs[0]).index_rows
    bands.commit_run("run-0", index_rows)
    first = bands.table()
    assert first is not None
    count = first.to_pyarrow_table().num_rows
    bands.commit_run("run-0", index_rows)
    again = bands.table()
    assert again is not None
    assert again.to_pyarrow_table().num_rows == count == 32 * index_rows.num_rows
    assert again.version() == first.version() + 1  # one commit per run


def test_the_run_being_rerun_is_not_its_own_history(runs: list[pa.Table], tmp_path: Path) -> None:
    bands = BandTable(str(tmp_path / "dedup_bands"))
    first = match_batch(runs[0])
    rows = first.index_rows.append_column("run_id", pa.array(["run-0"] * first.index_rows.num_rows))
    files = [_write_signatures(rows, tmp_path / "dt=2026-04-17" / "part-0.parquet")]
    bands.commit_run("run-0", rows)
    renamed = runs[0].set_column(0, "article_id", pa.array([_id(f"again-{k}") for k in range(runs[0].num_rows)]))
    alone = match_batch(renamed)
    against_itself = match_batch(renamed, BandHistory(bands, files))
    excluded = match_batch(renamed, BandHistory(bands, files, exclude_runs=["run-0"]))
    assert excluded.matches.equals(alone.matches)
    assert not against_itself.matches.equals(alone.matches)  # the same texts, under other ids, do match


def test_ids_that_are_not_hex_digests_give_the_same_answer(runs: list[pa.Table], tmp_path: Path) -> None:
    named = [
        batch.set_column(0, "article_id", pa.array([f"story-{number}-{k}" for k in range(batch.num_rows)]))
        for number, batch in enumerate(runs)
    ]
    _run_all(named, tmp_path)
    assert article_refs(["000001ab", "ffffff00"]).tolist() == [1, 0xFFFFFF]
    assert (
        article_refs(["story-1"]).tolist() == article_refs(["story-1"]).tolist() != article_refs(["story-2"]).tolist()
    )
    assert np.dtype(article_refs([]).dtype) == np.uint32


@pytest.mark.parametrize("meanwhile", ["new run", "rerun"])
def test_a_run_committing_during_compaction_keeps_its_entries(
    runs: list[pa.Table], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, meanwhile: str
) -> None:
    bands = BandTable(str(tmp_path / "dedup_bands"))
    rows = [match_batch(batch).index_rows for batch in runs]
    bands.commit_run("run-0", rows[0])
    bands.commit_run("run-1", rows[1])
    late = ("run-2", rows[2]) if meanwhile == "new run" else ("run-1", rows[2])
    write = band_index._write
    pending = [late]

    def commit_between_read_and_write(*args: Any, **options: Any) -> None:
        while pending:  # another run's commit lands after compaction read the bucket
            BandTable(bands.uri).commit_run(*pending.pop())
        write(*args, **options)

    monkeypatch.setattr(band_index, "_write", commit_between_read_and_write)
    bands.compact()
    table = bands.table()
    assert table is not None
    stored = table.to_pyarrow_table()
    expected = {"run-0": rows[0], late[0]: late[1]} | ({"run-1": rows[1]} if meanwhile == "new run" else {})
    for run, index_rows in expected.items():
        keys, usable = index_keys(index_rows)
        want = band_rows(index_rows["article_id"], keys, usable, run)["entry"].to_pylist()
        got = stored.filter(pc.equal(stored["run_id"], run))["entry"].to_pylist()
        assert sorted(got) == sorted(want), run


def test_lake_maintenance_sorts_each_bucket_into_one_file_and_the_join_still_agrees(
    runs: list[pa.Table], tmp_path: Path
) -> None:
    lake = open_lake(str(tmp_path / "lake"))
    bands = lake_bands(lake)
    files: list[str] = []
    for number, batch in enumerate(runs):
        files.append(
            _write_signatures(match_batch(batch, files or None).index_rows, tmp_path / f"sig-{number}.parquet")
        )
        bands.commit_run(f"run-{number}", match_batch(batch, files[:-1] or None).index_rows)
    table = bands.table()
    assert table is not None
    before = pa.table(table.get_add_actions(flatten=True))["partition.bucket"].to_pylist()
    assert len(before) > len(set(before))  # a file per run in each bucket

    maintain(lake, Policy(closed_after_days=1, body_days=90, grace_hours=168, target_bytes=1 << 28))

    table = bands.table()
    assert table is not None
    after = pa.table(table.get_add_actions(flatten=True))["partition.bucket"].to_pylist()
    assert sorted(after) == sorted(set(before))  # one file per bucket
    probe = runs[-1]
    history = BandHistory(bands, files[:-1])
    assert _band_pairs(probe, history) == _full_join_pairs(probe, files[:-1])
