"""Clustering any Parquet file of texts, as ``newslake dedup --input`` does for analysts.

A file adapter around the dedup stage itself: the file's rows become one run's extracted
articles in a scratch lake, :func:`transforms.edge.stages.dedup_stage` marks them (exact, then
near duplicates), and each row gets back the cluster columns of the ``articles`` table. Rows
are identified by ``id_column`` (else by their 0-based row number, as a string) and first seen
in ``time_column`` order (else in file order); rows without a time come after all timed rows,
in file order. The stored texts are never changed.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from transforms.edge.lake import open_lake
from transforms.edge.stages import EXTRACTED_TABLE, dedup_stage
from transforms.normalise import content_hash
from transforms.schemas import ARTICLES, CLUSTER_FIELDS, EXTRACTED, UTC_TS

CLUSTER_SCHEMA = pa.schema(CLUSTER_FIELDS)
_RUN, _DT, _SOURCE = "input", "1970-01-01", "input"
"""The scratch lake's one run: names that never reach the output."""


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
    for role, column in (("text", text_column), ("id", id_column), ("time", time_column)):
        if column is not None and column not in table.column_names:
            msg = f"the input has no {role} column {column!r}; its columns are {', '.join(table.column_names)}"
            raise DedupFileError(msg)
    ids = _ids(table, id_column)
    first_seen = _first_seen(table, time_column)
    texts = [text or "" for text in pc.cast(table[text_column], pa.large_string()).to_pylist()]
    # First seen = published: the stage takes a run's articles in publication order, ties by id.
    articles = pa.table(
        {
            "article_id": pa.array(ids, pa.string()),
            "source_id": pa.array([_SOURCE] * len(ids), pa.string()),
            "text": pa.array(texts, pa.large_string()),
            "published_at": first_seen,
            "fetched_at": first_seen,
            "content_hash": pa.array([content_hash(text) for text in texts], pa.string()),
            "run_id": pa.array([_RUN] * len(ids), pa.string()),
        }
    )
    extracted = pa.table(
        [
            articles[name] if name in articles.column_names else pa.nulls(len(ids), EXTRACTED.field(name).type)
            for name in EXTRACTED.names
        ],
        schema=EXTRACTED,
    )
    with tempfile.TemporaryDirectory(prefix="newslake-dedup-file-") as scratch:
        lake = open_lake(scratch)
        lake.commit(EXTRACTED_TABLE, EXTRACTED, {"dt": _DT}, _RUN, extracted)
        dedup_stage(lake, _RUN, _DT)
        marked = lake.read(ARTICLES, lake.files("articles"), columns=CLUSTER_SCHEMA.names)  # the file's row order
    kept = table.drop_columns([name for name in CLUSTER_SCHEMA.names if name in table.column_names])
    for field in CLUSTER_SCHEMA:
        kept = kept.append_column(field, marked[field.name].cast(field.type))
    return kept


def cluster_parquet(
    source: Path, target: Path, text_column: str, id_column: str | None = None, time_column: str | None = None
) -> FileSummary:
    """Read ``source``, cluster it with :func:`cluster_table` and write ``target`` (zstd)."""
    if not source.is_file():
        raise DedupFileError(f"{source}: no such file; give the path of a Parquet file")
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
