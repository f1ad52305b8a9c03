"""``newslake convert-lake``: a lake of plain Parquet files (schema versions 1 to 3) becomes Delta tables in
place, and a lake of version 4 (fetches partitioned by source and day) takes this version's layout."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from deltalake import DeltaTable, write_deltalake
from support.lake_tables import table_rows

from newslake.cli import main
from tests.support.delta_rows import commit_fetches, fetch_rows
from transforms.edge.band_index import BANDS_TABLE
from transforms.edge.lake import SCHEMA_VERSION, SCHEMA_VERSION_PROPERTY, LakeError, open_lake
from transforms.edge.lake_check import TABLES, stored_schema
from transforms.layout import run_key
from transforms.neardup import INDEX_SCHEMA

RUN = "scheduled__2026-04-17T08:00:00+00:00"
AT = datetime(2026, 4, 17, 8, tzinfo=UTC)


def plain_lake(root: Path) -> None:
    """A lake as the previous version wrote it: one file per table, partition and run, named by run key."""
    for table, spec in TABLES.items():
        if table == BANDS_TABLE:  # new in version 4: the first dedup run builds it from dedup_index
            continue
        names = (*spec.scope, *spec.partitions)  # fetches: source=…/dt=…, as every earlier version wrote it
        partitions = "/".join(f"{name}={'wire' if name == 'source' else '2026-04-17'}" for name in names)
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
    assert [row["source"] for row in table_rows(tmp_path, "fetches")] == ["wire"]


DAYS, SOURCES = ["2026-04-16", "2026-04-17"], ["wire", "post", "daily"]


def version_4_lake(root: Path) -> None:
    """A lake as version 4 left it: fetches partitioned by source and day (two runs per source and day,
    one compacted day), the other tables as now but marked version 4."""
    uri = str(root / "fetches")
    schema = pa.schema([*stored_schema(TABLES["fetches"])])
    DeltaTable.create(
        uri,
        schema,
        partition_by=["source", "dt"],
        configuration={SCHEMA_VERSION_PROPERTY: "4"},
        raise_if_key_not_exists=False,
    )
    for day in DAYS:
        for run in ("r1", "r2"):
            for source in SOURCES:
                rows = fetch_rows(f"{day}-{run}", source, day, 3).select(schema.names)
                write_deltalake(uri, rows.cast(schema), mode="append", partition_by=["source", "dt"])
    DeltaTable(uri).optimize.compact(partition_filters=[("dt", "=", DAYS[0])])
    lake = open_lake(str(root))
    for table, spec in TABLES.items():
        if spec.required and table != "fetches":
            lake.commit(table, spec.schema, {"dt": DAYS[1]}, "r1", spec.schema.empty_table())
            lake.delta(table).alter.set_table_properties({SCHEMA_VERSION_PROPERTY: "4"}, raise_if_not_exists=False)


def test_a_version_4_lake_gets_fetches_partitioned_by_day_and_passes_the_check(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    version_4_lake(tmp_path)
    before = sorted(table_rows(tmp_path, "fetches"), key=lambda row: row["url"])
    assert main(["check-lake", str(tmp_path)]) == 1
    out = capsys.readouterr().err
    assert "fetches: partitioned by source, dt, the layout of schema version 4; run `newslake convert-lake" in out
    assert f"articles: table property {SCHEMA_VERSION_PROPERTY} is 4, expected {SCHEMA_VERSION}; run" in out
    with pytest.raises(LakeError, match="partitioned by source, dt"):  # a run of this version refuses to mix them
        commit_fetches(tmp_path, "r3", "wire", DAYS[1], 1)

    assert main(["convert-lake", str(tmp_path)]) == 0
    assert main(["check-lake", str(tmp_path)]) == 0
    table = DeltaTable(str(tmp_path / "fetches"))
    assert table.metadata().partition_columns == ["dt"]
    assert sorted(table_rows(tmp_path, "fetches"), key=lambda row: row["url"]) == before  # source kept as a column
    lake = open_lake(str(tmp_path))
    for day in DAYS:
        (path,) = lake.files("fetches", partitions={"dt": day})
        sources = pq.read_table(path, columns=["source"])["source"].to_pylist()
        assert sources == sorted(sources) and len(sources) == 2 * 3 * len(SOURCES)  # a day's rows by source
    commit_fetches(tmp_path, f"{DAYS[1]}-r1", "wire", DAYS[1], 1)  # a rerun of one source, in the new layout
    assert len(table_rows(tmp_path, "fetches")) == len(before) - 2
    assert main(["convert-lake", str(tmp_path)]) == 0  # again: nothing left to do
    assert "0 files in 0 tables converted" in capsys.readouterr().out
