"""Matching a batch of new articles against itself and against the history index.

A new article joins the cluster of its best verified *earlier* match, where earlier means a
smaller ``(fetched_at, article_id)``. Clusters never merge afterwards (no union-find over
history): union-find chained unrelated stories through template families and cost ~9 points
of precision in notes/neardup.md §2.3. The first-seen article of a cluster is its canonical
and gives the cluster its id.

Candidates come from LSH band collisions and are verified on the full signatures (see
:func:`estimate`). Verification uses the same estimate whether the earlier article is in this
batch or in the history, so an article's cluster does not depend on how articles were split
into runs.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import duckdb
import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.fs as pafs

from transforms.neardup.index import INDEX_SCHEMA, MATCH_SCHEMA, SIGNATURE_BYTES, History, register_history
from transforms.neardup.run_index import RunIndex
from transforms.neardup.scheme import NUM_PERM, SCHEME_VERSION
from transforms.neardup.signature import U32, U64, Signatures, band_keys, signatures

F64 = npt.NDArray[np.float64]
I64 = npt.NDArray[np.int64]
Bools = npt.NDArray[np.bool_]

VERIFY_PAIRS = 16_384
"""Candidate pairs verified together (their two signatures: ~16 MB)."""
PAIR_BATCH = 262_144
"""Candidate pairs read from the history join at a time (~6 MB)."""


@dataclass(frozen=True)
class MatchPolicy:
    """Where the line between "same story" and "different story" is drawn.

    Syndicated copies (reworded headline, a paragraph dropped, an editor's note and an ad
    added) sit around Jaccard 0.6 on normalised 5-char shingles; a next-day follow-up that
    repeats one background paragraph shares 20-30% of its text (Jaccard ~0.1-0.2). A
    truncated copy ("阅读全文" after 60% of the text) has Jaccard ~0.6 but containment ~1.
    The defaults were chosen with ``bench/neardup.py`` (docs/benchmarks.md).
    """

    jaccard: float = 0.4
    """Accept a pair whose estimated Jaccard is at least this."""
    containment: float = 0.8
    """Or accept a pair when this share of the smaller text's shingles is in the larger one..."""
    min_size_ratio: float = 0.3
    """...and the smaller text has at least this share of the larger's shingles, so that a
    one-paragraph brief quoted inside a long report is not called a copy of it."""


@dataclass(frozen=True)
class MatchResult:
    """Cluster columns for the batch (``MATCH_SCHEMA``, batch row order) and the rows to
    append to the history index (``INDEX_SCHEMA``, batch row order)."""

    matches: pa.Table
    index_rows: pa.Table


def estimate(
    a: U32, b: U32, a_shingles: npt.NDArray[np.int32], b_shingles: npt.NDArray[np.int32]
) -> tuple[F64, F64, F64]:
    """Estimated Jaccard, containment of the smaller set, and size ratio, row by row.

    Jaccard is the share of equal signature values (the MinHash estimator, standard error
    ``sqrt(J(1-J)/128)`` <= 0.044). Containment follows from it and the set sizes:
    ``|A∩B| = J(|A|+|B|)/(1+J)``. The exact measure would need every shingle hash of every
    historical article (~6 KB each, ~6 GB per million) instead of 512 bytes, while the gap it
    has to resolve (copies ~0.6, follow-ups <= 0.2) is more than 7 standard errors wide;
    the benchmark reports how often estimate and exact Jaccard disagree on the decision.
    """
    jaccard = np.count_nonzero(a == b, axis=1) / NUM_PERM
    na = a_shingles.astype(np.float64)
    nb = b_shingles.astype(np.float64)
    small = np.maximum(np.minimum(na, nb), 1.0)
    containment = np.minimum(jaccard * (na + nb) / ((1.0 + jaccard) * small), 1.0)
    ratio = small / np.maximum(np.maximum(na, nb), 1.0)
    return jaccard, containment, ratio


def accept(jaccard: F64, containment: F64, ratio: F64, policy: MatchPolicy) -> Bools:
    """Which candidate pairs are the same story under ``policy``."""
    by_containment = (containment >= policy.containment) & (ratio >= policy.min_size_ratio)
    return (jaccard >= policy.jaccard) | by_containment


def batch_candidates(keys: U64, usable: Bools) -> tuple[I64, I64]:
    """Pairs ``(i, j)``, ``i < j``, of usable rows sharing at least one band key.

    Sort-based grouping; a key shared by ``m`` rows yields ``m(m-1)/2`` pairs, which is fine
    once exact duplicates are removed upstream.
    """
    rows = np.flatnonzero(usable)
    if rows.size < 2:
        empty = np.empty(0, dtype=np.int64)
        return empty, empty
    flat = keys[rows].ravel()
    doc = np.repeat(rows, keys.shape[1])
    order = np.argsort(flat, kind="stable")
    flat, doc = flat[order], doc[order]
    edge = np.flatnonzero(np.diff(flat)) + 1
    starts = np.concatenate(([0], edge))
    sizes = np.diff(np.concatenate((starts, [flat.size])))
    left: list[I64] = []
    right: list[I64] = []
    for start, size in zip(starts[sizes > 1], sizes[sizes > 1], strict=True):
        members = doc[start : start + size]
        i, j = np.triu_indices(size, k=1)
        left.append(members[i])
        right.append(members[j])
    if not left:
        empty = np.empty(0, dtype=np.int64)
        return empty, empty
    a, b = np.concatenate(left), np.concatenate(right)
    n = int(rows.max()) + 1
    pair = np.unique(np.minimum(a, b) * n + np.maximum(a, b))
    return pair // n, pair % n


def _as_values(column: pa.Array | pa.ChunkedArray, n: int) -> U32:
    """Signatures stored as ``fixed_size_binary(512)`` back to an ``(n, NUM_PERM)`` array."""
    if n == 0:
        return np.empty((0, NUM_PERM), dtype=np.uint32)
    array = pa.concat_arrays(column.chunks) if isinstance(column, pa.ChunkedArray) else column
    array = pc.cast(array, pa.binary(SIGNATURE_BYTES))  # DuckDB hands BLOBs back as variable binary
    data = array.buffers()[1]
    flat = np.frombuffer(data, dtype="<u4", count=n * NUM_PERM, offset=array.offset * SIGNATURE_BYTES)
    return flat.reshape(n, NUM_PERM).astype(np.uint32, copy=False)


def _micros(column: pa.Array | pa.ChunkedArray) -> I64:
    return np.asarray(pc.cast(column, pa.int64()).to_numpy(zero_copy_only=False), dtype=np.int64)


def _signature_array(values: U32) -> pa.Array:
    raw = np.ascontiguousarray(values, dtype="<u4").tobytes()
    return pa.FixedSizeBinaryArray.from_buffers(pa.binary(SIGNATURE_BYTES), len(values), [None, pa.py_buffer(raw)])


@dataclass(frozen=True)
class _Earlier:
    """Verified candidate matches of new articles among earlier articles, one row per pair."""

    new: I64
    jaccard: F64
    fetched_at: I64
    article_id: list[str]
    cluster_id: list[str | None]
    """Cluster of a history match; None for a batch match (resolved in first-seen order)."""


def _history_matches(
    con: duckdb.DuckDBPyConnection,
    *,
    keys: U64,
    usable: Bools,
    sigs: Signatures,
    ids: list[str],
    fetched: I64,
    policy: MatchPolicy,
) -> _Earlier:
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
    found_values = _as_values(found["signature"], found.num_rows)
    found_shingles = np.asarray(found["n_shingles"].to_numpy(), dtype=np.int32)
    found_fetched = _micros(found["fetched_at"])
    found_ids: list[str] = found["article_id"].to_pylist()
    clusters: list[str] = found["cluster_id"].to_pylist()
    found_index = found["article_id"]
    del found  # the signatures live on in found_values only

    matched: list[tuple[I64, I64, F64]] = []
    for pairs in con.sql("SELECT * FROM pairs").to_arrow_reader(batch_size=PAIR_BATCH):
        # Every candidate id is in ``found``: it was read from the same history.
        at = np.asarray(pc.index_in(pairs["article_id"], value_set=found_index).to_numpy(), dtype=np.int64)
        # Several shared bands give the same pair several times; verify each once per batch.
        width = max(len(found_ids), 1)
        unique = np.unique(np.asarray(pairs["row"].to_numpy(), dtype=np.int64) * width + at)
        new, at = unique // width, unique % width
        earlier = found_fetched[at] < fetched[new]
        for k in np.flatnonzero(found_fetched[at] == fetched[new]):  # same first-seen time: smaller id first
            earlier[k] = found_ids[at[k]] < ids[new[k]]
        jaccard, accepted = _verify(sigs.values, sigs.n_shingles, new, found_values, found_shingles, at, policy)
        keep = np.flatnonzero(earlier & accepted)
        matched.append((new[keep], at[keep], jaccard[keep]))
    new = np.concatenate([m[0] for m in matched]) if matched else np.empty(0, np.int64)
    at = np.concatenate([m[1] for m in matched]) if matched else np.empty(0, np.int64)
    jaccard = np.concatenate([m[2] for m in matched]) if matched else np.empty(0)
    return _Earlier(
        new=new,
        jaccard=jaccard,
        fetched_at=found_fetched[at],
        article_id=[found_ids[k] for k in at],
        cluster_id=[clusters[k] for k in at],
    )


def _verify(
    left: U32,
    left_shingles: npt.NDArray[np.int32],
    i: I64,
    right: U32,
    right_shingles: npt.NDArray[np.int32],
    j: I64,
    policy: MatchPolicy,
) -> tuple[F64, Bools]:
    """Estimated Jaccard and verdict for the candidate pairs ``(left[i], right[j])``.

    A slice of pairs at a time: text that shares stock phrases gives a candidate pair per
    shared band (70,000 pairs per 4,096 articles on the benchmark portal), and gathering every
    pair's two signatures at once would cost 1 KB per pair.
    """
    jaccard = np.empty(i.size, dtype=np.float64)
    accepted = np.zeros(i.size, dtype=np.bool_)
    for start in range(0, i.size, VERIFY_PAIRS):
        part = slice(start, start + VERIFY_PAIRS)
        a, b = i[part], j[part]
        estimated, containment, ratio = estimate(left[a], right[b], left_shingles[a], right_shingles[b])
        jaccard[part] = estimated
        accepted[part] = accept(estimated, containment, ratio, policy)
    return jaccard, accepted


def _batch_matches(keys: U64, usable: Bools, sigs: Signatures, rank: I64, policy: MatchPolicy) -> tuple[I64, I64, F64]:
    """Verified pairs inside the batch as ``(later row, earlier row, jaccard)``."""
    i, j = batch_candidates(keys, usable)
    jaccard, keep = _verify(sigs.values, sigs.n_shingles, i, sigs.values, sigs.n_shingles, j, policy)
    i, j, jaccard = i[keep], j[keep], jaccard[keep]
    later_is_i = rank[i] > rank[j]
    return np.where(later_is_i, i, j), np.where(later_is_i, j, i), jaccard


def _run_matches(
    run: RunIndex, *, keys: U64, usable: Bools, sigs: Signatures, policy: MatchPolicy
) -> Iterator[_Earlier]:
    """Verified matches of the batch among the run's earlier articles, a slice at a time."""
    for new, row, block, start in run.candidates(keys, usable):
        jaccard, accepted = _verify(sigs.values, sigs.n_shingles, new, block.values, block.n_shingles, row, policy)
        keep = np.flatnonzero(accepted)
        position = row[keep] + start
        yield _Earlier(
            new=new[keep],
            jaccard=jaccard[keep],
            fetched_at=run.fetched[position],
            article_id=[run.ids[p] for p in position],
            cluster_id=[run.clusters[p] for p in position],
        )


def _concat_earlier(parts: list[_Earlier]) -> _Earlier:
    return _Earlier(
        new=np.concatenate([p.new for p in parts]),
        jaccard=np.concatenate([p.jaccard for p in parts]),
        fetched_at=np.concatenate([p.fetched_at for p in parts]),
        article_id=[a for p in parts for a in p.article_id],
        cluster_id=[c for p in parts for c in p.cluster_id],
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
    ids: list[str] = article_ids.to_pylist()
    if len(set(ids)) != len(ids):
        msg = "the batch given to near-duplicate matching repeats an article_id; drop exact duplicates first"
        raise ValueError(msg)
    fetched = _micros(fetched_at)
    keys = band_keys(sigs.values)
    usable = sigs.n_shingles > 0
    n = len(ids)
    order = sorted(range(n), key=lambda r: (fetched[r], ids[r]))
    rank = np.empty(n, dtype=np.int64)
    rank[order] = np.arange(n)

    found = _Earlier(np.empty(0, np.int64), np.empty(0), np.empty(0, np.int64), [], [])
    if history is not None and usable.any():
        with duckdb.connect() as con:
            if register_history(con, history, filesystem):
                found = _history_matches(
                    con, keys=keys, usable=usable, sigs=sigs, ids=ids, fetched=fetched, policy=policy
                )
    later, earlier, batch_jaccard = _batch_matches(keys, usable, sigs, rank, policy)
    if run is not None and len(run):
        found = _concat_earlier([found, *_run_matches(run, keys=keys, usable=usable, sigs=sigs, policy=policy)])

    # Best earlier match per new article: highest Jaccard, then earliest, then smallest id.
    options: dict[int, list[tuple[float, int, str, int, str | None]]] = {}
    for k in range(found.new.size):
        options.setdefault(int(found.new[k]), []).append(
            (-float(found.jaccard[k]), int(found.fetched_at[k]), found.article_id[k], -1, found.cluster_id[k])
        )
    for k in range(later.size):
        row = int(earlier[k])
        options.setdefault(int(later[k]), []).append((-float(batch_jaccard[k]), int(fetched[row]), ids[row], row, None))

    cluster = list(ids)
    duplicate_of: list[str | None] = [None] * n
    similarity: list[float | None] = [None] * n
    for row in order:
        if row not in options:
            continue
        neg_jaccard, _, other_id, other_row, other_cluster = min(options[row])
        cluster[row] = cluster[other_row] if other_row >= 0 else str(other_cluster)
        duplicate_of[row] = other_id
        similarity[row] = -neg_jaccard

    matches = pa.table(
        {
            "article_id": ids,
            "cluster_id": cluster,
            "is_canonical": [c == a for c, a in zip(cluster, ids, strict=True)],
            "duplicate_of": duplicate_of,
            "similarity": similarity,
            "dup_kind": ["near" if d is not None else None for d in duplicate_of],
        },
        schema=MATCH_SCHEMA,
    )
    kept = keys[usable]
    offsets = np.zeros(n + 1, dtype=np.int32)
    offsets[1:] = np.cumsum(np.where(usable, keys.shape[1], 0))
    index_rows = pa.table(
        {
            "article_id": ids,
            "cluster_id": cluster,
            "fetched_at": pc.cast(fetched_at, pa.timestamp("us", tz="UTC")),
            "n_shingles": pa.array(sigs.n_shingles, pa.int32()),
            "signature": _signature_array(sigs.values),
            "band_keys": pa.ListArray.from_arrays(pa.array(offsets), pa.array(kept.ravel(), pa.uint64())),
            "scheme_version": pa.array(np.full(n, SCHEME_VERSION, dtype=np.int16)),
        },
        schema=INDEX_SCHEMA,
    )
    return MatchResult(matches=matches, index_rows=index_rows)
