"""The pipeline stages over the lake: process, dedup, publish.

Each stage reads what the stage before it wrote for one run (``run_id``) and logical date
(``dt``), and replaces its own output file for that run, so any stage can be re-run alone.
The CLI and the Airflow DAG call these same functions.
"""

from __future__ import annotations

import itertools
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

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.fs as pafs
import pyarrow.parquet as pq

from transforms.dedup import (
    HISTORY_COLUMNS,
    INDEX_TABLE,
    SIGN_BATCH,
    Match,
    NearMatch,
    cluster_columns,
    exact_copies,
    relevant_history,
    within_window,
)
from transforms.edge.lake import Lake
from transforms.edge.near_pass import NearPass
from transforms.layout import run_key
from transforms.neardup import INDEX_SCHEMA, NUM_PERM, Signatures, signatures
from transforms.process import Outcome, process_records
from transforms.runs import run_rows
from transforms.schemas import ARTICLES, CLUSTER_FIELDS, EXTRACTED, FETCHES, REJECTS, RUNS
from transforms.sources import Source, SourcesFile

EXTRACTED_TABLE = "_work/extracted"
PROCESS_BATCH = 64  # fetch records per unit of work (about 3 MB of bodies)
POOL_BATCHES = 200  # batches one pool of workers extracts (~12,800 pages) before it is replaced
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
    while True:
        # A fresh pool every POOL_BATCHES batches: a worker's heap creeps up over tens of
        # thousands of pages, and starting forked workers again costs milliseconds.
        first = next(batches, None)
        if first is None:
            return
        with ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker, initargs=(by_id,)) as pool:
            pending: deque[Future[Outcome]] = deque()
            for batch in itertools.chain([first], itertools.islice(batches, POOL_BATCHES - 1)):
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

    The run streams through so memory does not grow with its size: exact marking reads only
    the key columns; texts are read a few hundred at a time and signed into a local spool
    file; near matching reads the signatures back in first-seen order a chunk at a time; the
    articles are written a batch at a time in the order the process stage wrote them. What is
    kept per article is its keys and a hashed copy of them; per duplicate, its match.
    """
    extracted = lake.files(EXTRACTED_TABLE, run_id=run_id, partitions={"dt": dt})
    own = set(lake.files("articles", run_id=run_id)) | set(lake.files(INDEX_TABLE, run_id=run_id))
    earlier = within_window([path for path in lake.files("articles") if path not in own], dt, history_days)
    index = within_window([path for path in lake.files(INDEX_TABLE) if path not in own], dt, history_days)
    filesystem = None if lake.is_local else pafs.PyFileSystem(pafs.FSSpecHandler(lake.fs))
    keys = lake.read(EXTRACTED, extracted, columns=KEY_COLUMNS)
    order = first_seen_positions(keys)
    start = pc.min(keys["fetched_at"]).as_py()
    history = relevant_history(lake.read(ARTICLES, earlier, columns=HISTORY_COLUMNS), keys).to_pylist()
    exact: dict[int, Match] = {}  # by row position: a page re-fetched in the run repeats its id
    fresh = np.zeros(keys.num_rows, dtype=np.bool_)
    for row, match in exact_copies(_ranked_rows(keys, order, start), history):
        if match is None:
            fresh[row["position"]] = True
        else:
            exact[row["position"]] = match
    keys = keys.select(["article_id"])
    pa.default_memory_pool().release_unused()  # the key columns and the URL work are done with
    with tempfile.TemporaryDirectory(prefix="newslake-dedup-") as tmp:
        spool = Path(tmp)
        signed = _sign_fresh(lake, extracted, fresh, spool / "signatures.u32")
        pa.default_memory_pool().release_unused()  # the texts read for signing
        near = NearPass(index, spool, filesystem=filesystem)
        ranks = np.flatnonzero(fresh[order])
        for part in range(0, ranks.size, SIGN_BATCH):
            chunk = ranks[part : part + SIGN_BATCH]
            positions = order[chunk]
            near.add(
                keys["article_id"].take(pa.array(positions)).to_pylist(),
                [start + timedelta(microseconds=int(rank)) for rank in chunk],
                signed.read(positions),
            )
        index_file = _concat_files(near.finish(), spool / "index.parquet", INDEX_SCHEMA)
        joined = {cluster_columns("", match, near.near)["cluster_id"] for match in exact.values()}
        joined |= {match.cluster_id for match in near.near.values()}
        articles_file, canonical, joined_here = _write_articles(
            lake, extracted, spool / "articles.parquet", exact, near.near, joined
        )
        files = [
            lake.put("articles", {"dt": dt}, run_key(run_id), articles_file),
            lake.put(INDEX_TABLE, {"dt": dt}, run_key(run_id), index_file),
        ]
    counts = {
        "articles": keys.num_rows,
        "duplicates": len(exact) + len(near.near),
        "near": len(near.near),
        "clusters": canonical + len(joined) - joined_here,
    }
    return StageResult(counts, files)


KEY_COLUMNS = ["article_id", "canonical_url", "content_hash", "fetched_at", "published_at"]
"""What dedup holds of every article of a run (never the text)."""


def first_seen_positions(keys: pa.Table) -> npt.NDArray[np.int64]:
    """Row positions of a run's articles in first-seen order (:func:`transforms.dedup.first_seen_order`)."""
    sort_keys = [("published_at", "ascending", "at_end"), ("article_id", "ascending", "at_end")]
    indices = pc.sort_indices(keys, options=pc.SortOptions(sort_keys))
    return np.asarray(indices.to_numpy(), dtype=np.int64)


def _ranked_rows(keys: pa.Table, order: npt.NDArray[np.int64], start: datetime) -> Iterator[dict[str, Any]]:
    """Key rows in first-seen order, one microsecond apart from the run's first fetch."""
    for part in range(0, len(order), SIGN_BATCH):
        positions = order[part : part + SIGN_BATCH]
        for k, row in enumerate(keys.take(pa.array(positions)).to_pylist()):
            yield row | {"fetched_at": start + timedelta(microseconds=part + k), "position": int(positions[k])}


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


def _sign_fresh(lake: Lake, files: list[str], fresh: npt.NDArray[np.bool_], target: Path) -> SignatureSpool:
    """Sign the texts of the ``fresh`` rows (row positions over ``files``), a batch at a time."""
    n_shingles = np.zeros(fresh.size, dtype=np.int32)
    position = 0
    with target.open("wb") as out:
        for path in files:
            for batch in lake.iter_batches(path, columns=["text"], batch_size=SIGN_BATCH):
                wanted = fresh[position : position + batch.num_rows]
                values = np.zeros((batch.num_rows, NUM_PERM), dtype="<u4")
                if wanted.any():
                    texts = [text or "" for text, keep in zip(batch["text"].to_pylist(), wanted, strict=True) if keep]
                    signed = signatures(texts)
                    values[wanted] = signed.values
                    n_shingles[position : position + batch.num_rows][wanted] = signed.n_shingles
                out.write(values.tobytes())
                position += batch.num_rows
    return SignatureSpool(target, n_shingles)


def _write_articles(
    lake: Lake,
    files: list[str],
    target: Path,
    exact: Mapping[int, Match],
    near: Mapping[str, NearMatch],
    joined: set[str],
) -> tuple[Path, int, int]:
    """The articles file: the run's rows with their cluster columns.

    Also returns how many rows are canonical, and how many of those head a cluster in
    ``joined`` (the clusters duplicates joined), for counting the run's clusters.
    """
    canonical = joined_here = position = 0
    with pq.ParquetWriter(target, ARTICLES, compression="zstd") as writer:
        for path in files:
            for batch in lake.iter_batches(path, batch_size=SIGN_BATCH):
                table = pa.Table.from_batches([batch]).select(EXTRACTED.names).cast(EXTRACTED)
                ids = table["article_id"].to_pylist()
                columns = [
                    cluster_columns(article_id, exact.get(position + k), near) for k, article_id in enumerate(ids)
                ]
                position += len(ids)
                heads = [c["cluster_id"] for c in columns if c["is_canonical"]]
                canonical += len(heads)
                joined_here += sum(1 for head in heads if head in joined)
                for name in CLUSTER_NAMES:
                    field = ARTICLES.field(name)
                    table = table.append_column(field, pa.array([c[name] for c in columns], field.type))
                writer.write_table(table.select(ARTICLES.names))
    return target, canonical, joined_here


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
    columns = ["source_id", "source_ids", "role", "status", "error"]
    fetches = lake.read(FETCHES, fetch_files, columns=columns).to_pylist()
    article_files = lake.files("articles", run_id=run_id, partitions={"dt": dt})
    articles = lake.read(ARTICLES, article_files, columns=["source_id", "source_ids", "dup_kind"]).to_pylist()
    reject_files = lake.files("rejects", run_id=run_id, partitions={"dt": dt})
    rejects = lake.read(REJECTS, reject_files, columns=["source_id", "source_ids", "reason"]).to_pylist()
    source_ids = {source_id for row in fetches for source_id in row["source_ids"] or [row["source_id"]]}
    source_ids = source_ids or {source.id for source in sources.sources}
    rows = run_rows(run_id, source_ids, fetches, articles, rejects, started_at, finished_at, stage_seconds)
    path = lake.write("runs", {"dt": dt}, run_key(run_id), pa.Table.from_pylist(rows, schema=RUNS))
    return StageResult({"sources": len(rows), "articles": len(articles), "rejects": len(rejects)}, [path])
