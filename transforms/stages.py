"""The pipeline stages over the lake: process, dedup, publish.

Each stage reads what the stage before it wrote for one run (``run_id``) and logical date
(``dt``), and replaces its own output file for that run, so any stage can be re-run alone.
The CLI and the Airflow DAG call these same functions.
"""

from __future__ import annotations

import multiprocessing
import os
import tempfile
import threading
from collections import Counter, deque
from collections.abc import Iterator, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.fs as pafs
import pyarrow.parquet as pq

from transforms.dedup import HISTORY_COLUMNS, INDEX_TABLE, mark_duplicates, relevant_history, within_window
from transforms.lake import Lake, run_key
from transforms.process import Outcome, process_records
from transforms.runs import run_rows
from transforms.schemas import ARTICLES, EXTRACTED, FETCHES, REJECTS, RUNS
from transforms.sources import Source, SourcesFile

EXTRACTED_TABLE = "_work/extracted"
PROCESS_BATCH = 64  # fetch records per unit of work (about 3 MB of bodies)
PARALLEL_MIN_RECORDS = 500  # fewer records are extracted in this process: starting workers costs ~1 s
SPOOL_ROW_GROUP = 512  # article rows per Parquet row group while the stage streams
WORKERS_ENV = "NEWSLAKE_PROCESS_WORKERS"


@dataclass(frozen=True)
class StageResult:
    """What a stage wrote: counts an operator reads, and the files."""

    counts: dict[str, int]
    files: list[str] = field(default_factory=list)


def process_stage(lake: Lake, sources: SourcesFile, run_id: str, dt: str, workers: int | None = None) -> StageResult:
    """Extract every article fetch of the run; write extracted articles and rejects.

    Rows stream to local spool files a row group at a time and move into the lake at the
    end, so memory stays flat however many pages the run fetched. A run of at least
    ``PARALLEL_MIN_RECORDS`` records is extracted by ``workers`` processes (default: one per
    core, or ``$NEWSLAKE_PROCESS_WORKERS``), in order, so the files are the same either way.
    """
    by_id = {source.id: source for source in sources.sources}
    paths = lake.files("fetches", run_id=run_id, partitions={"dt": dt})
    name = run_key(run_id)
    counts: Counter[str] = Counter()
    with tempfile.TemporaryDirectory(prefix="newslake-process-") as spool:
        articles = RowSpool(Path(spool) / "articles.parquet", EXTRACTED)
        rejects = RowSpool(Path(spool) / "rejects.parquet", REJECTS)
        for part in _outcomes(lake, paths, by_id, workers):
            articles.add(part.articles)
            rejects.add(part.rejects)
            counts.update(f"rejects.{row['reason']}" for row in part.rejects)
        files = [
            lake.put(EXTRACTED_TABLE, {"dt": dt}, name, articles.finish()),
            lake.put("rejects", {"dt": dt}, name, rejects.finish()),
        ]
    return StageResult({"articles": articles.rows, "rejects": rejects.rows} | dict(counts), files)


class RowSpool:
    """Rows appended to a local Parquet file a row group at a time."""

    def __init__(self, path: Path, schema: pa.Schema, row_group: int = SPOOL_ROW_GROUP) -> None:
        self.path, self.schema, self.row_group = path, schema, row_group
        self._writer = pq.ParquetWriter(path, schema, compression="zstd")
        self._pending: list[dict[str, Any]] = []
        self.rows = 0

    def add(self, rows: list[dict[str, Any]]) -> None:
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


def _outcomes(lake: Lake, paths: list[str], by_id: dict[str, Source], workers: int | None) -> Iterator[Outcome]:
    """Outcomes of the run's fetch records, a batch at a time, in fetch order."""
    batches = (batch for path in paths for batch in _batches(lake.iter_rows(path), PROCESS_BATCH))
    workers = _worker_count(workers)
    if workers <= 1 or _record_count(lake, paths) < PARALLEL_MIN_RECORDS:
        yield from (process_records(batch, by_id) for batch in batches)
        return
    # fork: workers start at once with the extractor loaded, and re-import no __main__;
    # _worker_count allows it only while this process runs a single thread.
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker, initargs=(by_id,)) as pool:
        pending: deque[Future[Outcome]] = deque()
        for batch in batches:
            pending.append(pool.submit(_process_batch, batch))
            if len(pending) >= 2 * workers:  # a bounded window: memory stays flat
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


def _batches(rows: Iterator[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _worker_count(workers: int | None) -> int:
    if multiprocessing.current_process().daemon:
        return 1  # a daemonic worker (Celery's prefork pool) may not start processes
    if threading.active_count() > 1:
        return 1  # forking a process that runs other threads can copy a held lock into the child
    if workers is not None:
        return max(1, workers)
    configured = os.environ.get(WORKERS_ENV, "").strip()
    if configured:
        try:
            return max(1, int(configured))
        except ValueError:
            raise ValueError(
                f"{WORKERS_ENV}={configured!r} is not a whole number of processes; unset it or give e.g. 2"
            ) from None
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _record_count(lake: Lake, paths: list[str]) -> int:
    total = 0
    for path in paths:
        with lake.fs.open(path, "rb") as handle:
            total += pq.ParquetFile(handle).metadata.num_rows
    return total


_worker_sources: dict[str, Source] = {}


def _init_worker(by_id: dict[str, Source]) -> None:
    _worker_sources.update(by_id)


def _process_batch(records: list[dict[str, Any]]) -> Outcome:
    return process_records(records, _worker_sources)


def dedup_stage(lake: Lake, run_id: str, dt: str, history_days: int | None = None) -> StageResult:
    """Mark the run's articles, exact then near duplicates, against earlier articles and each other.

    Writes the articles table file and the run's ``dedup_index`` file. History is every other
    run's files (only those at most ``history_days`` before ``dt`` when given): the articles'
    URL and hash columns for exact marking, the index's band keys (joined in DuckDB) for near.
    """
    new = lake.read(EXTRACTED, lake.files(EXTRACTED_TABLE, run_id=run_id, partitions={"dt": dt})).to_pylist()
    own = set(lake.files("articles", run_id=run_id)) | set(lake.files(INDEX_TABLE, run_id=run_id))
    earlier = within_window([path for path in lake.files("articles") if path not in own], dt, history_days)
    history = relevant_history(lake.read(ARTICLES, earlier, columns=HISTORY_COLUMNS), new).to_pylist()
    index = within_window([path for path in lake.files(INDEX_TABLE) if path not in own], dt, history_days)
    filesystem = None if lake.is_local else pafs.PyFileSystem(pafs.FSSpecHandler(lake.fs))
    marked = mark_duplicates(new, history, index, filesystem=filesystem, one_run=True)
    files = [
        lake.write("articles", {"dt": dt}, run_key(run_id), pa.Table.from_pylist(marked.rows, schema=ARTICLES)),
        lake.write(INDEX_TABLE, {"dt": dt}, run_key(run_id), marked.index_rows),
    ]
    kinds = Counter(row["dup_kind"] for row in marked.rows)
    counts = {
        "articles": len(marked.rows),
        "duplicates": kinds["exact"] + kinds["near"],
        "near": kinds["near"],
        "clusters": len({row["cluster_id"] for row in marked.rows}),
    }
    return StageResult(counts, files)


def publish_stage(
    lake: Lake,
    sources: SourcesFile,
    run_id: str,
    dt: str,
    started_at: datetime,
    finished_at: datetime,
    stage_seconds: Mapping[str, float] | None = None,
) -> StageResult:
    """Write the run's row per source to the runs table (``stage_seconds``: wall time per stage)."""
    fetch_files = lake.files("fetches", run_id=run_id, partitions={"dt": dt})
    fetches = lake.read(FETCHES, fetch_files, columns=["source_id", "role", "status", "error"]).to_pylist()
    article_files = lake.files("articles", run_id=run_id, partitions={"dt": dt})
    articles = lake.read(ARTICLES, article_files, columns=["source_id", "dup_kind"]).to_pylist()
    reject_files = lake.files("rejects", run_id=run_id, partitions={"dt": dt})
    rejects = lake.read(REJECTS, reject_files, columns=["source_id", "reason"]).to_pylist()
    source_ids = {row["source_id"] for row in fetches} or {source.id for source in sources.sources}
    rows = run_rows(run_id, source_ids, fetches, articles, rejects, started_at, finished_at, stage_seconds)
    path = lake.write("runs", {"dt": dt}, run_key(run_id), pa.Table.from_pylist(rows, schema=RUNS))
    return StageResult({"sources": len(rows), "articles": len(articles), "rejects": len(rejects)}, [path])
