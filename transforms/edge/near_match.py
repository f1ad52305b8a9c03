"""Near-duplicate matching against what is stored: the history index (joined in DuckDB) and
the run's earlier chunks (a :class:`~transforms.edge.run_index.RunIndex` spool).

The pure part (signatures, band keys, verification, choosing each article's cluster) is
:mod:`transforms.neardup`; this module finds the candidate pairs that live in files and hands
the verified ones to :func:`transforms.neardup.match.resolve`.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from typing import TypeAlias

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds
import pyarrow.fs as pafs

from transforms.edge.band_index import BandHistory, band_matches
from transforms.edge.run_index import RunIndex
from transforms.neardup.match import (
    F64,
    I64,
    NO_EARLIER,
    PAIR_BATCH,
    Bools,
    Earlier,
    MatchPolicy,
    MatchResult,
    Stored,
    concat_earlier,
    new_batch,
    resolve,
    stored_earlier,
    verify,
    verify_stored,
)
from transforms.neardup.scheme import SCHEME_VERSION
from transforms.neardup.signature import U64, Signatures, signatures

History: TypeAlias = pa.Table | ds.Dataset | Sequence[str | os.PathLike[str]] | BandHistory
"""A history index: an Arrow table, an Arrow dataset, or Parquet file paths (joined whole in
DuckDB); or a :class:`~transforms.edge.band_index.BandHistory` (the bucketed band index: reads
only the band keys and the candidates' signatures)."""

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
    if not _register(con, "history_stored", history, filesystem):
        return False
    present = {row[0]: row[1] for row in con.sql("DESCRIBE history_stored").fetchall()}
    if present.get("band_keys") == "BIGINT[]":  # a Delta table stores the unsigned keys' bits as signed
        con.sql(f"CREATE VIEW history AS SELECT * REPLACE ({_UNSIGNED_KEYS} AS band_keys) FROM history_stored")  # noqa: S608
    else:
        con.sql("CREATE VIEW history AS SELECT * FROM history_stored")
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


_UNSIGNED_KEYS = (
    "list_transform(band_keys, k -> CAST(CAST(k AS HUGEINT) + CASE WHEN k < 0 THEN 18446744073709551616 ELSE 0 END"
    " AS UBIGINT))"
)


def _register(
    con: duckdb.DuckDBPyConnection, name: str, history: History | None, filesystem: pafs.FileSystem | None
) -> bool:
    if history is None:
        return False
    if isinstance(history, BandHistory):
        msg = "a band index is matched by transforms.edge.band_index.band_matches, not registered in DuckDB"
        raise TypeError(msg)
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


def history_matches(
    con: duckdb.DuckDBPyConnection,
    *,
    keys: U64,
    usable: Bools,
    sigs: Signatures,
    ids: list[str],
    fetched: I64,
    policy: MatchPolicy,
) -> Earlier:
    """Join band keys with the history in DuckDB, then verify candidates on signatures.

    Three passes over the history's ``article_id`` and ``band_keys``: which history articles
    share a band with the batch; their signatures (the widest column, read for those only);
    then the candidate pairs again, streamed and verified a record batch at a time. Memory
    follows the batch and its candidate articles, never the candidate pairs: text sharing
    stock phrases gives a pair per shared band, 70,000 per 4,096 articles on the benchmark
    portal, growing with the history. The new keys are the build side of every hash join.
    """
    rows = np.flatnonzero(usable)
    new_keys = pa.table(
        {
            "row": pa.array(np.repeat(rows, keys.shape[1]), pa.int64()),
            "key": pa.array(keys[rows].ravel(), pa.uint64()),
        }
    )
    con.register("new_keys", new_keys)
    con.register("batch_ids", pa.table({"article_id": pa.array(ids, pa.string())}))
    # DuckDB estimates an unnest at one row per list, so it would build its hash table on the
    # history's keys (32 per article: memory growing with the history). Keep the joins as
    # written, the new keys on the build side: measured 63 -> 88 MB from 10k to 100k history
    # rows, against 63 -> 314 MB with the sides flipped.
    con.sql("SET disabled_optimizers = 'build_side_probe_side'")
    con.sql(
        """
        SELECT n.row, h.article_id
        FROM (SELECT article_id, unnest(band_keys) AS key FROM history) AS h
        JOIN new_keys AS n ON h.key = n.key
        ANTI JOIN batch_ids AS b ON h.article_id = b.article_id
        """
    ).create_view("pairs")
    con.sql("SELECT DISTINCT article_id FROM pairs").create_view("candidate_ids")
    # A semi join reads the wide signature column once, keeping candidate rows only (3x faster
    # than IN (subquery) here). An id stored twice keeps its first-seen row.
    found = con.sql(
        """
        SELECT article_id, cluster_id, fetched_at, n_shingles, signature
        FROM history SEMI JOIN candidate_ids USING (article_id)
        QUALIFY row_number() OVER (PARTITION BY article_id ORDER BY fetched_at, cluster_id) = 1
        """
    ).to_arrow_table()
    stored = Stored.of(found)
    found_index = found["article_id"]
    del found  # the signatures live on in stored.values only

    matched: list[tuple[I64, I64, F64]] = []
    for pairs in con.sql("SELECT * FROM pairs").to_arrow_reader(batch_size=PAIR_BATCH):
        # Every candidate id is in ``found``: it was read from the same history.
        at = np.asarray(pc.index_in(pairs["article_id"], value_set=found_index).to_numpy(), dtype=np.int64)
        new = np.asarray(pairs["row"].to_numpy(), dtype=np.int64)
        matched.append(verify_stored(stored, new, at, sigs, ids, fetched, policy))
    return stored_earlier(stored, matched)


def run_matches(run: RunIndex, *, keys: U64, usable: Bools, sigs: Signatures, policy: MatchPolicy) -> Iterator[Earlier]:
    """Verified matches of the batch among the run's earlier articles, a slice at a time."""
    for new, row, block, start in run.candidates(keys, usable):
        jaccard, accepted = verify(sigs.values, sigs.n_shingles, new, block.values, block.n_shingles, row, policy)
        keep = np.flatnonzero(accepted)
        position = row[keep] + start
        yield Earlier(
            new=new[keep],
            jaccard=jaccard[keep],
            fetched_at=run.fetched[position],
            article_id=[run.ids[p] for p in position],
            cluster_id=[run.clusters[p] for p in position],
        )


def match_batch(
    batch: pa.Table,
    history: History | None = None,
    *,
    filesystem: pafs.FileSystem | None = None,
    policy: MatchPolicy | None = None,
) -> MatchResult:
    """Cluster a batch of new articles against itself and the history index.

    ``batch`` has ``article_id``, ``fetched_at`` (timestamp, UTC) and ``text`` (see
    ``BATCH_SCHEMA``); article ids are unique within it. ``history`` is the index written by
    earlier runs (an Arrow table or dataset, or Parquet paths, read through ``filesystem``
    when given). History rows with an id in the batch are ignored, so re-running a batch
    after its rows were appended gives the same result; history rows later than a new
    article are not matches for it (the first seen article stays canonical).
    """
    sigs = signatures(batch["text"].to_pylist())
    return match_signatures(
        batch["article_id"], batch["fetched_at"], sigs, history, filesystem=filesystem, policy=policy
    )


def match_signatures(
    article_ids: pa.Array | pa.ChunkedArray,
    fetched_at: pa.Array | pa.ChunkedArray,
    sigs: Signatures,
    history: History | None = None,
    *,
    filesystem: pafs.FileSystem | None = None,
    policy: MatchPolicy | None = None,
    run: RunIndex | None = None,
) -> MatchResult:
    """:func:`match_batch` for signatures computed beforehand (same order as the ids).

    ``run``: the articles of this run matched before this batch (when a run is matched a
    chunk at a time); they are earlier than every article of the batch.
    """
    policy = policy or MatchPolicy()
    batch = new_batch(article_ids, fetched_at, sigs)
    found = NO_EARLIER
    if isinstance(history, BandHistory) and batch.usable.any():
        found = band_matches(
            history,
            keys=batch.keys,
            usable=batch.usable,
            sigs=sigs,
            ids=batch.ids,
            fetched=batch.fetched,
            policy=policy,
        )
    elif history is not None and batch.usable.any():
        with duckdb.connect() as con:
            if register_history(con, history, filesystem):
                found = history_matches(
                    con,
                    keys=batch.keys,
                    usable=batch.usable,
                    sigs=sigs,
                    ids=batch.ids,
                    fetched=batch.fetched,
                    policy=policy,
                )
    if run is not None and len(run):
        found = concat_earlier(
            [found, *run_matches(run, keys=batch.keys, usable=batch.usable, sigs=sigs, policy=policy)]
        )
    return resolve(batch, found, policy)
