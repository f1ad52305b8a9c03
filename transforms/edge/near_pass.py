"""Near matching of a run's articles in bounded memory: chunks matched against the history
index and the run's earlier chunks, their index rows spooled to local files.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.fs as pafs
import pyarrow.parquet as pq

from transforms.dedup import NearMatch
from transforms.edge.near_match import History, match_signatures
from transforms.edge.run_index import RunIndex
from transforms.neardup import INDEX_SCHEMA, MatchPolicy, Signatures, band_keys

NEAR_CHUNK = 4096
"""Articles matched together. Dedup's peak memory follows the chunk, not the run: 274 MB for a
run of 10,000 articles, 298 MB for 40,000 (8192: 288 and 350 MB; 2048: 275 and 281 MB but
twice the history scans)."""


class NearPass:
    """Near matching of the articles that are not exact copies, fed in first-seen order.

    Articles are matched ``chunk`` at a time against the history index and against the run's
    earlier chunks (a :class:`~transforms.edge.run_index.RunIndex`: band keys in memory,
    signatures in ``spool``). Matching treats an earlier article the same
    whether it is in the batch or in the history (see :mod:`transforms.neardup.match`), so the
    clusters do not depend on the chunk size, while memory is bounded by one chunk.
    """

    def __init__(
        self,
        index: History | None,
        spool: Path,
        *,
        filesystem: pafs.FileSystem | None = None,
        policy: MatchPolicy | None = None,
        chunk: int | None = None,
    ) -> None:
        self.index, self.spool, self.filesystem, self.policy = index, spool, filesystem, policy
        self.chunk = chunk or NEAR_CHUNK
        self.near: dict[str, NearMatch] = {}
        self.files: list[Path] = []
        self.run = RunIndex(spool / "run-signatures.u32")
        self._ids: list[str] = []
        self._first_seen: list[datetime] = []
        self._signed: list[Signatures] = []

    def add(self, article_ids: Sequence[str], first_seen: Sequence[datetime], signed: Signatures) -> None:
        """Queue articles with their signatures; a full chunk is matched at once."""
        self._ids.extend(article_ids)
        self._first_seen.extend(first_seen)
        self._signed.append(signed)
        if len(self._ids) >= self.chunk:
            self._flush()

    def finish(self) -> list[Path]:
        """Match what is queued; the index files of the articles, in first-seen order."""
        self._flush()
        return self.files

    def _flush(self) -> None:
        if not self._ids:
            return
        signed = Signatures(
            np.concatenate([part.values for part in self._signed]),
            np.concatenate([part.n_shingles for part in self._signed]),
        )
        first_seen = pa.array(self._first_seen, INDEX_SCHEMA.field("fetched_at").type)
        result = match_signatures(
            pa.array(self._ids, pa.string()),
            first_seen,
            signed,
            self.index,
            filesystem=self.filesystem,
            policy=self.policy,
            run=self.run,
        )
        micros = np.asarray(pc.cast(first_seen, pa.int64()).to_numpy(zero_copy_only=False), dtype=np.int64)
        self.run.add(band_keys(signed.values), signed, self._ids, micros, result.matches["cluster_id"].to_pylist())
        for row in result.matches.filter(pc.equal(result.matches["dup_kind"], "near")).to_pylist():
            self.near[row["article_id"]] = NearMatch(row["cluster_id"], row["duplicate_of"], float(row["similarity"]))
        path = self.spool / f"index-{len(self.files):05d}.parquet"
        pq.write_table(result.index_rows, path, compression="zstd")
        self.files.append(path)
        self._ids, self._first_seen, self._signed = [], [], []
