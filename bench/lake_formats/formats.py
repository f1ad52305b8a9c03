"""The three table layouts behind one small interface, so every trial runs the same steps on each.

A layout writes one run's rows of one table as one call (``replace=True`` replaces that run's
earlier rows: a rerun), reads a table back, lists its live data files, compacts a closed day and
drops the bodies of a day's fetches. Writers count the commit conflicts they retried.
"""

from __future__ import annotations

import logging
import uuid
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds
import pyarrow.parquet as pq
from deltalake import DeltaTable, WriterProperties, write_deltalake
from deltalake.exceptions import CommitFailedError
from pyiceberg.catalog.sql import SqlCatalog
from pyiceberg.exceptions import CommitFailedException

from bench.lake_formats.rows import PARTITIONS

RETRIES = 100
PARQUET_OPTIONS = WriterProperties(compression="ZSTD", statistics_truncate_length=64)
"""Parquet as the rest of the lake writes it. Unless told, delta-rs writes Snappy (pyiceberg and
pyarrow write zstd) and keeps untruncated min/max statistics of every column: two copies of a
30 KB body in each file's metadata, ~45% more bytes per fetches file."""
TABLES = ("fetches", "articles", "runs")


class Layout(Protocol):
    name: str

    def write(self, table: str, data: pa.Table, run_id: str, *, replace: bool) -> int:
        """Write one run's rows of one table; return the commit conflicts retried."""
        ...

    def read(self, table: str, columns: list[str] | None = None) -> pa.Table: ...

    def live_files(self, table: str) -> list[str]: ...

    def compact_day(self, table: str, dt: str) -> None: ...

    def drop_bodies(self, dt: str) -> None: ...


def files_on_disk(folder: Path) -> list[Path]:
    """Every Parquet data file under a table's folder, hidden temporaries included."""
    return sorted(p for p in folder.rglob("*.parquet*") if "metadata" not in p.parts and "_delta_log" not in p.parts)


class PlainParquet:
    """Today's layout: one file per run and partition, named for the run, written by temp-file + rename."""

    name = "plain Parquet"

    def __init__(self, root: Path, *, after_file: Callable[[Path], None] | None = None) -> None:
        self.root = root
        self.after_file = after_file

    def _folder(self, table: str, values: tuple[str, ...]) -> Path:
        keys = PARTITIONS[table]
        return self.root / table / Path(*(f"{k}={v}" for k, v in zip(keys, values, strict=True)))

    def write(self, table: str, data: pa.Table, run_id: str, *, replace: bool) -> int:
        keys = PARTITIONS[table]
        groups = data.group_by(list(keys)).aggregate([]).to_pylist()
        for group in groups:
            mask = None
            for key in keys:
                match = pc.equal(data[key], group[key])
                mask = match if mask is None else pc.and_(mask, match)
            part = data.filter(mask).drop_columns(list(keys))
            folder = self._folder(table, tuple(group[k] for k in keys))
            folder.mkdir(parents=True, exist_ok=True)
            final = folder / f"{run_id}.parquet"
            temporary = folder / f".{run_id}.parquet.{uuid.uuid4().hex}.tmp"
            pq.write_table(part, temporary, compression="zstd")
            temporary.replace(final)
            if self.after_file is not None:
                self.after_file(final)
        return 0

    def dataset(self, table: str) -> ds.Dataset:
        return ds.dataset(self.root / table, format="parquet", partitioning="hive")

    def read(self, table: str, columns: list[str] | None = None) -> pa.Table:
        if not (self.root / table).exists():
            return pa.table({})
        return self.dataset(table).to_table(columns=columns)

    def live_files(self, table: str) -> list[str]:
        return [str(p) for p in files_on_disk(self.root / table) if not p.name.startswith(".")]

    def compact_day(self, table: str, dt: str, *, between: Callable[[], None] | None = None) -> None:
        """Merge each partition's files into one, then delete the originals: two steps a reader can fall between."""
        for folder in sorted((self.root / table).rglob(f"dt={dt}")):
            originals = sorted(folder.glob("*.parquet"))
            merged = pa.concat_tables(pq.read_table(p) for p in originals)
            temporary = folder / f".compacted.parquet.{uuid.uuid4().hex}.tmp"
            pq.write_table(merged, temporary, compression="zstd")
            temporary.replace(folder / "compacted.parquet")
            if between is not None:
                between()
            for path in originals:
                path.unlink()

    def drop_bodies(self, dt: str) -> None:
        for path in sorted((self.root / "fetches").rglob(f"dt={dt}/*.parquet")):
            table = pq.read_table(path)
            table = table.set_column(
                table.schema.get_field_index("body"), "body", pa.nulls(len(table), pa.large_binary())
            )
            temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
            pq.write_table(table, temporary, compression="zstd")
            temporary.replace(path)


class Delta:
    """One Delta table per lake table, partitioned as today; a run is one commit per table."""

    name = "Delta"

    def __init__(self, root: str, storage_options: dict[str, str] | None = None) -> None:
        self.root = root
        self.storage_options = storage_options

    def uri(self, table: str) -> str:
        return f"{self.root}/{table}"

    def table(self, table: str, version: int | None = None) -> Any:
        return DeltaTable(self.uri(table), version=version, storage_options=self.storage_options)

    def write(self, table: str, data: pa.Table, run_id: str, *, replace: bool) -> int:
        for attempt in range(RETRIES):
            try:
                if replace:
                    write_deltalake(
                        self.uri(table),
                        data,
                        partition_by=list(PARTITIONS[table]),
                        mode="overwrite",
                        predicate=f"run_id = '{run_id}'",
                        storage_options=self.storage_options,
                        writer_properties=PARQUET_OPTIONS,
                    )
                else:
                    write_deltalake(
                        self.uri(table),
                        data,
                        partition_by=list(PARTITIONS[table]),
                        mode="append",
                        storage_options=self.storage_options,
                        writer_properties=PARQUET_OPTIONS,
                    )
            except CommitFailedError:
                continue
            return attempt
        raise RuntimeError(f"{table}: no commit after {RETRIES} conflicts")

    def read(self, table: str, columns: list[str] | None = None) -> pa.Table:
        return self.table(table).to_pyarrow_table(columns=columns)

    def live_files(self, table: str) -> list[str]:
        return list(self.table(table).file_uris())

    def compact_day(self, table: str, dt: str) -> None:
        self.table(table).optimize.compact(partition_filters=[("dt", "=", dt)], writer_properties=PARQUET_OPTIONS)

    def drop_bodies(self, dt: str) -> None:
        self.table("fetches").update(
            updates={"body": "NULL"}, predicate=f"dt = '{dt}'", writer_properties=PARQUET_OPTIONS
        )

    def vacuum(self, table: str, *, full: bool = False) -> int:
        """Delete files no version needs any more (no retention window: for the bench only).

        Without ``full`` only files a commit removed are deleted; the files of a commit that
        never happened (a killed writer) are not in the log at all and need ``full=True``.
        """
        removed = self.table(table).vacuum(
            retention_hours=0, enforce_retention_duration=False, dry_run=False, full=full
        )
        return len(removed)


class _RetryCount(logging.Handler):
    """Counts the commit retries pyiceberg makes by itself (it only logs them)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        if record.getMessage().startswith("Commit failed due to a concurrent update"):
            self.count += 1


class Iceberg:
    """One Iceberg table per lake table in a SQLite SQL catalog, partitioned (identity) as today."""

    name = "Iceberg"

    def __init__(self, root: Path) -> None:
        self.root = root
        self.retries = _RetryCount()
        logging.getLogger("pyiceberg.table").addHandler(self.retries)

    def catalog(self) -> Any:
        return SqlCatalog("bench", uri=f"sqlite:///{self.root}/catalog.db", warehouse=f"file://{self.root}/warehouse")

    def create(self, schemas: dict[str, pa.Schema]) -> None:
        """Tables exist before writers start: creating them is not part of a run."""
        catalog = self.catalog()
        catalog.create_namespace_if_not_exists("lake")
        for name, schema in schemas.items():
            table = catalog.create_table_if_not_exists(f"lake.{name}", schema=schema)
            if not table.spec().fields:
                with table.update_spec() as spec:
                    for key in PARTITIONS[name]:
                        spec.add_identity(key)

    def load(self, table: str) -> Any:
        return self.catalog().load_table(f"lake.{table}")

    def write(self, table: str, data: pa.Table, run_id: str, *, replace: bool) -> int:
        before = self.retries.count
        for attempt in range(RETRIES):
            handle = self.load(table)
            try:
                with warnings.catch_warnings():  # an overwrite that finds no earlier rows says so; a first run does
                    warnings.filterwarnings("ignore", "Delete operation did not match any records")
                    if replace:
                        handle.overwrite(data, overwrite_filter=f"run_id == '{run_id}'")
                    else:
                        handle.append(data)
            except CommitFailedException:
                continue
            return attempt + self.retries.count - before
        raise RuntimeError(f"{table}: no commit after {RETRIES} conflicts")

    def read(self, table: str, columns: list[str] | None = None) -> pa.Table:
        scan = self.load(table).scan(selected_fields=tuple(columns) if columns else ("*",))
        return scan.to_arrow()

    def live_files(self, table: str) -> list[str]:
        return [task.file.file_path for task in self.load(table).scan().plan_files()]

    def _rewrite_day(self, table: str, dt: str, change: Callable[[pa.Table], pa.Table]) -> None:
        handle = self.load(table)
        day = handle.scan(row_filter=f"dt == '{dt}'").to_arrow()
        handle.overwrite(change(day), overwrite_filter=f"dt == '{dt}'")

    def compact_day(self, table: str, dt: str) -> None:
        """pyiceberg has no data compaction: rewrite the day in one overwrite snapshot instead."""
        self._rewrite_day(table, dt, lambda day: day)

    def drop_bodies(self, dt: str) -> None:
        def without_body(day: pa.Table) -> pa.Table:
            index = day.schema.get_field_index("body")
            return day.set_column(index, day.schema.field(index), pa.nulls(len(day), day.schema.field(index).type))

        self._rewrite_day("fetches", dt, without_body)


def open_layout(kind: str, root: Path) -> Layout:
    """A layout by its short name, as spawned writer processes receive it."""
    if kind == "parquet":
        return PlainParquet(root / "parquet")
    if kind == "delta":
        return Delta(str(root / "delta"))
    if kind == "iceberg":
        return Iceberg(root / "iceberg")
    raise ValueError(f"unknown layout {kind!r}: use parquet, delta or iceberg")
