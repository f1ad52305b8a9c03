"""Maintenance on real Delta tables: closed days end as one file (fetches sorted by source), bodies expire,
old snapshots read."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from deltalake import DeltaTable, write_deltalake

from tests.support.delta_rows import commit_fetches, fetch_rows
from transforms.edge.lake import open_lake
from transforms.edge.maintenance import files_per_day, maintain
from transforms.edge.settings import maintenance_policy
from transforms.maintenance import Policy
from transforms.schemas import FETCHES

DAYS = ["2026-03-01", "2026-03-02", "2026-03-03"]
SOURCES = ["alpha", "beta"]
KEEP_ALL = Policy(closed_after_days=1, body_days=30, grace_hours=168, target_bytes=64 * 1024 * 1024)


def hourly_lake(root: Path, runs_per_day: int = 4) -> str:
    """A fetches table as hourly runs leave it: one file per run, source and day."""
    uri = str(root / "fetches")
    for day in DAYS:
        for hour in range(runs_per_day):
            for source in SOURCES:
                commit_fetches(root, f"{day}T{hour:02}", source, day, 3)
    return uri


def ordered(table: pa.Table) -> list[dict[str, object]]:
    return sorted(table.to_pylist(), key=lambda row: str(row["url"]))


def test_closed_days_end_as_one_file_sorted_by_source_with_the_same_rows(tmp_path: Path) -> None:
    uri = hourly_lake(tmp_path)
    rows = ordered(DeltaTable(uri).to_pyarrow_table())
    summary = maintain(open_lake(str(tmp_path)), KEEP_ALL)
    table = DeltaTable(uri)
    assert files_per_day(table) == {"2026-03-01": 1, "2026-03-02": 1, "2026-03-03": 8}  # the open day is left alone
    assert ordered(table.to_pyarrow_table()) == rows
    (fetches,) = summary.tables
    assert (fetches.table, fetches.files_before, fetches.files_after, fetches.days_compacted) == ("fetches", 24, 10, 2)
    assert summary.newest_day == "2026-03-03"
    for path in open_lake(str(tmp_path)).files("fetches", partitions={"dt": "2026-03-01"}):
        sources = pq.read_table(path, columns=["source"])["source"].to_pylist()
        assert sources == sorted(sources) == ["alpha"] * 12 + ["beta"] * 12  # one source's rows together


def test_a_reader_of_one_source_finds_only_its_rows_after_compaction(tmp_path: Path) -> None:
    hourly_lake(tmp_path)
    lake = open_lake(str(tmp_path))
    maintain(lake, KEEP_ALL)
    beta = {"source": "beta"}
    urls = lake.read(FETCHES, lake.files("fetches", where=beta), ["url"], where=beta)["url"].to_pylist()
    assert len(urls) == 3 * 4 * 3 and all(url.startswith("https://beta.example/") for url in urls)


def test_maintenance_twice_changes_nothing_the_second_time(tmp_path: Path) -> None:
    uri = hourly_lake(tmp_path)
    maintain(open_lake(str(tmp_path)), KEEP_ALL)
    version = DeltaTable(uri).version()
    (again,) = maintain(open_lake(str(tmp_path)), KEEP_ALL).tables
    assert DeltaTable(uri).version() == version
    assert (again.days_compacted, again.days_expired, again.files_before, again.files_after) == (0, 0, 10, 10)


def test_a_reader_of_the_snapshot_before_compaction_still_reads_it_within_the_grace_window(tmp_path: Path) -> None:
    uri = hourly_lake(tmp_path)
    old = DeltaTable(uri)
    rows = ordered(old.to_pyarrow_table())
    maintain(open_lake(str(tmp_path)), KEEP_ALL)
    assert ordered(DeltaTable(uri, version=old.version()).to_pyarrow_table()) == rows


def test_vacuum_deletes_the_replaced_files_once_the_grace_window_has_passed(tmp_path: Path) -> None:
    uri = hourly_lake(tmp_path)
    rows = ordered(DeltaTable(uri).to_pyarrow_table())
    (fetches,) = maintain(open_lake(str(tmp_path)), Policy(1, 30, 0, 64 * 1024 * 1024)).tables
    assert fetches.files_deleted == 16
    assert len([path for path in Path(uri).rglob("*.parquet") if "_delta_log" not in path.parts]) == 10
    assert ordered(DeltaTable(uri).to_pyarrow_table()) == rows


def test_vacuum_deletes_a_killed_writers_files_only_once_they_are_older_than_the_window(tmp_path: Path) -> None:
    uri = hourly_lake(tmp_path)
    folder = Path(uri) / "dt=2026-03-03"
    old, fresh = folder / "part-killed-old.zstd.parquet", folder / "part-killed-now.zstd.parquet"
    for orphan in (old, fresh):
        orphan.write_bytes(b"PAR1 half a file")
    two_hours_ago = time.time() - 7200
    os.utime(old, (two_hours_ago, two_hours_ago))
    maintain(open_lake(str(tmp_path)), Policy(1, 30, 1, 64 * 1024 * 1024))
    assert (old.exists(), fresh.exists()) == (False, True)  # the fresh one may be a commit under way


def test_expired_bodies_become_null_and_every_other_column_stays(tmp_path: Path) -> None:
    uri = hourly_lake(tmp_path)
    before = ordered(DeltaTable(uri).to_pyarrow_table())
    (fetches,) = maintain(open_lake(str(tmp_path)), Policy(1, 1, 168, 64 * 1024 * 1024)).tables
    after = ordered(DeltaTable(uri).to_pyarrow_table())
    assert fetches.days_expired == 1
    assert [row["body"] is None for row in after] == [row["dt"] == "2026-03-01" for row in before]
    assert [row | {"body": None} for row in after] == [row | {"body": None} for row in before]
    operations = [entry["operation"] for entry in DeltaTable(uri).history()]
    assert operations.count("UPDATE") == 1  # one atomic rewrite per day
    assert files_per_day(DeltaTable(uri))["2026-03-01"] == 1  # the rewritten day is compacted too


def test_other_tables_are_compacted_and_keep_their_columns(tmp_path: Path) -> None:
    hourly_lake(tmp_path)
    uri = str(tmp_path / "_work" / "extracted")
    for _ in range(3):
        write_deltalake(uri, pa.table({"body": [b"kept"], "dt": ["2026-03-01"]}), mode="append", partition_by=["dt"])
    summary = maintain(open_lake(str(tmp_path)), Policy(1, 1, 168, 64 * 1024 * 1024))
    assert [table.table for table in summary.tables] == ["_work/extracted", "fetches"]
    assert DeltaTable(uri).to_pyarrow_table()["body"].to_pylist() == [b"kept"] * 3
    assert files_per_day(DeltaTable(uri)) == {"2026-03-01": 1}


def test_the_policy_comes_from_the_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("CLOSED_AFTER_DAYS", "BODY_RETENTION_DAYS", "VACUUM_GRACE_HOURS", "COMPACT_TARGET_MB"):
        monkeypatch.delenv(f"NEWSLAKE_{name}", raising=False)
    assert maintenance_policy() == Policy(1, 90, 168, 256 * 1024 * 1024)
    monkeypatch.setenv("NEWSLAKE_BODY_RETENTION_DAYS", "7")
    assert maintenance_policy().body_days == 7


def test_maintenance_finds_and_compacts_the_tables_of_a_lake_on_s3(s3_lake: str) -> None:
    lake = open_lake(s3_lake)
    for day in DAYS[:2]:
        for hour in range(3):
            rows = fetch_rows(f"{day}T{hour:02}", "alpha", day, 2).drop_columns(["source", "dt"])
            lake.commit("fetches", FETCHES, {"dt": day}, f"{day}T{hour:02}", rows, scope={"source": "alpha"})
    (fetches,) = maintain(lake, KEEP_ALL).tables
    assert (fetches.table, fetches.files_before, fetches.files_after, fetches.days_compacted) == ("fetches", 6, 4, 1)
    table = lake.delta("fetches")
    assert table is not None and files_per_day(table) == {DAYS[0]: 1, DAYS[1]: 3}
