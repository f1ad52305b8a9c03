"""Processes that read and write one fetches table at the same time, for the reader-consistency test.

Run as ``python -m tests.support.lake_traffic reader URI LOG STOP`` or
``… writer URI RUN_ID DAY SOURCES``. Each is its own spawned process: ``deltalake`` must not be
used in a forked child, and a writer must be killable with SIGKILL mid-commit.

A run id ends in ``-n<rows>``: every source of the run commits that many rows, so a reader
knows what a whole run looks like without asking anyone.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from deltalake import DeltaTable

from tests.support.delta_rows import fetch_rows
from transforms.edge import duck
from transforms.edge.lake import open_lake
from transforms.schemas import FETCHES

BODY = b"<html><body><p>" + b"x" * 2000 + b"</p></body></html>"


def expected_rows(run_id: str) -> int:
    """How many rows each source of the run commits (the ``-n<rows>`` suffix)."""
    return int(run_id.rsplit("-n", 1)[1])


def commit(uri: str, run_id: str, day: str, source: str) -> None:
    """One source's rows of a run through the lake's run commit (a rerun replaces the run's earlier rows)."""
    rows = fetch_rows(run_id, source, day, expected_rows(run_id), body=BODY).drop_columns(["source", "dt"])
    lake = open_lake(str(Path(uri).parent))
    lake.commit(Path(uri).name, FETCHES, {"dt": day}, run_id, rows, scope={"source": source})


def problems(counts: list[tuple[str, str, int, int]]) -> list[str]:
    """What a reader must never see: part of a source's run, or a URL of a run twice."""
    found = []
    for run_id, source, rows, urls in counts:
        if rows != expected_rows(run_id):
            found.append(f"{run_id}/{source}: {rows} rows of {expected_rows(run_id)}")
        if urls != rows:
            found.append(f"{run_id}/{source}: {rows - urls} duplicate rows")
    return found


def read_loop(uri: str, log: Path, stop: Path) -> None:
    """Query the table until ``stop`` exists, alternating DuckDB and deltalake; a line in ``log`` per query."""
    connection = duck.connect()
    sql = (
        "SELECT run_id, source, count(*), count(DISTINCT url) "
        f"FROM delta_scan('{uri}') GROUP BY run_id, source ORDER BY ALL"
    )
    queries = 0
    with log.open("a") as out:
        while not stop.exists():
            if not DeltaTable.is_deltatable(uri):
                time.sleep(0.01)
                continue
            if queries % 2 == 0:
                counts = [(str(r), str(s), int(n), int(d)) for r, s, n, d in connection.sql(sql).fetchall()]
                reader = "duckdb"
            else:
                counts = _deltalake_counts(uri)
                reader = "deltalake"
            queries += 1
            out.write(json.dumps({"reader": reader, "problems": problems(counts), "runs": len(counts)}) + "\n")
            out.flush()


def _deltalake_counts(uri: str) -> list[tuple[str, str, int, int]]:
    table = DeltaTable(uri).to_pyarrow_table(columns=["run_id", "source", "url"]).to_pylist()
    rows: dict[tuple[str, str], list[str]] = {}
    for row in table:
        rows.setdefault((row["run_id"], row["source"]), []).append(row["url"])
    return [(run, source, len(urls), len(set(urls))) for (run, source), urls in sorted(rows.items())]


def main(argv: list[str]) -> None:
    if argv[0] == "reader":
        read_loop(argv[1], Path(argv[2]), Path(argv[3]))
    else:
        _, uri, run_id, day, sources = argv
        print("committing", flush=True)  # imports done: a kill from here on lands in the commit
        for source in sources.split(","):
            commit(uri, run_id, day, source)


if __name__ == "__main__":
    main(sys.argv[1:])
