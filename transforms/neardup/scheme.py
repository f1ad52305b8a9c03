"""The signature scheme: every constant a stored signature or band key depends on.

Signatures and band keys are kept in the lake and compared with signatures computed by later
versions of this library, possibly years later. They must therefore not depend on a library's
internals (datasketch and rensa both changed their formats in place) nor on numpy's random
streams. Everything here is plain integer arithmetic that can be re-implemented in any
language from this description. Changing anything below changes :data:`SCHEME_VERSION`.

Scheme 1
--------
1. Text: :func:`transforms.normalise.normalise` (NFKC, case fold, OpenCC ``t2s``,
   NFKC, drop every ``[\\W_]`` character).
2. Shingles: overlapping runs of ``SHINGLE_CHARS`` Unicode code points of that string.
   A text shorter than one shingle has no shingles, no signature and no band keys.
3. Shingle hash (64 bit, all arithmetic mod 2**64):
   ``poly = sum(cp[j] * POLY_BASE ** (k - 1 - j))`` over the shingle's code points, then
   ``mix64(poly)``, and the high 32 bits are kept: ``h = mix64(poly) >> 32``.
   ``mix64`` is the splitmix64 finaliser::

       z = x + 0x9E3779B97F4A7C15
       z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9
       z = (z ^ (z >> 27)) * 0x94D049BB133111EB
       return z ^ (z >> 31)

   This replaces xxhash64-of-bytes: it is the same quality of mixing but runs as a few numpy
   array operations over a whole batch instead of one Python call per shingle (the loop,
   not the hash, was the bottleneck: ~3.5k docs/s versus >30k).
4. Permutations: ``NUM_PERM`` affine maps on 32-bit values, ``pi_i(h) = (A[i] * h + B[i])
   mod 2**32``, ``A[i]`` odd (so each map is a bijection). Signature value ``i`` is
   ``min(pi_i(h))`` over the text's shingle hashes, a ``uint32``.
   ``A`` and ``B`` come from a counter-based stream: ``draw(n) = mix64(SEED + n)`` (mod 2**64),
   ``A[i] = (draw(2 * i) >> 32) | 1`` and ``B[i] = draw(2 * i + 1) >> 32``.
5. Band keys: the signature is cut into ``BANDS`` bands of ``ROWS`` consecutive values.
   Band ``b`` (0-based) has key ``mix64(poly)`` with
   ``poly = (b + 1) * POLY_BASE ** ROWS + sum(v[j] * POLY_BASE ** (ROWS - 1 - j))``
   (mod 2**64), stored as ``uint64``. The band number is inside the key, so one equality join
   on keys finds every band collision.
"""

from __future__ import annotations

from typing import Final

import numpy as np
import numpy.typing as npt

SCHEME_VERSION: Final = 1
SCHEME_NAME: Final = "cp5-kperm128-affine32-b32r4-v1"

SHINGLE_CHARS: Final = 5
NUM_PERM: Final = 128
BANDS: Final = 32
ROWS: Final = 4
SEED: Final = 0x6E65_6172_6475_7031  # b"neardup1"
POLY_BASE: Final = 0x100000001B3  # the 64-bit FNV prime: odd, so invertible mod 2**64

MASK64: Final = (1 << 64) - 1
_GOLDEN: Final = 0x9E3779B97F4A7C15

assert BANDS * ROWS <= NUM_PERM


def mix64_int(x: int) -> int:
    """The splitmix64 finaliser on a Python int (reference for the numpy version)."""
    z = (x + _GOLDEN) & MASK64
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK64
    return z ^ (z >> 31)


def mix64(x: npt.NDArray[np.uint64]) -> npt.NDArray[np.uint64]:
    """The splitmix64 finaliser over an array; uint64 array arithmetic wraps mod 2**64."""
    z = x + np.uint64(_GOLDEN)
    z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return z ^ (z >> np.uint64(31))


def permutations() -> tuple[npt.NDArray[np.uint32], npt.NDArray[np.uint32]]:
    """The ``A`` and ``B`` coefficients of the ``NUM_PERM`` affine maps, as documented above."""
    a = [(mix64_int((SEED + 2 * i) & MASK64) >> 32) | 1 for i in range(NUM_PERM)]
    b = [mix64_int((SEED + 2 * i + 1) & MASK64) >> 32 for i in range(NUM_PERM)]
    return np.array(a, dtype=np.uint32), np.array(b, dtype=np.uint32)
