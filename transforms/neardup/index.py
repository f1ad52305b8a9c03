"""Arrow schemas of what matching reads and writes.

The dedup index is one row per article ever matched: its signature and band keys, kept in
the lake (Hive-partitioned by ``dt``, which lives in the path, not in these columns) so that
later runs can match against it without re-reading any text.
"""

from __future__ import annotations

import pyarrow as pa

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
"""What :func:`transforms.edge.near_match.match_batch` takes (extra columns are ignored)."""

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
