"""Lake maintenance: compaction of closed days, retention of fetch bodies, vacuum and log cleanup.

Every run commits a file per table and partition (fetches: per source), so after a year of
hourly runs a table is thousands of small files and every reader lists and opens them all.
Maintenance merges each closed day's files into about one (fetches' sorted by source, so the
column's statistics can still skip other sources), drops raw bodies past keeping, and deletes
the files no snapshot within the grace window still needs. Each step is one Delta commit, so
a reader sees the table before it or after it, never a mix (no duplicates, no gaps), and a
reader that opened an older snapshot keeps finding its files until the grace window passes.
Every step does nothing when there is nothing to do, so running maintenance twice is safe.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, TypeVar

import pyarrow as pa
from deltalake import DeltaTable, WriterProperties

from transforms.dedup import INDEX_TABLE
from transforms.edge.band_index import BANDS_TABLE, SIGNATURE_ROW_GROUP, lake_bands
from transforms.edge.lake import Lake, retry_commits, writer_properties
from transforms.maintenance import Policy, closed_days, crowded_days, expired_days, newest_day

BODY_TABLE = "fetches"
BODY_COLUMN = "body"
DAY = "dt"
WRITER = writer_properties()
# The dedup index is read a row group at a time by article id: compaction keeps its row groups small.
ROW_GROUP_ROWS = {INDEX_TABLE: SIGNATURE_ROW_GROUP}
"""As the lake's commits write: zstd, and no full copy of a body in each file's statistics (docs/lake.md)."""
CLUSTER_BY = {BODY_TABLE: ["source"]}
"""Columns a table's compacted days are sorted by (delta-rs' z-order over one column: a sort on its first
16 bytes): fetches' ``source`` is no partition, and a day sorted by it keeps one source's rows in few
row groups, whose statistics let a reader of one source skip the rest."""
COMMIT_ATTEMPTS = 5
"""A maintenance commit that lost a race with a run's commit is re-planned on the new snapshot."""


@dataclass(frozen=True)
class TableSummary:
    """What maintenance did to one table: active files and bytes before and after, and its steps."""

    table: str
    files_before: int
    files_after: int
    bytes_before: int
    bytes_after: int
    days_compacted: int
    days_expired: int
    files_deleted: int
    seconds: float

    def line(self) -> str:
        """One line of the command's summary."""
        return (
            f"{self.table:<16} files {self.files_before:>6} -> {self.files_after:<6} "
            f"MB {self.bytes_before / 1e6:>9.2f} -> {self.bytes_after / 1e6:<9.2f} "
            f"{self.days_compacted} days compacted, {self.days_expired} days' bodies dropped, "
            f"{self.files_deleted} files deleted, {self.seconds:.2f} s"
        )


@dataclass(frozen=True)
class Summary:
    """Maintenance over the whole lake."""

    newest_day: str | None
    tables: list[TableSummary]

    def lines(self) -> list[str]:
        """The summary as the command prints it."""
        head = f"newest day {self.newest_day}" if self.newest_day else "the lake holds no days yet"
        return [head, *(table.line() for table in self.tables)]

    @property
    def seconds(self) -> float:
        """Wall time over all tables."""
        return sum(table.seconds for table in self.tables)


def maintain(lake: Lake, policy: Policy, tables: list[str] | None = None) -> Summary:
    """Compact closed days, drop expired bodies and vacuum every Delta table of the lake (or ``tables``).

    The newest day is taken over all tables, so a table that missed some runs (rejects of a
    quiet hour) closes its days with the rest.
    """
    names = tables or lake_tables(lake)
    if BANDS_TABLE in names:
        # Partitioned by key bucket, not by day: its own compaction sorts each bucket into one file,
        # which its history join depends on; the generic pass below then only vacuums it.
        lake_bands(lake).compact()
    opened = {name: table for name in names if (table := lake.delta(name)) is not None}
    newest = newest_day(day for table in opened.values() for day in _days(table))
    return Summary(newest, [maintain_table(name, table, newest, policy) for name, table in opened.items()])


def maintain_table(name: str, table: DeltaTable, newest: str | None, policy: Policy) -> TableSummary:
    """Maintain one table: bodies first (so the rewrite is compacted too), then compaction, then vacuum."""
    started = time.perf_counter()
    before = active_files(table)
    expired = compacted = 0
    if newest is not None:
        if name == BODY_TABLE and BODY_COLUMN in table.schema().to_arrow().names:
            holding = _days_with_bodies(table)
            for day in expired_days(holding, newest, policy.body_days):
                expired += drop_bodies(table, day)
        sizes = [(values.get(DAY, ""), size) for values, size in active_files(table)]
        crowded = crowded_days(sizes, policy.target_bytes)
        writer = writer_properties(ROW_GROUP_ROWS.get(name))
        for day in closed_days(crowded, newest, policy.closed_after_days):
            compacted += compact_day(table, day, policy.target_bytes, writer, CLUSTER_BY.get(name))
    deleted = vacuum(table, policy.grace_hours)
    after = active_files(table)
    return TableSummary(
        table=name,
        files_before=len(before),
        files_after=len(after),
        bytes_before=sum(size for _, size in before),
        bytes_after=sum(size for _, size in after),
        days_compacted=compacted,
        days_expired=expired,
        files_deleted=deleted,
        seconds=time.perf_counter() - started,
    )


def compact_day(
    table: DeltaTable,
    day: str,
    target_bytes: int,
    writer: WriterProperties = WRITER,
    cluster_by: list[str] | None = None,
) -> int:
    """Merge the day's files into files of up to ``target_bytes``, in one commit; sorted by ``cluster_by`` when given.

    Returns 1 when files were merged, 0 when the day was already compact.
    """
    where: list[tuple[str, str, str]] = [(DAY, "=", day)]

    def optimize() -> dict[str, Any]:
        if cluster_by:
            return table.optimize.z_order(
                cluster_by, partition_filters=where, target_size=target_bytes, writer_properties=writer
            )
        return table.optimize.compact(partition_filters=where, target_size=target_bytes, writer_properties=writer)

    metrics = _retrying(table, optimize)
    return 1 if int(metrics.get("numFilesRemoved", 0)) else 0


def drop_bodies(table: DeltaTable, day: str) -> int:
    """Null the fetch bodies of one day in one commit; every other column of every row stays.

    Returns 1 when bodies were dropped, 0 when the day held none.
    """
    predicate = f"{DAY} = '{day}' AND {BODY_COLUMN} IS NOT NULL"
    metrics = _retrying(
        table, lambda: table.update(updates={BODY_COLUMN: "NULL"}, predicate=predicate, writer_properties=WRITER)
    )
    return 1 if int(metrics.get("num_updated_rows", 0)) else 0


def vacuum(table: DeltaTable, grace_hours: int) -> int:
    """Delete files no snapshot of the last ``grace_hours`` needs; checkpoint the log and trim its old entries.

    Full mode: files of a writer killed before its commit are in no snapshot at all, and only a
    listing of the table's folder finds them; those younger than the window are left, as they
    may belong to a commit under way. The checkpoint lets a reader load the table from one
    Parquet file instead of replaying every commit; entries older than the table's log
    retention (Delta's default, 30 days) that a checkpoint covers are deleted.
    """
    deleted = table.vacuum(retention_hours=grace_hours, dry_run=False, enforce_retention_duration=False, full=True)
    table.create_checkpoint()
    table.cleanup_metadata()
    return len(deleted)


def active_files(table: DeltaTable) -> list[tuple[dict[str, str], int]]:
    """The current snapshot's data files: each one's partition values and size in bytes."""
    actions = pa.table(table.get_add_actions(flatten=True))
    partitions = [name for name in actions.column_names if name.startswith("partition.")]
    values = [actions[name].to_pylist() for name in partitions]
    names = [name.removeprefix("partition.") for name in partitions]
    sizes = actions["size_bytes"].to_pylist()
    return [
        ({name: str(column[row]) for name, column in zip(names, values, strict=True)}, size)
        for row, size in enumerate(sizes)
    ]


def files_per_day(table: DeltaTable) -> Counter[str]:
    """How many data files each day of the table holds now."""
    return Counter(values.get(DAY, "") for values, _ in active_files(table))


def _days(table: DeltaTable) -> Iterator[str]:
    return (values[DAY] for values in table.partitions() if DAY in values)


def _days_with_bodies(table: DeltaTable) -> set[str]:
    """Days with a file that may still hold a body (its statistics do not say every body is null)."""
    actions = pa.table(table.get_add_actions(flatten=True))
    column = f"null_count.{BODY_COLUMN}"
    days = actions[f"partition.{DAY}"].to_pylist()
    if column not in actions.column_names:
        return {str(day) for day in days}
    nulls = actions[column].to_pylist()
    rows = actions["num_records"].to_pylist()
    return {str(day) for day, null, count in zip(days, nulls, rows, strict=True) if null is None or null < count}


T = TypeVar("T")


def _retrying(table: DeltaTable, step: Callable[[], T]) -> T:
    """Run a maintenance commit, re-planning it on the newest snapshot when a run committed first."""
    table.update_incremental()
    return retry_commits(step, table.update_incremental)


def lake_tables(lake: Lake) -> list[str]:
    """The lake's Delta tables by name (``articles``, ``_work/extracted``, …): folders holding a ``_delta_log``."""
    found: list[str] = []
    for pattern in ("*/_delta_log", "*/*/_delta_log"):
        found += [str(path) for path in lake.fs.glob(f"{lake.root}/{pattern}")]
    return sorted(path.removeprefix(f"{lake.root}/").removesuffix("/_delta_log") for path in found)
