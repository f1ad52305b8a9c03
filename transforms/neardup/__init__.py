r"""Near-duplicate detection: MinHash signatures, LSH band keys and the rules that cluster them.

Pure: values in, values out. Texts become :func:`signatures` (``Signatures.values``
``(n, 128)`` uint32 and ``n_shingles``) of a :func:`normalise`\d text, then :func:`band_keys`;
matching verifies candidate pairs with :func:`estimate` and :func:`accept` under a
:class:`MatchPolicy` and picks each article's cluster with :func:`~transforms.neardup.match.resolve`.
Finding the candidates that live in files (the history index, joined in DuckDB; the run's
earlier chunks in a spool) is the edge's job: :mod:`transforms.edge.near_match`
(``match_batch``, ``match_signatures``) and :mod:`transforms.edge.near_pass` (a run streamed a
chunk at a time), which the dedup stage calls after exact marking.

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

The stored format is fixed by :data:`SCHEME_VERSION`, described in
:mod:`transforms.neardup.scheme`; a history holding another version is refused with a clear
error rather than silently never matching.
"""

from transforms.neardup.index import BATCH_SCHEMA, INDEX_SCHEMA, MATCH_SCHEMA
from transforms.neardup.match import MatchPolicy, MatchResult, accept, estimate
from transforms.neardup.scheme import BANDS, NUM_PERM, ROWS, SCHEME_NAME, SCHEME_VERSION, SHINGLE_CHARS
from transforms.neardup.signature import Signatures, band_keys, shingle_hashes, signatures
from transforms.normalise import normalise

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
    "MatchPolicy",
    "MatchResult",
    "Signatures",
    "accept",
    "band_keys",
    "estimate",
    "normalise",
    "shingle_hashes",
    "signatures",
]
