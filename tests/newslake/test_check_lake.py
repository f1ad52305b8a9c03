"""``newslake check-lake``: a sound lake passes; each kind of problem is one line naming the table."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from newslake.cli import main
from transforms.edge.lake import Lake, open_lake
from transforms.edge.lake_check import TABLES
from transforms.schemas import REJECTS

EMPTY_RUN = "r1"


def committed(lake: Lake, skip: tuple[str, ...] = ()) -> None:
    """Every table as the pipeline commits it, with one run's (empty) rows."""
    for table, spec in TABLES.items():
        if table not in skip:
            partitions = {name: "x" if name == "bucket" else "2026-04-17" for name in spec.partitions}
            scope = dict.fromkeys(spec.scope, "x")
            lake.commit(table, spec.schema, partitions, EMPTY_RUN, spec.schema.empty_table(), scope=scope)


def test_a_lake_the_pipeline_committed_passes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    committed(open_lake(str(tmp_path)))
    assert main(["check-lake", str(tmp_path)]) == 0
    assert "7 tables checked" in capsys.readouterr().out


def test_a_plain_parquet_table_of_an_earlier_version_is_named_with_the_fix(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    committed(open_lake(str(tmp_path)), skip=("rejects",))
    (tmp_path / "rejects" / "dt=2026-04-17").mkdir(parents=True)
    pq.write_table(REJECTS.empty_table(), tmp_path / "rejects" / "dt=2026-04-17" / "r1.parquet")
    assert main(["check-lake", str(tmp_path)]) == 1
    (line,) = capsys.readouterr().err.splitlines()
    assert line.startswith("check-lake: rejects: ") and "plain Parquet" in line and "docs/schema.md" in line


def test_a_wrong_column_type_and_partitioning_are_each_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lake = open_lake(str(tmp_path))
    committed(lake, skip=("rejects",))
    wrong = pa.schema([pa.field("http_status", pa.string()) if f.name == "http_status" else f for f in REJECTS])
    lake.commit("rejects", wrong, {"source": "x"}, EMPTY_RUN, wrong.empty_table())
    assert main(["check-lake", str(tmp_path)]) == 1
    assert sorted(capsys.readouterr().err.splitlines()) == [
        "check-lake: rejects: column dt is missing (expected string)",
        "check-lake: rejects: column http_status is string, expected int32",
        "check-lake: rejects: partitioned by source, expected dt",
    ]


def test_a_missing_table_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    committed(open_lake(str(tmp_path)), skip=("runs",))
    assert main(["check-lake", str(tmp_path)]) == 1
    (line,) = capsys.readouterr().err.splitlines()
    assert line.startswith("check-lake: runs: no Delta table at ")
