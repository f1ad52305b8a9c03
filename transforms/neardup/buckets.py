"""The band-key index cut into buckets, so a run's history join reads one small column per bucket.

The history join asks: which stored articles share a band key with this run's articles? A
run of 20,000 articles has 640,000 band keys spread over the whole key space, so every part of
the index is touched; what keeps the join fast is what is read there. The index stores one
``int64`` *entry* per (article, band) and nothing else that the scan reads:

- the key's top ``bits`` bits choose the bucket (a partition of the table, the entry does not
  repeat them);
- the next :data:`KEY_BITS` bits of the key are the entry's high bits, so entries sort by key;
- the low :data:`REF_BITS` bits are the article's *ref*: the first 24 bits of its
  ``article_id``, a hex digest (sha256, :mod:`transforms.process`), which is also the order of
  the signature table, so a ref names the one row group that holds the article (ids that are
  not hex digests, from ``newslake dedup --input``, get a hashed ref and are looked up by
  reading their files whole).

A bucket's entries are sorted ``int64``: a run's keys are found by binary search, and the
matching entries name the candidate articles. Keys are cut to ``bits + 40`` bits (44 at 16
buckets): against 320M stored entries a run's 640k keys meet about a dozen entries by chance;
a ref is shared by ~1.6 of 10M articles. Both are harmless: the candidates' band keys are
compared in full before anything is verified (:func:`shared_key_pairs`), so the pairs are
exactly those of a join on the full keys.

Entries are ``uint64`` bit patterns with the sign bit flipped, stored as ``int64``, so that
``int64`` order (Parquet statistics, Delta, DuckDB) is key order.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from transforms.neardup.signature import U64

I64 = npt.NDArray[np.int64]
U32 = npt.NDArray[np.uint32]
Bools = npt.NDArray[np.bool_]

BUCKET_BITS = 4
"""16 buckets: a run writes one file per bucket (16 small files), and the join opens each
bucket's files once; memory is bounded by a row group of entries, not by a bucket."""
KEY_BITS = 40
REF_BITS = 24

_SIGN = np.uint64(1 << 63)
_REF_MASK = np.uint64((1 << REF_BITS) - 1)
REF_HEX = REF_BITS // 4
_HEX_PREFIX = re.compile(f"[0-9a-f]{{{REF_HEX}}}")
RANGE = np.int64((1 << REF_BITS) - 1)
"""A probe matches the entries from itself to itself plus this (every ref)."""


def article_refs(article_ids: Sequence[str]) -> U32:
    """Each id's ref: its first 6 hex digits (the lake's ids are sha256 hex digests), or for an id
    that does not start with 6 lowercase hex digits (ids given by a user), 24 bits of its hash."""
    return np.array([_ref(article_id) for article_id in article_ids], dtype=np.uint32)


def _ref(article_id: str) -> int:
    prefix = article_id[:REF_HEX]
    if is_hex_prefix(prefix):
        return int(prefix, 16)
    return int.from_bytes(hashlib.blake2b(article_id.encode(), digest_size=REF_HEX // 2).digest(), "big")


def is_hex_prefix(text: str) -> bool:
    """Whether ``text`` starts with 6 lowercase hex digits (its ref is that prefix)."""
    return _HEX_PREFIX.match(text) is not None


def ref_prefixes(refs: U32) -> list[str]:
    """The id prefix of each ref (what a hex id with that ref starts with)."""
    return [f"{int(ref):0{REF_HEX}x}" for ref in refs]


def buckets_of(keys: U64, bits: int = BUCKET_BITS) -> npt.NDArray[np.int64]:
    """Bucket number of each band key: its top ``bits`` bits."""
    return (keys >> np.uint64(64 - bits)).astype(np.int64)


def _fragment(keys: U64, bits: int) -> U64:
    """The ``KEY_BITS`` key bits below the bucket bits, above ``REF_BITS`` zero bits."""
    return ((keys << np.uint64(bits)) >> np.uint64(64 - KEY_BITS)) << np.uint64(REF_BITS)


def _signed(values: U64) -> I64:
    return (values ^ _SIGN).view(np.int64)


def _unsigned(values: I64) -> U64:
    return values.view(np.uint64) ^ _SIGN


def entries(keys: U64, refs: U32, bits: int = BUCKET_BITS) -> I64:
    """Index entries for band keys ``keys`` of the articles ``refs`` (same shape, flat)."""
    return _signed(_fragment(keys, bits) | (refs.astype(np.uint64) & _REF_MASK))


def probes(keys: U64, bits: int = BUCKET_BITS) -> dict[int, I64]:
    """Per bucket, the sorted distinct lowest entries the keys can match (fragment, ref 0).

    One sort of the keys orders them by bucket and, within a bucket, by fragment.
    """
    ordered = np.sort(keys.ravel())
    bucket = buckets_of(ordered, bits)
    lowest = _signed(_fragment(ordered, bits))
    bounds = np.searchsorted(bucket, np.arange((1 << bits) + 1))
    found = {}
    for b in np.flatnonzero(np.diff(bounds)):
        part = lowest[bounds[b] : bounds[b + 1]]
        keep = np.ones(part.size, dtype=np.bool_)
        keep[1:] = part[1:] != part[:-1]
        found[int(b)] = part[keep]
    return found


def matching_refs(stored: I64, wanted: I64, *, is_sorted: bool | None = None) -> U32:
    """Refs of the ``stored`` entries whose key fragment is one of ``wanted`` (from :func:`probes`)."""
    return (_unsigned(matching_entries(stored, wanted, is_sorted=is_sorted)) & _REF_MASK).astype(np.uint32)


def matching_entries(stored: I64, wanted: I64, *, is_sorted: bool | None = None) -> I64:
    """The ``stored`` entries whose key fragment is one of ``wanted`` (from :func:`probes`), in
    stored order.

    Whichever is cheaper (measured: a probe's binary search costs about as much as 30
    entries through the bitmap): sorted entries (as written) many times more numerous than the
    probes are binary-searched per probe; otherwise (a small file, or files merged unsorted)
    each entry passes through a bitmap of the probes' top 20 bits, and the few that pass are
    checked exactly. Either way ``stored`` is not copied whole.
    """
    if stored.size == 0 or wanted.size == 0:
        return np.empty(0, dtype=np.int64)
    if wanted.size * _SEARCH_COST < stored.size:
        if is_sorted is None:
            is_sorted = bool(np.all(stored[1:] >= stored[:-1]))
        if is_sorted:
            return _searched(stored, wanted)
    # Signed top bits index the bitmap: negative ones wrap around to its upper half, a bijection.
    bitmap = np.zeros(1 << _BITMAP_BITS, dtype=np.bool_)
    bitmap[wanted >> _BITMAP_SHIFT] = True
    maybe = stored[bitmap[stored >> _BITMAP_SHIFT]]
    high, wanted_high = maybe >> _REF_SHIFT, wanted >> _REF_SHIFT
    at = np.minimum(np.searchsorted(wanted_high, high), wanted_high.size - 1)
    found: I64 = maybe[wanted_high[at] == high]
    return found


_SEARCH_COST = 30
_BITMAP_BITS = 20
_BITMAP_SHIFT = np.int64(64 - _BITMAP_BITS)
_REF_SHIFT = np.int64(REF_BITS)


def _searched(stored: I64, wanted: I64) -> I64:
    """:func:`matching_entries` by binary search of each probe's range in sorted entries: where
    each probe's range starts, then, for the few probes with an entry there, where it ends."""
    start = np.searchsorted(stored, wanted, side="left")
    hit = start < stored.size
    hit[hit] = stored[start[hit]] <= wanted[hit] + RANGE
    if not hit.any():
        return np.empty(0, dtype=np.int64)
    start = start[hit]
    counts = np.searchsorted(stored, wanted[hit] + RANGE, side="right") - start
    positions = np.repeat(start - np.cumsum(counts) + counts, counts) + np.arange(int(counts.sum()))
    found: I64 = stored[positions]
    return found


def shared_key_pairs(new_keys: U64, new_rows: I64, stored_keys: U64, stored_rows: I64) -> tuple[I64, I64]:
    """Distinct ``(new row, stored row)`` pairs sharing a full band key (flat keys with their rows)."""
    if new_keys.size == 0 or stored_keys.size == 0:
        empty = np.empty(0, dtype=np.int64)
        return empty, empty
    order = np.argsort(new_keys, kind="stable")
    keys, rows = new_keys[order], new_rows[order]
    start = np.searchsorted(keys, stored_keys, side="left")
    end = np.searchsorted(keys, stored_keys, side="right")
    counts = end - start
    hit = counts > 0
    start, counts, owner = start[hit], counts[hit], stored_rows[hit]
    positions = np.repeat(start - np.cumsum(counts) + counts, counts) + np.arange(int(counts.sum()))
    new = rows[positions]
    old = np.repeat(owner, counts)
    width = int(old.max()) + 1 if old.size else 1
    pair = np.unique(new * width + old)
    return pair // width, pair % width
