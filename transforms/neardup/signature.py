"""MinHash signatures and LSH band keys, computed for a whole batch at once with numpy.

Per-document Python work is limited to encoding the normalised text; hashing and the
``NUM_PERM`` min-reductions run as one array pass per permutation over the concatenated
shingle hashes of a chunk of documents (a 1-D ``uint32`` pass per permutation measured ~20×
faster than a 2-D documents×permutations layout, notes/neardup.md §2.1).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np
import numpy.typing as npt

from transforms.neardup.scheme import BANDS, NUM_PERM, POLY_BASE, ROWS, SHINGLE_CHARS, mix64, permutations
from transforms.normalise import normalise, normalise_words

U32 = npt.NDArray[np.uint32]
U64 = npt.NDArray[np.uint64]
I64 = npt.NDArray[np.int64]

EMPTY = np.uint32(0xFFFFFFFF)
"""Signature value of a text without shingles; such texts get no band keys and never match."""

_CHUNK_SHINGLES = 1 << 19  # ~2 MB of uint32 per pass: stays in L2 across the 128 passes


@dataclass(frozen=True)
class Signatures:
    """MinHash signatures of a batch, row ``i`` for text ``i``.

    ``values`` is ``(n, NUM_PERM)`` uint32; ``n_shingles`` counts distinct shingle hashes
    (the set size needed to turn an estimated Jaccard into a containment).
    """

    values: U32
    n_shingles: npt.NDArray[np.int32]


@cache
def _coefficients() -> tuple[U32, U32]:
    return permutations()


def char_shingle_hashes(normalised: str, k: int = SHINGLE_CHARS) -> U32:
    """32-bit hashes of the overlapping ``k``-code-point shingles of an already normalised text."""
    cp = np.frombuffer(normalised.encode("utf-32-le"), dtype="<u4").astype(np.uint64)
    n = cp.size - k + 1
    if n <= 0:
        return np.empty(0, dtype=np.uint32)
    poly = cp[:n].copy()
    base = np.uint64(POLY_BASE)
    for j in range(1, k):
        poly *= base
        poly += cp[j : j + n]
    return (mix64(poly) >> np.uint64(32)).astype(np.uint32)


def word_shingle_hashes(words_text: str, k: int) -> U32:
    """32-bit hashes of ``k``-word shingles of a text from :func:`normalise_words`.

    Each word is first hashed like a character shingle of its whole length (64 bit, mixed),
    then ``k`` consecutive word hashes are combined with the same polynomial and mixed again.
    Only used by the benchmark to compare shingling choices; scheme 1 shingles characters.
    """
    words = words_text.split(" ") if words_text else []
    if len(words) < k:
        return np.empty(0, dtype=np.uint32)
    word_hash = np.fromiter((_word_poly(w) for w in words), dtype=np.uint64, count=len(words))
    word_hash = mix64(word_hash)
    n = word_hash.size - k + 1
    poly = word_hash[:n].copy()
    base = np.uint64(POLY_BASE)
    for j in range(1, k):
        poly *= base
        poly += word_hash[j : j + n]
    return (mix64(poly) >> np.uint64(32)).astype(np.uint32)


def _word_poly(word: str) -> int:
    acc = 0
    for ch in word:
        acc = (acc * POLY_BASE + ord(ch)) & 0xFFFFFFFFFFFFFFFF
    return acc


def shingle_hashes(text: str) -> U32:
    """Scheme shingle hashes of a raw text (normalisation included), in text order."""
    return char_shingle_hashes(normalise(text))


def shingle_hashes_of(text: str, *, kind: str = "char", k: int = SHINGLE_CHARS) -> U32:
    """Distinct shingle hashes under another shingling, for benchmarking alternatives."""
    if kind == "char":
        return np.unique(char_shingle_hashes(normalise(text), k))
    if kind == "word":
        return np.unique(word_shingle_hashes(normalise_words(text), k))
    msg = f"unknown shingle kind {kind!r}; use 'char' or 'word'"
    raise ValueError(msg)


def minhash(shingle_sets: Sequence[U32]) -> Signatures:
    """MinHash signatures of precomputed shingle hash arrays (one array per document)."""
    n_docs = len(shingle_sets)
    values = np.full((n_docs, NUM_PERM), EMPTY, dtype=np.uint32)
    n_shingles = np.fromiter((_distinct(s) for s in shingle_sets), dtype=np.int32, count=n_docs)
    a, b = _coefficients()
    start = 0
    while start < n_docs:
        stop, total = start, 0
        while stop < n_docs and (stop == start or total + shingle_sets[stop].size <= _CHUNK_SHINGLES):
            total += shingle_sets[stop].size
            stop += 1
        _minhash_chunk(shingle_sets[start:stop], values[start:stop], a, b)
        start = stop
    return Signatures(values=values, n_shingles=n_shingles)


def _distinct(hashes: U32) -> int:
    """Number of distinct values; a sort beats ``np.unique`` (hash based in numpy 2.4) ~7×."""
    if hashes.size == 0:
        return 0
    ordered = np.sort(hashes)
    return 1 + int(np.count_nonzero(ordered[1:] != ordered[:-1]))


def _minhash_chunk(chunk: Sequence[U32], out: U32, a: U32, b: U32) -> None:
    sizes = np.fromiter((s.size for s in chunk), dtype=np.int64, count=len(chunk))
    present = np.flatnonzero(sizes)
    if present.size == 0:
        return
    flat = np.concatenate([chunk[int(i)] for i in present])
    starts = np.concatenate(([0], np.cumsum(sizes[present])[:-1]))
    buf = np.empty_like(flat)
    mins = np.empty((NUM_PERM, present.size), dtype=np.uint32)
    for i in range(NUM_PERM):
        np.multiply(flat, a[i], out=buf)
        np.add(buf, b[i], out=buf)
        np.minimum.reduceat(buf, starts, out=mins[i])
    out[present] = mins.T


def signatures(texts: Sequence[str]) -> Signatures:
    """Scheme signatures of raw texts: normalise, shingle, MinHash."""
    return minhash([char_shingle_hashes(normalise(t)) for t in texts])


def band_keys(values: U32, *, bands: int = BANDS, rows: int = ROWS) -> U64:
    """``(n, bands)`` uint64 LSH keys; each key hashes its band number and ``rows`` values."""
    n = values.shape[0]
    base = np.uint64(POLY_BASE)
    v = values[:, : bands * rows].reshape(n, bands, rows).astype(np.uint64)
    poly = np.broadcast_to(np.arange(1, bands + 1, dtype=np.uint64), (n, bands)).copy()
    for j in range(rows):
        poly *= base
        poly += v[:, :, j]
    return mix64(poly)
