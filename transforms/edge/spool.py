"""Local spool files: rows and signatures a stage streams through without holding them.

A stage (or a crawl's fetch writer) writes its output here a row group at a time and moves the finished file into the
lake at the end, so memory stays flat however large the run.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.parquet as pq

from transforms.neardup import NUM_PERM, Signatures

SPOOL_ROW_GROUP = 512  # article rows per Parquet row group while the stage streams


class RowSpool:
    """Rows appended to a local Parquet file a row group at a time."""

    def __init__(self, path: Path, schema: pa.Schema, row_group: int = SPOOL_ROW_GROUP) -> None:
        self.path, self.schema, self.row_group = path, schema, row_group
        self._writer = pq.ParquetWriter(path, schema, compression="zstd")
        self._pending: list[Mapping[str, Any]] = []
        self.rows = 0

    def add(self, rows: Sequence[Mapping[str, Any]]) -> None:
        """Buffer rows; write a row group once enough are buffered."""
        self._pending.extend(rows)
        self.rows += len(rows)
        if len(self._pending) >= self.row_group:
            self._flush()

    def finish(self) -> Path:
        """Write what is buffered, close the file and return its path."""
        self._flush()
        self._writer.close()
        return self.path

    def _flush(self) -> None:
        if self._pending:
            self._writer.write_table(pa.Table.from_pylist(self._pending, schema=self.schema))
            self._pending.clear()


class SignatureSpool:
    """Signatures of a run by row position, in a local file: read back in any order, never all held."""

    def __init__(self, path: Path, n_shingles: npt.NDArray[np.int32]) -> None:
        self.path, self.n_shingles = path, n_shingles

    def read(self, positions: npt.NDArray[np.int64]) -> Signatures:
        """The signatures of the rows at ``positions``."""
        size = NUM_PERM * 4
        with self.path.open("rb") as handle:
            fd = handle.fileno()
            raw = b"".join(os.pread(fd, size, int(position) * size) for position in positions)
        values = np.frombuffer(raw, dtype="<u4").reshape(len(positions), NUM_PERM).astype(np.uint32)
        return Signatures(values, self.n_shingles[positions])


def concat_files(files: list[Path], target: Path, schema: pa.Schema) -> Path:
    """Local Parquet files appended into one, a file at a time."""
    with pq.ParquetWriter(target, schema, compression="zstd") as writer:
        for path in files:
            writer.write_table(pq.read_table(path).cast(schema))
    return target
