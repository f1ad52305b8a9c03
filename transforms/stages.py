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
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds
import pyarrow.fs as pafs
import pyarrow.parquet as pq

from transforms.dedup import (
    HISTORY_COLUMNS,
    INDEX_TABLE,
    Match,
    NearMatch,
    NearPass,
    cluster_columns,
    exact_copies,
    relevant_history,
    within_window,
)
from transforms.lake import Lake, run_key
from transforms.neardup import INDEX_SCHEMA
from transforms.process import Outcome, process_records
from transforms.runs import run_rows
from transforms.schemas import ARTICLES, CLUSTER_FIELDS, EXTRACTED, FETCHES, REJECTS, RUNS
from transforms.sources import Source, SourcesFile

EXTRACTED_TABLE = "_work/extracted"
PROCESS_BATCH = 64  # fetch records per unit of work (about 3 MB of bodies)
PARALLEL_MIN_RECORDS = 500  # fewer records are extracted in this process: starting workers costs ~1 s
SPOOL_ROW_GROUP = 512  # article rows per Parquet row group while the stage streams
WORKERS_ENV = "NEWSLAKE_PROCESS_WORKERS"
CLUSTER_NAMES = [name for name, _ in CLUSTER_FIELDS]


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

    The run streams through: its rows are sorted into first-seen order on local disk (DuckDB,
    out of core), then read a batch at a time three times (exact marking on the keys, near
    matching a chunk at a time, writing), so memory does not grow with the run's size; what
    is kept per article is a few hashed keys, and per duplicate its match.
    """
    extracted = lake.files(EXTRACTED_TABLE, run_id=run_id, partitions={"dt": dt})
    own = set(lake.files("articles", run_id=run_id)) | set(lake.files(INDEX_TABLE, run_id=run_id))
    earlier = within_window([path for path in lake.files("articles") if path not in own], dt, history_days)
    index = within_window([path for path in lake.files(INDEX_TABLE) if path not in own], dt, history_days)
    filesystem = None if lake.is_local else pafs.PyFileSystem(pafs.FSSpecHandler(lake.fs))
    with tempfile.TemporaryDirectory(prefix="newslake-dedup-") as tmp:
        spool = Path(tmp)
        ordered = _first_seen_file(extracted, filesystem, spool)
        keys = pq.read_table(ordered, columns=["article_id", "canonical_url", "content_hash", "fetched_at"])
        history = relevant_history(lake.read(ARTICLES, earlier, columns=HISTORY_COLUMNS), keys).to_pylist()
        start = pc.min(keys["fetched_at"]).as_py()
        exact: dict[str, Match] = {}
        near = NearPass(index, spool, filesystem=filesystem)
        for row, match in exact_copies(_first_seen_rows(ordered, start), history):
            if match is None:
                near.add(row["article_id"], row["fetched_at"], row["text"])
            else:
                exact[row["article_id"]] = match
        index_file = _concat_files(near.finish(), spool / "index.parquet", INDEX_SCHEMA)
        articles_file, canonical = _write_articles(ordered, spool / "articles.parquet", exact, near.near)
        files = [
            lake.put("articles", {"dt": dt}, run_key(run_id), articles_file),
            lake.put(INDEX_TABLE, {"dt": dt}, run_key(run_id), index_file),
        ]
    joined = {columns["cluster_id"] for columns in _duplicate_columns(exact, near.near)}
    joined_here = pc.sum(pc.is_in(keys["article_id"], pa.array(sorted(joined), pa.string()))).as_py() or 0
    counts = {
        "articles": keys.num_rows,
        "duplicates": len(exact) + len(near.near),
        "near": len(near.near),
        "clusters": canonical + len(joined) - joined_here,
    }
    return StageResult(counts, files)


FIRST_SEEN = "published_at IS NULL, published_at, article_id"
"""The first-seen order of a run's articles (:func:`transforms.dedup.first_seen_order`) in SQL."""
SORT_MEMORY = "256MB"  # DuckDB spills a larger run to the spool folder
DEDUP_BATCH = 256  # rows read at a time from the sorted run


def _first_seen_file(files: list[str], filesystem: pafs.FileSystem | None, spool: Path) -> Path:
    """The run's extracted rows in first-seen order, in a local Parquet file."""
    target = spool / "first_seen.parquet"
    if not files:
        pq.write_table(EXTRACTED.empty_table(), target)
        return target
    config: dict[str, str | bool | int | float | list[str]] = {
        "memory_limit": SORT_MEMORY,
        "temp_directory": str(spool / "sort"),
    }
    with duckdb.connect(config=config) as con:
        con.register("extracted", ds.dataset(files, schema=EXTRACTED, filesystem=filesystem, format="parquet"))
        query = f"SELECT * FROM extracted ORDER BY {FIRST_SEEN}"  # noqa: S608 - constant SQL
        con.execute(f"COPY ({query}) TO '{target}' (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 2048)")
    return target


def _batches_of(path: Path, columns: list[str] | None = None) -> Iterator[pa.Table]:
    """A local Parquet file a few hundred rows at a time, cast to the extracted schema."""
    wanted = pa.schema([EXTRACTED.field(name) for name in columns or EXTRACTED.names])
    for batch in pq.ParquetFile(path).iter_batches(batch_size=DEDUP_BATCH, columns=wanted.names):
        yield pa.Table.from_batches([batch]).select(wanted.names).cast(wanted)


def _first_seen_rows(ordered: Path, start: datetime) -> Iterator[dict[str, Any]]:
    """Rows for marking, in first-seen order, one microsecond apart from the run's first fetch."""
    k = 0
    for table in _batches_of(ordered, ["article_id", "canonical_url", "content_hash", "text"]):
        for row in table.to_pylist():
            yield row | {"fetched_at": start + timedelta(microseconds=k)}
            k += 1


def _duplicate_columns(exact: Mapping[str, Match], near: Mapping[str, NearMatch]) -> Iterator[dict[str, Any]]:
    for article_id in exact.keys() | near.keys():
        yield cluster_columns(article_id, exact, near)


def _write_articles(
    ordered: Path, target: Path, exact: Mapping[str, Match], near: Mapping[str, NearMatch]
) -> tuple[Path, int]:
    """The articles file: the run's rows with their cluster columns; and how many are canonical."""
    canonical = 0
    with pq.ParquetWriter(target, ARTICLES, compression="zstd") as writer:
        for table in _batches_of(ordered):
            columns = [cluster_columns(article_id, exact, near) for article_id in table["article_id"].to_pylist()]
            canonical += sum(1 for c in columns if c["is_canonical"])
            clustered = table
            for name in CLUSTER_NAMES:
                clustered = clustered.append_column(
                    ARTICLES.field(name), pa.array([c[name] for c in columns], ARTICLES.field(name).type)
                )
            writer.write_table(clustered.select(ARTICLES.names))
    return target, canonical


def _concat_files(files: list[Path], target: Path, schema: pa.Schema) -> Path:
    """Local Parquet files appended into one, a file at a time."""
    with pq.ParquetWriter(target, schema, compression="zstd") as writer:
        for path in files:
            writer.write_table(pq.read_table(path).cast(schema))
    return target


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
