"""Clustering any Parquet file of texts, as ``newslake dedup --input`` does for analysts.

The same marking as the dedup stage (exact, then near duplicates, see :mod:`transforms.dedup`)
over the rows of one file, without a lake: each row gets the cluster columns of the
``articles`` table. Rows are identified by ``id_column`` (else by their 0-based row number, as
a string) and first seen in ``time_column`` order (else in file order); rows without a time
come after all timed rows, in file order. The stored texts are never changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from transforms.edge.near_pass import mark_duplicates
from transforms.schemas import CLUSTER_FIELDS, UTC_TS
from transforms.textnorm import content_hash

CLUSTER_SCHEMA = pa.schema(CLUSTER_FIELDS)


class DedupFileError(ValueError):
    """The input cannot be clustered as asked; the message names the file or column and the fix."""


@dataclass(frozen=True)
class FileSummary:
    """What clustering a file found."""

    rows: int
    clusters: int
    exact: int
    near: int


def cluster_table(
    table: pa.Table, text_column: str, id_column: str | None = None, time_column: str | None = None
) -> pa.Table:
    """``table`` with the cluster columns (``CLUSTER_SCHEMA``) added, or replaced when present."""
    for option, column in (("--text-column", text_column), ("--id-column", id_column), ("--time-column", time_column)):
        if column is not None and column not in table.column_names:
            msg = f"the input has no column {column!r} ({option}); its columns are {', '.join(table.column_names)}"
            raise DedupFileError(msg)
    ids = _ids(table, id_column)
    fetched = _first_seen(table, time_column)
    texts = [text or "" for text in pc.cast(table[text_column], pa.large_string()).to_pylist()]
    rows = [
        {"article_id": i, "canonical_url": None, "text": text, "content_hash": content_hash(text), "fetched_at": at}
        for i, text, at in zip(ids, texts, fetched.to_pylist(), strict=True)
    ]
    marked = {row["article_id"]: row for row in mark_duplicates(rows, history=[]).rows}
    ordered = [marked[i] for i in ids]
    kept = table.drop_columns([name for name in CLUSTER_SCHEMA.names if name in table.column_names])
    for field in CLUSTER_SCHEMA:
        kept = kept.append_column(field, pa.array([row[field.name] for row in ordered], field.type))
    return kept


def cluster_parquet(
    source: Path, target: Path, text_column: str, id_column: str | None = None, time_column: str | None = None
) -> FileSummary:
    """Read ``source``, cluster it with :func:`cluster_table` and write ``target`` (zstd)."""
    if not source.is_file():
        raise DedupFileError(f"{source}: no such file; pass a Parquet file to --input")
    try:
        table = pq.read_table(source)
    except pa.ArrowInvalid as error:
        raise DedupFileError(f"{source}: not a readable Parquet file ({error})") from None
    clustered = cluster_table(table, text_column, id_column, time_column)
    target.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(clustered, target, compression="zstd")
    kinds = clustered["dup_kind"].to_pylist()
    return FileSummary(
        rows=clustered.num_rows,
        clusters=len(set(clustered["cluster_id"].to_pylist())),
        exact=kinds.count("exact"),
        near=kinds.count("near"),
    )


def _ids(table: pa.Table, id_column: str | None) -> list[str]:
    if id_column is None:
        return [str(row) for row in range(table.num_rows)]
    ids: list[str | None] = pc.cast(table[id_column], pa.string()).to_pylist()
    if None in ids:
        raise DedupFileError(f"the id column {id_column!r} has empty values; pick a column that names every row")
    if len(set(ids)) != len(ids):
        raise DedupFileError(f"the id column {id_column!r} repeats values; pick a column unique per row")
    return [str(i) for i in ids]


def _first_seen(table: pa.Table, time_column: str | None) -> pa.Array:
    """First-seen times as UTC timestamps: the time column (naive times taken as UTC), else file order."""
    n = table.num_rows
    if time_column is None:
        return pa.array(np.arange(n, dtype=np.int64), pa.int64()).cast(UTC_TS)
    column = table[time_column]
    try:
        if pa.types.is_timestamp(column.type) and column.type.tz is None:
            column = pc.cast(column, pa.timestamp("us"), safe=False)
        times = pc.cast(column, UTC_TS, safe=False)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError) as error:
        msg = f"the time column {time_column!r} ({column.type}) cannot be read as timestamps ({error})"
        raise DedupFileError(msg) from None
    micros = np.array(pc.fill_null(pc.cast(times, pa.int64()), 0).to_numpy(), dtype=np.int64)
    missing = np.asarray(pc.is_null(times).to_numpy(zero_copy_only=False), dtype=np.bool_)
    if missing.any():
        start = int(micros[~missing].max()) + 1 if (~missing).any() else 0
        micros[missing] = start + np.arange(int(missing.sum()))
    return pa.array(micros, pa.int64()).cast(UTC_TS)
