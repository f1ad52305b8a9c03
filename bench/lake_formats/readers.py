"""The reads analysts run, against each layout's articles table: DuckDB, Polars and pandas.

DuckDB's ``delta`` and ``httpfs`` extensions come from their PyPI packages and are loaded by path,
so no read needs the network; no ``iceberg`` extension package is installed here, so DuckDB's
Iceberg read is reported as unavailable rather than timed.
"""

from __future__ import annotations

import importlib.util
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd  # type: ignore[import-untyped]  # no stubs in the locked dev group
import polars as pl

from bench.lake_formats.formats import Delta, Iceberg, PlainParquet, open_layout

REPEATS = 3
QUERY = "SELECT dt, count(*) AS n, count(DISTINCT article_id) AS ids FROM {source} GROUP BY dt ORDER BY dt"


def extension(name: str) -> Path:
    """The packaged DuckDB extension's file for the installed DuckDB version."""
    spec = importlib.util.find_spec(f"duckdb_extension_{name}")
    if spec is None or spec.origin is None:
        raise RuntimeError(f"the {name} extension is not installed: add duckdb-extension-{name} to the environment")
    found = sorted(Path(spec.origin).parent.glob(f"extensions/v{duckdb.__version__}/{name}.duckdb_extension"))
    if not found:
        raise RuntimeError(f"duckdb-extension-{name} has no build for DuckDB {duckdb.__version__}")
    return found[0]


def connect(*extensions: str) -> duckdb.DuckDBPyConnection:
    connection = duckdb.connect()
    for name in extensions:
        connection.execute(f"LOAD '{extension(name)}'")
    return connection


def _timed(read: Callable[[], int]) -> dict[str, Any]:
    times, rows = [], 0
    for _ in range(REPEATS):
        started = time.perf_counter()
        rows = read()
        times.append(time.perf_counter() - started)
    return {"ms": 1000 * statistics.median(times), "rows": rows}


def _duckdb_rows(connection: duckdb.DuckDBPyConnection, source: str) -> int:
    result = connection.execute(QUERY.format(source=source)).fetchall()
    return sum(int(row[1]) for row in result)


def _polars_rows(frame: pl.LazyFrame) -> int:
    counts = frame.group_by("dt").agg(pl.len().alias("n"), pl.col("article_id").n_unique().alias("ids")).collect()
    return int(counts["n"].sum())


def _attempt(read: Callable[[], int]) -> dict[str, Any]:
    try:
        return _timed(read)
    except Exception as error:  # an unavailable reader is a finding, reported as such
        return {"error": f"{type(error).__name__}: {str(error).splitlines()[0][:160]}"}


def readers(kind: str, root: Path) -> dict[str, dict[str, Any]]:
    """Each reader's median time for the same grouped count over the articles table."""
    layout = open_layout(kind, root)
    if isinstance(layout, PlainParquet):
        glob = f"{layout.root}/articles/*/*.parquet"
        folder = layout.root / "articles"
        connection = connect()
        return {
            "DuckDB read_parquet glob": _attempt(
                lambda: _duckdb_rows(connection, f"read_parquet('{glob}', hive_partitioning=true)")
            ),
            "Polars scan_parquet": _attempt(lambda: _polars_rows(pl.scan_parquet(glob, hive_partitioning=True))),
            "pandas read_parquet": _attempt(lambda: len(pd.read_parquet(folder, columns=["article_id", "dt"]))),
        }
    if isinstance(layout, Delta):
        uri = layout.uri("articles")
        connection = connect("delta")
        return {
            "DuckDB delta_scan": _attempt(lambda: _duckdb_rows(connection, f"delta_scan('{uri}')")),
            "DuckDB delta_scan, version 0": _attempt(
                lambda: _duckdb_rows(connection, f"delta_scan('{uri}', version => 0)")
            ),
            "Polars scan_delta": _attempt(lambda: _polars_rows(pl.scan_delta(uri))),
            "pandas via DeltaTable.to_pandas": _attempt(
                lambda: len(layout.table("articles").to_pandas(columns=["article_id", "dt"]))
            ),
            "Polars read_delta, version 0": _attempt(lambda: pl.read_delta(uri, version=0).height),
        }
    assert isinstance(layout, Iceberg)
    table = layout.load("articles")
    connection = duckdb.connect()
    return {
        "DuckDB iceberg_scan": _attempt(lambda: _duckdb_rows(connection, f"iceberg_scan('{table.metadata_location}')")),
        "Polars scan_iceberg": _attempt(lambda: _polars_rows(pl.scan_iceberg(table))),
        "pandas via scan().to_pandas": _attempt(
            lambda: len(table.scan(selected_fields=("article_id", "dt")).to_pandas())
        ),
    }
