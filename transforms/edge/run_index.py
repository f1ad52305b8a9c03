"""The articles of a run matched so far, for matching the run's next chunk against them.

A long run is matched a chunk at a time (see ``transforms.dedup.NearPass``). Scanning the
run's earlier chunks again in DuckDB for every chunk made memory and time grow with the run;
this table keeps what candidate generation needs in memory (each article's band keys, sorted
per chunk, and its row: ~400 B per article) and its signature in a local file, read back one
earlier chunk at a time.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt

from transforms.neardup.scheme import NUM_PERM
from transforms.neardup.signature import U32, U64, Signatures

I64 = npt.NDArray[np.int64]
I32 = npt.NDArray[np.int32]
Bools = npt.NDArray[np.bool_]

SLICE_ROWS = 256
"""New articles looked up together: on text full of stock phrases each has hundreds of
candidates, so a slice yields ~100,000 pairs at most."""

_SIGNATURE_BYTES = NUM_PERM * 4


class RunIndex:
    """Band keys, first-seen times, ids and clusters of a run's matched articles, by position."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._chunks: list[tuple[int, int, U64, I32]] = []  # start, size, sorted band keys, owner row
        self.fetched = np.empty(0, dtype=np.int64)
        self.n_shingles = np.empty(0, dtype=np.int32)
        self.ids: list[str] = []
        self.clusters: list[str] = []
        path.write_bytes(b"")

    def __len__(self) -> int:
        return len(self.ids)

    def add(
        self,
        keys: U64,
        signed: Signatures,
        ids: Sequence[str],
        fetched: I64,
        clusters: Sequence[str],
    ) -> None:
        """Append a matched chunk (its clusters resolved); texts without shingles get no keys."""
        usable = np.flatnonzero(signed.n_shingles > 0)
        flat = keys[usable].ravel()
        owners = np.repeat(usable, keys.shape[1]).astype(np.int32)
        order = np.argsort(flat, kind="stable")
        self._chunks.append((len(self.ids), len(ids), flat[order], owners[order]))
        with self.path.open("ab") as out:
            out.write(np.ascontiguousarray(signed.values, dtype="<u4").tobytes())
        self.fetched = np.concatenate([self.fetched, fetched.astype(np.int64)])
        self.n_shingles = np.concatenate([self.n_shingles, signed.n_shingles.astype(np.int32)])
        self.ids.extend(ids)
        self.clusters.extend(clusters)

    def candidates(self, keys: U64, usable: Bools) -> Iterator[tuple[I64, I64, Signatures, int]]:
        """Pairs ``(new row, earlier row)`` sharing a band key, with the earlier chunk's signatures.

        A slice of new rows against one earlier chunk at a time; an earlier row is a row of
        that chunk's signatures, and its position in the run is the chunk's start (yielded
        last) plus the row.
        Each pair comes once, however many bands it shares.
        """
        rows = np.flatnonzero(usable)
        for start, size, sorted_keys, owners in self._chunks:
            block: Signatures | None = None
            width = max(size, 1)
            for part in range(0, rows.size, SLICE_ROWS):
                sub = rows[part : part + SLICE_ROWS]
                wanted = keys[sub].ravel()
                wanted_row = np.repeat(sub, keys.shape[1])
                low = np.searchsorted(sorted_keys, wanted, side="left")
                lengths = np.searchsorted(sorted_keys, wanted, side="right") - low
                hit = lengths > 0
                if not hit.any():
                    continue
                low, lengths, wanted_row = low[hit], lengths[hit], wanted_row[hit]
                total = int(lengths.sum())
                # For each hit key, the run of equal keys low .. low + length - 1, flattened.
                step = np.arange(total, dtype=np.int64) - np.repeat(np.cumsum(lengths) - lengths, lengths)
                position = owners[np.repeat(low, lengths) + step]
                pair = np.unique(np.repeat(wanted_row, lengths) * width + position)
                block = block or self._block(start, size)
                yield pair // width, pair % width, block, start

    def _block(self, start: int, size: int) -> Signatures:
        """The signatures of one earlier chunk, read from the local file in one piece."""
        with self.path.open("rb") as handle:
            raw = os.pread(handle.fileno(), size * _SIGNATURE_BYTES, start * _SIGNATURE_BYTES)
        values: U32 = np.frombuffer(raw, dtype="<u4").reshape(size, NUM_PERM).astype(np.uint32)
        return Signatures(values, self.n_shingles[start : start + size])
