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

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc

from transforms.neardup.index import INDEX_SCHEMA, MATCH_SCHEMA, SIGNATURE_BYTES
from transforms.neardup.scheme import NUM_PERM, SCHEME_VERSION
from transforms.neardup.signature import U32, U64, Signatures, band_keys

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


def signature_values(column: pa.Array | pa.ChunkedArray, n: int) -> U32:
    """Signatures stored as ``fixed_size_binary(512)`` back to an ``(n, NUM_PERM)`` array."""
    if n == 0:
        return np.empty((0, NUM_PERM), dtype=np.uint32)
    array = pa.concat_arrays(column.chunks) if isinstance(column, pa.ChunkedArray) else column
    array = pc.cast(array, pa.binary(SIGNATURE_BYTES))  # DuckDB hands BLOBs back as variable binary
    data = array.buffers()[1]
    flat = np.frombuffer(data, dtype="<u4", count=n * NUM_PERM, offset=array.offset * SIGNATURE_BYTES)
    return flat.reshape(n, NUM_PERM).astype(np.uint32, copy=False)


def micros(column: pa.Array | pa.ChunkedArray) -> I64:
    """Timestamps as integer microseconds."""
    return np.asarray(pc.cast(column, pa.int64()).to_numpy(zero_copy_only=False), dtype=np.int64)


def _signature_array(values: U32) -> pa.Array:
    raw = np.ascontiguousarray(values, dtype="<u4").tobytes()
    return pa.FixedSizeBinaryArray.from_buffers(pa.binary(SIGNATURE_BYTES), len(values), [None, pa.py_buffer(raw)])


@dataclass(frozen=True)
class Earlier:
    """Verified matches of a batch's articles among earlier articles, one row per pair.

    Found by whoever holds the earlier articles (the history join, the run's earlier chunks)
    with :func:`verify`, then resolved together by :func:`resolve`.
    """

    new: I64
    jaccard: F64
    fetched_at: I64
    article_id: list[str]
    cluster_id: list[str | None]
    """Cluster of a history match; None for a batch match (resolved in first-seen order)."""


def verify(
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
    jaccard, keep = verify(sigs.values, sigs.n_shingles, i, sigs.values, sigs.n_shingles, j, policy)
    i, j, jaccard = i[keep], j[keep], jaccard[keep]
    later_is_i = rank[i] > rank[j]
    return np.where(later_is_i, i, j), np.where(later_is_i, j, i), jaccard


def concat_earlier(parts: list[Earlier]) -> Earlier:
    """Several sets of verified matches as one."""
    return Earlier(
        new=np.concatenate([p.new for p in parts]),
        jaccard=np.concatenate([p.jaccard for p in parts]),
        fetched_at=np.concatenate([p.fetched_at for p in parts]),
        article_id=[a for p in parts for a in p.article_id],
        cluster_id=[c for p in parts for c in p.cluster_id],
    )


@dataclass(frozen=True)
class Stored:
    """Candidate articles read from the history index, by position: what verification needs."""

    values: U32
    n_shingles: npt.NDArray[np.int32]
    fetched: I64
    ids: list[str]
    clusters: list[str]

    @classmethod
    def of(cls, found: pa.Table) -> Stored:
        """From rows with ``article_id``, ``cluster_id``, ``fetched_at``, ``n_shingles``, ``signature``."""
        return cls(
            values=signature_values(found["signature"], found.num_rows),
            n_shingles=np.asarray(found["n_shingles"].to_numpy(), dtype=np.int32),
            fetched=micros(found["fetched_at"]),
            ids=found["article_id"].to_pylist(),
            clusters=found["cluster_id"].to_pylist(),
        )


def verify_stored(
    stored: Stored, new: I64, at: I64, sigs: Signatures, ids: list[str], fetched: I64, policy: MatchPolicy
) -> tuple[I64, I64, F64]:
    """Accepted candidate pairs ``(new row, stored position)`` whose stored article is earlier,
    with their Jaccard; a pair given several times (several shared bands) is verified once."""
    width = max(len(stored.ids), 1)
    unique = np.unique(new * width + at)
    new, at = unique // width, unique % width
    earlier = stored.fetched[at] < fetched[new]
    for k in np.flatnonzero(stored.fetched[at] == fetched[new]):  # same first-seen time: smaller id first
        earlier[k] = stored.ids[at[k]] < ids[new[k]]
    jaccard, accepted = verify(sigs.values, sigs.n_shingles, new, stored.values, stored.n_shingles, at, policy)
    keep = np.flatnonzero(earlier & accepted)
    return new[keep], at[keep], jaccard[keep]


def stored_earlier(stored: Stored, matched: list[tuple[I64, I64, F64]]) -> Earlier:
    """The verified pairs found by :func:`verify_stored`, as matches."""
    new = np.concatenate([m[0] for m in matched]) if matched else np.empty(0, np.int64)
    at = np.concatenate([m[1] for m in matched]) if matched else np.empty(0, np.int64)
    jaccard = np.concatenate([m[2] for m in matched]) if matched else np.empty(0)
    return Earlier(
        new=new,
        jaccard=jaccard,
        fetched_at=stored.fetched[at],
        article_id=[stored.ids[k] for k in at],
        cluster_id=[stored.clusters[k] for k in at],
    )


NO_EARLIER = Earlier(np.empty(0, np.int64), np.empty(0), np.empty(0, np.int64), [], [])
"""No verified matches (a first run, or a batch with nothing earlier to match)."""


@dataclass(frozen=True)
class NewBatch:
    """A batch of new articles ready for matching: ids, first-seen times, signatures, band keys."""

    ids: list[str]
    fetched_at: pa.Array | pa.ChunkedArray
    fetched: I64
    sigs: Signatures
    keys: U64
    usable: Bools
    """Rows with at least one shingle: an empty text matches nothing."""
    order: list[int]
    """Row positions in ``(fetched_at, article_id)`` order."""
    rank: I64


def new_batch(
    article_ids: pa.Array | pa.ChunkedArray, fetched_at: pa.Array | pa.ChunkedArray, sigs: Signatures
) -> NewBatch:
    """Band keys and first-seen ranks of a batch; its article ids must be unique."""
    ids: list[str] = article_ids.to_pylist()
    if len(set(ids)) != len(ids):
        msg = "the batch given to near-duplicate matching repeats an article_id; drop exact duplicates first"
        raise ValueError(msg)
    fetched = micros(fetched_at)
    n = len(ids)
    order = sorted(range(n), key=lambda r: (fetched[r], ids[r]))
    rank = np.empty(n, dtype=np.int64)
    rank[order] = np.arange(n)
    return NewBatch(ids, fetched_at, fetched, sigs, band_keys(sigs.values), sigs.n_shingles > 0, order, rank)


def resolve(batch: NewBatch, found: Earlier, policy: MatchPolicy) -> MatchResult:
    """Cluster columns and index rows of ``batch``, given its verified matches among earlier
    articles (``found``); matches inside the batch are found and verified here.
    """
    ids, fetched, keys, usable, sigs = batch.ids, batch.fetched, batch.keys, batch.usable, batch.sigs
    fetched_at, order = batch.fetched_at, batch.order
    n = len(ids)
    later, earlier, batch_jaccard = _batch_matches(keys, usable, sigs, batch.rank, policy)

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
