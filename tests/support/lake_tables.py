"""Reading lake tables in tests the way an analyst would: through Delta, never by globbing files.

A Delta table's folder also holds files that no snapshot lists any more (a rerun's replaced
rows, a killed commit's orphan), so a glob over ``*.parquet`` would count rows twice.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb

from transforms.edge.duck import connect
from transforms.edge.lake import open_lake


def table_rows(lake: str | Path, table: str, columns: list[str] | None = None) -> list[dict[str, Any]]:
    """The rows of a table's current snapshot (partition columns included); none while it has no commit."""
    snapshot = open_lake(str(lake)).delta(table)
    if snapshot is None:
        return []
    rows: list[dict[str, Any]] = snapshot.to_pyarrow_table(columns=columns).to_pylist()
    return rows


def duck(lake: str | Path | None) -> duckdb.DuckDBPyConnection:
    """A DuckDB connection that reads the lake's tables with ``delta_scan``."""
    return connect(None if lake is None else str(lake))
