"""Near-duplicate detection: MinHash signatures, LSH band keys and clustering across runs.

A pure library (no I/O beyond reading a given history index, no clock). The dedup stage
removes exact duplicates first, then calls :func:`match_batch` once per run::

    from transforms.neardup import INDEX_SCHEMA, match_batch

    result = match_batch(batch, history=index_paths, filesystem=fs)
    # result.matches:    article_id, cluster_id, is_canonical, duplicate_of, similarity, dup_kind
    #                    (MATCH_SCHEMA, same row order as ``batch``)
    # result.index_rows: rows to append to the dedup index partition of this run (INDEX_SCHEMA)

``batch`` is a ``pyarrow.Table`` with ``article_id`` (unique), ``fetched_at``
(``timestamp[us, tz=UTC]``, the first-seen time) and ``text``. ``history`` is the dedup index
written by earlier runs: a ``pyarrow.Table``, a ``pyarrow.dataset.Dataset`` or a list of
Parquet paths (read through ``filesystem`` when given, else by DuckDB directly); ``None`` for
the first run. It is joined on band keys in DuckDB, streaming, so a million-row index is
never held in memory.

Rules:

- A new article joins the cluster of its best verified earlier match (highest estimated
  Jaccard, then earliest ``(fetched_at, article_id)``); ``duplicate_of`` names that match.
  Clusters never merge, so one loose match cannot chain two stories together.
- ``cluster_id`` is the ``article_id`` of the cluster's first-seen article, the only row with
  ``is_canonical``. Inside a batch, articles are taken in ``(fetched_at, article_id)`` order.
- Deterministic: the same batch and history give the same clusters. History rows whose
  ``article_id`` is in the batch are ignored, so re-running a run after its index rows were
  written gives the same answer.
- The line (:class:`MatchPolicy`): estimated Jaccard >= 0.4 on normalised 5-character
  shingles, or >= 80% of the smaller text contained in the larger with a size ratio >= 0.3
  (truncated "阅读全文" copies). Syndicated copies with a reworded headline, a dropped or
  trimmed paragraph, an editor's note and an ad paragraph, Traditional-character copies and
  60% truncations are duplicates; a follow-up repeating one background paragraph is not.

Building blocks, for the benchmark and for re-banding: :func:`normalise`,
:func:`signatures` (``Signatures.values`` ``(n, 128)`` uint32, ``n_shingles``),
:func:`band_keys`, :func:`estimate`, :func:`accept`, and :func:`match_signatures` (the same
matching for signatures computed beforehand). The stored format is fixed by
:data:`SCHEME_VERSION`, described in :mod:`transforms.neardup.scheme`; a history holding
another version is refused with a clear error rather than silently never matching.
"""

from transforms.neardup.index import BATCH_SCHEMA, INDEX_SCHEMA, MATCH_SCHEMA, History
from transforms.neardup.match import MatchPolicy, MatchResult, accept, estimate, match_batch, match_signatures
from transforms.neardup.normalise import normalise
from transforms.neardup.scheme import BANDS, NUM_PERM, ROWS, SCHEME_NAME, SCHEME_VERSION, SHINGLE_CHARS
from transforms.neardup.signature import Signatures, band_keys, shingle_hashes, signatures

__all__ = [
    "BANDS",
    "BATCH_SCHEMA",
    "INDEX_SCHEMA",
    "MATCH_SCHEMA",
    "NUM_PERM",
    "ROWS",
    "SCHEME_NAME",
    "SCHEME_VERSION",
    "SHINGLE_CHARS",
    "History",
    "MatchPolicy",
    "MatchResult",
    "Signatures",
    "accept",
    "band_keys",
    "estimate",
    "match_batch",
    "match_signatures",
    "normalise",
    "shingle_hashes",
    "signatures",
]
