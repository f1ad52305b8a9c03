"""Reprocessing: extract and dedup stored fetches again, without crawling.

The run used after an extractor or dedup upgrade. Every run with fetches in the date range
is processed again, oldest first, with the same stage functions as a normal run; each stage
replaces that run's rows (one commit per table), so on unchanged code the lake ends up with
the same rows, and reprocessing twice equals reprocessing once.

Dedup must see a run's history as it was: only earlier runs. The dedup stage is therefore
told to hide the rows of runs that came later, so a reprocessed copy never becomes a
duplicate of its own later copies. The runs table rows are rewritten with the new counts,
keeping each run's original start and finish times.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime

import pyarrow as pa

from transforms.edge.lake import Lake
from transforms.edge.stages import StageResult, dedup_stage, process_stage, publish_stage
from transforms.layout import partition_values
from transforms.schemas import FETCHES, RUNS
from transforms.sources import SourcesFile

Progress = Callable[[str], None]


@dataclass(frozen=True)
class StoredRun:
    """A run found in the fetches table: its run id, logical date and first fetch time."""

    key: str
    dt: str
    first_fetch: datetime | None


def stored_runs(lake: Lake, start: date | None = None, end: date | None = None) -> list[StoredRun]:
    """Runs with fetches whose ``dt`` lies in [start, end], oldest first."""
    first: dict[tuple[str, str], datetime | None] = {}
    for path in lake.files("fetches"):
        dt = partition_values(path).get("dt", "")
        if (start and dt < start.isoformat()) or (end and dt > end.isoformat()):
            continue
        rows = lake.read(FETCHES, [path], columns=["run_id", "fetched_at"]).to_pylist()
        for row in rows:
            key, when = (row["run_id"], dt), row["fetched_at"]
            earliest = first.get(key)
            first[key] = when if earliest is None or (when is not None and when < earliest) else earliest
    return sorted((StoredRun(run_id, dt, when) for (run_id, dt), when in first.items()), key=_order)


def _order(run: StoredRun) -> tuple[str, str, str]:
    return (run.dt, run.first_fetch.isoformat() if run.first_fetch else "", run.key)


def reprocess_range(
    lake: Lake,
    sources: SourcesFile,
    start: date,
    end: date,
    progress: Progress = print,
) -> Iterator[tuple[StoredRun, dict[str, StageResult]]]:
    """Process, dedup and publish every stored run in [start, end] again, oldest first."""
    if end < start:
        raise ValueError(f"the end date {end} is before the start date {start}")
    every = stored_runs(lake)
    chosen = [run for run in every if start.isoformat() <= run.dt <= end.isoformat()]
    progress(f"reprocess {len(chosen)} runs with fetches from {start} to {end}")
    for run in chosen:
        later = frozenset(other.key for other in every if _order(other) > _order(run))
        results = {
            "process": process_stage(lake, sources, run.key, run.dt),
            "dedup": dedup_stage(lake, run.key, run.dt, hidden_runs=later),
        }
        results["publish"] = _republish(lake, sources, run)
        progress(f"reprocess {run.key} (dt {run.dt}): " + ", ".join(f"{k} {v.counts}" for k, v in results.items()))
        yield run, results


def _republish(lake: Lake, sources: SourcesFile, run: StoredRun) -> StageResult:
    """Rewrite the run's runs rows with the new counts, keeping its times (when it had rows)."""
    files = lake.files("runs", partitions={"dt": run.dt}, run_id=run.key)
    before = lake.read(RUNS, files, columns=["run_id", "started_at", "finished_at"], run_id=run.key).to_pylist()
    if not before:
        return StageResult({"sources": 0})
    try:
        timings = dict(lake.read(RUNS, files, columns=["stage_seconds"], run_id=run.key).column(0)[0].as_py() or [])
    except (KeyError, ValueError, pa.ArrowInvalid):  # rows written before the column existed
        timings = {}
    first = before[0]
    return publish_stage(lake, sources, first["run_id"], run.dt, first["started_at"], first["finished_at"], timings)
