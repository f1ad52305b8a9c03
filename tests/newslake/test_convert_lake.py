"""``newslake convert-lake``: a lake of plain Parquet files (schema versions 1 to 3) becomes Delta tables in place."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from support.lake_tables import table_rows

from newslake.cli import main
from transforms.edge.band_index import BANDS_TABLE
from transforms.edge.lake import open_lake
from transforms.edge.lake_check import TABLES
from transforms.layout import run_key
from transforms.neardup import INDEX_SCHEMA

RUN = "scheduled__2026-04-17T08:00:00+00:00"
AT = datetime(2026, 4, 17, 8, tzinfo=UTC)


def plain_lake(root: Path) -> None:
    """A lake as the previous version wrote it: one file per table, partition and run, named by run key."""
    for table, spec in TABLES.items():
        if table == BANDS_TABLE:  # new in version 4: the first dedup run builds it from dedup_index
            continue
        partitions = "/".join(f"{name}={'wire' if name == 'source' else '2026-04-17'}" for name in spec.partitions)
        folder = root / table / partitions
        folder.mkdir(parents=True)
        if table == "dedup_index":  # no run_id column; uint64 band keys, fixed-size signatures
            row = {
                "article_id": "a1",
                "cluster_id": "a1",
                "fetched_at": AT,
                "n_shingles": 3,
                "signature": bytes(range(256)) * 2,
                "band_keys": [2**64 - 1, 7],
                "scheme_version": 1,
            }
            data = pa.Table.from_pylist([row], schema=INDEX_SCHEMA)
        else:
            names = set(spec.schema.names)
            row = {"run_id": RUN} | {
                k: v for k, v in {"article_id": "a1", "url": "https://x.cn/1"}.items() if k in names
            }
            data = pa.Table.from_pylist([row], schema=spec.schema)
        pq.write_table(data, folder / f"{run_key(RUN)}.parquet", compression="zstd")


def test_a_plain_lake_is_converted_in_place_and_then_passes_the_check(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plain_lake(tmp_path)
    assert main(["check-lake", str(tmp_path)]) == 1
    assert main(["convert-lake", str(tmp_path)]) == 0
    assert "6 files in 6 tables converted" in capsys.readouterr().out
    assert main(["check-lake", str(tmp_path)]) == 0
    assert not list(tmp_path.glob(f"**/{run_key(RUN)}.parquet"))  # the old files are gone
    for table in set(TABLES) - {BANDS_TABLE}:
        assert [row["run_id"] for row in table_rows(tmp_path, table)] == [RUN], table
    lake = open_lake(str(tmp_path))
    (index,) = lake.read(INDEX_SCHEMA, lake.files("dedup_index")).to_pylist()
    assert index["band_keys"] == [2**64 - 1, 7]
    assert index["signature"] == bytes(range(256)) * 2
    assert main(["convert-lake", str(tmp_path)]) == 0  # again: nothing left to convert
    assert "0 files in 0 tables converted" in capsys.readouterr().out
