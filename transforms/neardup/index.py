"""Arrow schemas of what matching reads and writes, and how a history index is opened.

The dedup index is one row per article ever matched: its signature and band keys, kept in
the lake (Hive-partitioned by ``dt``, which lives in the path, not in these columns) so that
later runs can match against it without re-reading any text.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import TypeAlias

import duckdb
import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.fs as pafs

from transforms.neardup.scheme import BANDS, NUM_PERM, SCHEME_VERSION

SIGNATURE_BYTES = NUM_PERM * 4

INDEX_SCHEMA = pa.schema(
    [
        pa.field("article_id", pa.string(), nullable=False),
        pa.field("cluster_id", pa.string(), nullable=False),
        pa.field("fetched_at", pa.timestamp("us", tz="UTC"), nullable=False),
        pa.field("n_shingles", pa.int32(), nullable=False),
        pa.field("signature", pa.binary(SIGNATURE_BYTES), nullable=False),
        pa.field("band_keys", pa.list_(pa.uint64()), nullable=False),
        pa.field("scheme_version", pa.int16(), nullable=False),
    ],
    metadata={
        "signature": f"{NUM_PERM} little-endian uint32 MinHash values, scheme {SCHEME_VERSION}",
        "band_keys": f"{BANDS} uint64 LSH keys (empty when the text has no shingles)",
    },
)
"""One row per article: everything a later run needs to match against it.

``fetched_at`` with ``article_id`` orders articles (first seen = earliest, ties by id);
``cluster_id`` is the ``article_id`` of the cluster's first-seen article.
"""

BATCH_SCHEMA = pa.schema(
    [
        pa.field("article_id", pa.string(), nullable=False),
        pa.field("fetched_at", pa.timestamp("us", tz="UTC"), nullable=False),
        pa.field("text", pa.string(), nullable=False),
    ]
)
"""What :func:`transforms.neardup.match_batch` takes (extra columns are ignored)."""

MATCH_SCHEMA = pa.schema(
    [
        pa.field("article_id", pa.string(), nullable=False),
        pa.field("cluster_id", pa.string(), nullable=False),
        pa.field("is_canonical", pa.bool_(), nullable=False),
        pa.field("duplicate_of", pa.string()),
        pa.field("similarity", pa.float32()),
        pa.field("dup_kind", pa.string()),
    ]
)
"""Cluster columns for each article of a batch, in the batch's row order.

``duplicate_of`` is the best verified earlier match (not necessarily the canonical),
``similarity`` its estimated Jaccard, ``dup_kind`` is ``"near"`` or null.
"""

History: TypeAlias = pa.Table | ds.Dataset | Sequence[str | os.PathLike[str]]
"""A history index: an Arrow table, an Arrow dataset, or Parquet file paths."""

_REQUIRED = ("article_id", "cluster_id", "fetched_at", "n_shingles", "signature", "band_keys", "scheme_version")


def register_history(
    con: duckdb.DuckDBPyConnection,
    history: History | None,
    filesystem: pafs.FileSystem | None = None,
) -> bool:
    """Expose ``history`` to ``con`` as the view ``history``; False when there is none.

    Local Parquet paths are read by DuckDB's own reader (fastest, streams row groups); paths
    with a ``filesystem`` (S3 and the like) and Arrow datasets are scanned through Arrow, which
    DuckDB also streams with projection pushdown, so a 1M-row index is never loaded whole.
    """
    if not _register(con, "history", history, filesystem):
        return False
    present = {row[0] for row in con.sql("DESCRIBE history").fetchall()}
    missing = [c for c in _REQUIRED if c not in present]
    if missing:
        msg = f"the near-duplicate history index lacks columns {missing}; write it with INDEX_SCHEMA"
        raise ValueError(msg)
    versions = [row[0] for row in con.sql("SELECT DISTINCT scheme_version FROM history").fetchall()]
    stale = [v for v in versions if v != SCHEME_VERSION]
    if stale:
        msg = (
            f"the near-duplicate history index holds signature scheme versions {sorted(stale)}, "
            f"this library computes version {SCHEME_VERSION}; rebuild the index from the article texts"
        )
        raise ValueError(msg)
    return True


def _register(
    con: duckdb.DuckDBPyConnection, name: str, history: History | None, filesystem: pafs.FileSystem | None
) -> bool:
    if history is None:
        return False
    if isinstance(history, pa.Table):
        if history.num_rows == 0:
            return False
        con.register(name, history)
    elif isinstance(history, ds.Dataset):
        con.register(name, history)
    else:
        paths = [os.fspath(p) for p in history]
        if not paths:
            return False
        if filesystem is None:
            con.read_parquet(paths).create_view(name)
        else:
            con.register(name, ds.dataset(paths, filesystem=filesystem, format="parquet"))
    return True
