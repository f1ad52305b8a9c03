"""A reader querying in a loop never sees a duplicate row or part of a run's commit.

The reader is its own process (DuckDB's ``delta_scan`` and ``deltalake``, alternately), as an
analyst's would be, while runs commit and rerun, while maintenance compacts and vacuums, and
while a writer is killed with SIGKILL in the middle of a commit and its run is rerun.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

import pytest
from deltalake import DeltaTable

from tests.support.lake_traffic import commit, problems
from transforms.edge.lake import open_lake
from transforms.edge.maintenance import files_per_day, maintain
from transforms.maintenance import Policy

ROOT = Path(__file__).resolve().parents[3]
CLOSED, OPEN = "2026-05-01", "2026-05-02"
SOURCES = "alpha,beta"


def data_files(uri: str) -> set[Path]:
    """Every Parquet file under the table, committed or not."""
    return set(Path(uri).rglob("*.parquet"))


class Reader:
    """The reader process and the lines it logged, one per query."""

    def __init__(self, uri: str, folder: Path) -> None:
        self.log, self.stop = folder / "reader.log", folder / "stop"
        self.errors = folder / "reader.err"
        with self.errors.open("w") as errors:
            self.process = spawn("reader", uri, str(self.log), str(self.stop), out=subprocess.DEVNULL, err=errors)

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()

    def entries(self) -> list[dict[str, object]]:
        return [json.loads(line) for line in self.log.read_text().splitlines()] if self.log.exists() else []

    def wait_for(self, count: int) -> None:
        deadline = time.monotonic() + 60
        while len(self.entries()) < count:
            assert self.process.poll() is None, self.errors.read_text()
            assert time.monotonic() < deadline, "the reader made no query for a minute"
            time.sleep(0.05)

    @contextmanager
    def watching(self) -> Iterator[None]:
        """The block runs while the reader queries: at least two queries start inside it."""
        before = len(self.entries())
        self.wait_for(before + 1)
        yield
        self.wait_for(len(self.entries()) + 2)


def spawn(*args: str, out: int = subprocess.PIPE, err: int | IO[str] = subprocess.PIPE) -> subprocess.Popen[str]:
    command = [sys.executable, "-m", "tests.support.lake_traffic", *args]
    return subprocess.Popen(command, cwd=ROOT, stdout=out, stderr=err, text=True)


def write_run(uri: str, run_id: str, day: str) -> None:
    writer = spawn("writer", uri, run_id, day, SOURCES)
    _, err = writer.communicate(timeout=120)
    assert writer.returncode == 0, err


@pytest.mark.slow
def test_a_reader_never_sees_a_duplicate_or_half_a_run(tmp_path: Path) -> None:
    uri = str(tmp_path / "fetches")
    for hour in range(6):  # a closed day of hourly runs, one file per run and source
        for source in SOURCES.split(","):
            commit(uri, f"{CLOSED}T{hour:02}-n50", CLOSED, source)
    reader = Reader(uri, tmp_path)
    try:
        reader.wait_for(1)

        with reader.watching():  # (a) runs commit, and one is rerun (its rows replaced in one commit)
            write_run(uri, f"{OPEN}T00-n2000", OPEN)
            write_run(uri, f"{OPEN}T01-n2000", OPEN)
            write_run(uri, f"{OPEN}T00-n2000", OPEN)

        with reader.watching():  # (b) compaction and vacuum of the closed day while a run commits
            writer = spawn("writer", uri, f"{OPEN}T02-n2000", OPEN, SOURCES, out=subprocess.DEVNULL)
            # A grace window of an hour: vacuum keeps every file the reader's snapshot may still list
            # (with none, it deletes them under the reader, which then fails: the window is what protects it).
            (summary,) = maintain(open_lake(str(tmp_path)), Policy(1, 90, 1, 64 * 1024 * 1024)).tables
            _, errors = writer.communicate(timeout=120)
            assert writer.returncode == 0, errors
            assert summary.days_compacted == 1
        assert files_per_day(DeltaTable(uri))[CLOSED] == 1

        with reader.watching():  # (c) a commit killed mid-way, three times, then the run rerun to the end
            killed = 0
            for written in (1, 2, 2):  # once the first source's data file lands, then into the second's
                before = data_files(uri)
                writer = spawn("writer", uri, f"{OPEN}T03-n20000", OPEN, SOURCES)
                assert writer.stdout is not None and writer.stdout.readline().strip() == "committing"
                deadline = time.monotonic() + 120
                while len(data_files(uri) - before) < written and writer.poll() is None:
                    assert time.monotonic() < deadline, "the writer wrote no data file for two minutes"
                    time.sleep(0.002)
                if writer.poll() is None:  # a writer can finish between two looks: then it committed whole
                    os.kill(writer.pid, signal.SIGKILL)
                    killed += 1
                writer.communicate()
            assert killed  # at least one commit was cut off after its data files landed
            write_run(uri, f"{OPEN}T03-n20000", OPEN)

        reader.stop.touch()
        reader.process.wait(timeout=60)
    finally:  # a failed step must not leave the reader running into the next test
        reader.close()
    entries = reader.entries()
    assert [entry["problems"] for entry in entries if entry["problems"]] == []
    assert {entry["reader"] for entry in entries} == {"duckdb", "deltalake"}
    final = DeltaTable(uri).to_pyarrow_table(columns=["run_id", "source", "url"]).to_pylist()
    runs: dict[tuple[str, str], list[str]] = {}
    for row in final:
        runs.setdefault((row["run_id"], row["source"]), []).append(row["url"])
    counts = [(run, source, len(urls), len(set(urls))) for (run, source), urls in runs.items()]
    assert problems(counts) == []
    assert len(counts) == 2 * (6 + 4)  # every run of both days, each whole and once
