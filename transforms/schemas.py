"""Arrow schemas of the lake tables: the contract analysts read against.

Schemas are explicit so a column never changes type between runs because one batch happened
to be all nulls. Partition columns (``source``, ``dt``) live in the Hive paths, not the files.
Every column is documented in docs/schema.md.
"""

from __future__ import annotations

import pyarrow as pa

UTC_TS = pa.timestamp("us", tz="UTC")
HEADER = pa.struct([("name", pa.string()), ("value", pa.string())])

FETCHES = pa.schema(
    [
        ("url", pa.string()),
        ("final_url", pa.string()),
        ("redirect_urls", pa.list_(pa.string())),
        ("role", pa.string()),
        ("status", pa.int32()),
        ("error", pa.string()),
        ("error_detail", pa.string()),
        ("headers", pa.list_(HEADER)),
        ("body", pa.large_binary()),
        ("content_type", pa.string()),
        ("declared_encoding", pa.string()),
        ("used_encoding", pa.string()),
        ("hints", pa.map_(pa.string(), pa.string())),
        ("fetched_at", UTC_TS),
        ("source_id", pa.string()),
        ("source_ids", pa.list_(pa.string())),
        ("run_id", pa.string()),
    ]
)

ARTICLE_FIELDS = [
    ("article_id", pa.string()),
    ("url", pa.string()),
    ("canonical_url", pa.string()),
    ("source_id", pa.string()),
    ("source_ids", pa.list_(pa.string())),
    ("title", pa.string()),
    ("text", pa.large_string()),
    ("published_at", UTC_TS),
    ("published_offset", pa.string()),
    ("date_source", pa.string()),
    ("timezone_inferred", pa.bool_()),
    ("modified_at", UTC_TS),
    ("authors", pa.list_(pa.string())),
    ("credited_source", pa.string()),
    ("editor", pa.string()),
    ("language", pa.string()),
    ("site_name", pa.string()),
    ("image_url", pa.string()),
    ("source_rules", pa.map_(pa.string(), pa.string())),
    ("fetched_at", UTC_TS),
    ("content_hash", pa.string()),
    ("run_id", pa.string()),
]
CLUSTER_FIELDS = [
    ("cluster_id", pa.string()),
    ("is_canonical", pa.bool_()),
    ("duplicate_of", pa.string()),
    ("dup_kind", pa.string()),
    ("similarity", pa.float64()),
]
EXTRACTED = pa.schema(ARTICLE_FIELDS)
ARTICLES = pa.schema(ARTICLE_FIELDS[:-1] + CLUSTER_FIELDS + ARTICLE_FIELDS[-1:])

REJECTS = pa.schema(
    [
        ("url", pa.string()),
        ("source_id", pa.string()),
        ("source_ids", pa.list_(pa.string())),
        ("stage", pa.string()),
        ("reason", pa.string()),
        ("detail", pa.string()),
        ("http_status", pa.int32()),
        ("fetched_at", UTC_TS),
        ("run_id", pa.string()),
    ]
)

RUNS = pa.schema(
    [
        ("run_id", pa.string()),
        ("source_id", pa.string()),
        ("discovered", pa.int64()),
        ("fetched", pa.int64()),
        ("seen_before", pa.int64()),
        ("articles", pa.int64()),
        ("rejects", pa.int64()),
        ("rejects_by_reason", pa.map_(pa.string(), pa.int64())),
        ("duplicates", pa.int64()),
        ("started_at", UTC_TS),
        ("finished_at", UTC_TS),
        ("stage_seconds", pa.map_(pa.string(), pa.float64())),
        ("newslake_version", pa.string()),
        ("extractor_version", pa.string()),
    ]
)
