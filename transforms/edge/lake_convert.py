"""Converting a lake written by an earlier version into this version's tables, in place:
``newslake convert-lake``.

Plain Parquet files (schema versions 1 to 3, one per run and partition): each old file becomes
one commit of its run's rows to its partition (the same commit a run makes now), so the
converted table holds exactly the rows the old files held, every row with its ``run_id``; then
the old files are removed. Old files of the dedup index carry no ``run_id`` column: their run
is the one whose articles file has the same name.

Delta tables of version 4: ``fetches`` was partitioned by ``source`` and ``dt``; it is rewritten
partitioned by ``dt`` alone, ``source`` an ordinary column, in ONE commit (a reader sees the old
layout or the new one, and the old version stays readable until vacuum); then each day is
sorted by source as maintenance leaves a compacted day (the rewrite keeps no row order), a
commit per day. Every table's ``newslake.schema_version`` property then becomes this version's.

Each step checks what is already done, so the command can be run again after a failure.
"""

from __future__ import annotations

from collections.abc import Callable

import pyarrow as pa

from transforms.edge.lake import SCHEMA_VERSION, Lake
from transforms.edge.lake_check import TABLES, TableSpec
from transforms.edge.maintenance import CLUSTER_BY, WRITER, compact_day, files_per_day
from transforms.edge.settings import maintenance_policy
from transforms.layout import partition_values


def convert_lake(lake: Lake, progress: Callable[[str], None] = print) -> dict[str, int]:
    """Convert every table of ``lake`` written by an earlier version; the number of old files converted per table."""
    plain = {table: _plain_files(lake, table) for table in TABLES}
    run_ids = _run_ids_by_file_name(lake, [path for files in plain.values() for path in files])
    converted = {}
    for table, files in plain.items():
        if not files or lake.delta(table) is not None:
            continue
        for path in files:
            _convert_file(lake, table, TABLES[table], path, run_ids)
        lake.fs.rm(files)
        converted[table] = len(files)
        progress(f"convert-lake: {table}: {len(files)} files became Delta commits")
    for table, spec in TABLES.items():
        rewritten = lake.repartition(table, list(spec.partitions))
        if rewritten:
            converted[table] = converted.get(table, 0) + rewritten
            progress(f"convert-lake: {table}: {rewritten} files rewritten, partitioned by {', '.join(spec.partitions)}")
            _cluster_days(lake, table)
        if (earlier := lake.mark_schema_version(table)) is not None:
            progress(f"convert-lake: {table}: schema version {earlier} -> {SCHEMA_VERSION}")
    return converted


def _plain_files(lake: Lake, table: str) -> list[str]:
    base = f"{lake.root}/{table}"
    if not lake.fs.exists(base) or lake.fs.exists(f"{base}/_delta_log"):
        return []
    return sorted(str(path) for path in lake.fs.find(base) if str(path).endswith(".parquet"))


def _convert_file(lake: Lake, table: str, spec: TableSpec, path: str, run_ids: dict[str, str]) -> None:
    values = partition_values(path)
    partitions = {name: values[name] for name in spec.partitions}
    scope = {name: values[name] for name in spec.scope}  # a partition of the old layout (fetches' source)
    rows = lake.read(spec.schema, [path])
    run_id = _file_key(path)
    if "run_id" in rows.column_names and rows.num_rows:
        run_id = rows["run_id"][0].as_py() or run_id
    else:
        run_id = run_ids.get(run_id, run_id)
    lake.commit(table, spec.schema, partitions, run_id, rows, scope=scope)


def _run_ids_by_file_name(lake: Lake, files: list[str]) -> dict[str, str]:
    """Each old file name's run id, from the files whose rows carry it."""
    found: dict[str, str] = {}
    for path in files:
        key = _file_key(path)
        if key in found:
            continue
        try:
            rows = lake.read(pa.schema([("run_id", pa.string())]), [path])
        except (KeyError, pa.ArrowInvalid):
            continue
        if rows.num_rows and rows["run_id"][0].as_py():
            found[key] = rows["run_id"][0].as_py()
    return found


def _file_key(path: str) -> str:
    return path.rsplit("/", 1)[-1].removesuffix(".parquet")


def _cluster_days(lake: Lake, table: str) -> None:
    """Sort each day of a rewritten table by its clustering columns, as maintenance compacts a closed day."""
    snapshot = lake.delta(table)
    if snapshot is None or table not in CLUSTER_BY:
        return
    target = maintenance_policy().target_bytes
    for day in sorted(files_per_day(snapshot)):
        compact_day(snapshot, day, target, WRITER, CLUSTER_BY[table])
