"""Extraction of a run's fetch records on a pool of worker processes.

Extraction is CPU-bound pure work (:func:`transforms.process.process_records`); this module
decides how many processes run it and feeds them batches in fetch order, so the files a
stage writes are the same on one process or on many.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import threading
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import cast

import pyarrow.parquet as pq

from transforms.edge.lake import Lake
from transforms.edge.settings import PROCESS_WORKERS, whole_number
from transforms.process import Outcome, process_records
from transforms.rows import FetchRow
from transforms.sources import Source

PROCESS_BATCH = 64  # fetch records per unit of work (about 3 MB of bodies)
POOL_BATCHES = 200  # batches one pool of workers extracts (~12,800 pages) before it is replaced
PARALLEL_MIN_RECORDS = 500  # fewer records are extracted in this process: starting workers costs ~1 s


def extract_outcomes(
    lake: Lake, paths: list[str], run_id: str, by_id: dict[str, Source], workers: int | None
) -> Iterator[Outcome]:
    """Outcomes of the run's fetch records in ``paths``, a batch at a time, in fetch order.

    Only this process reads the lake; the forked workers only parse (``deltalake`` must not
    be used in a child forked after the parent used it).
    """
    batches = (batch for path in paths for batch in _batches(fetch_rows(lake, path, run_id), PROCESS_BATCH))
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


def fetch_rows(lake: Lake, path: str, run_id: str) -> Iterator[FetchRow]:
    """The run's fetch rows in one ``fetches`` file, typed (the table has the ``FETCHES`` columns)."""
    for row in lake.iter_rows(path, run_id=run_id):
        yield cast("FetchRow", row)


def _batches(rows: Iterator[FetchRow], size: int) -> Iterator[list[FetchRow]]:
    batch: list[FetchRow] = []
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
    configured = whole_number(PROCESS_WORKERS)
    if configured is not None:
        return configured
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _record_count(lake: Lake, paths: list[str]) -> int:
    """Rows in the files (other runs' too, once compacted): enough to decide whether workers pay off."""
    total = 0
    for path in paths:
        with lake.fs.open(path, "rb") as handle:
            total += pq.ParquetFile(handle).metadata.num_rows
    return total


_worker_sources: dict[str, Source] = {}


def _init_worker(by_id: dict[str, Source]) -> None:
    _worker_sources.update(by_id)


def _process_batch(records: list[FetchRow]) -> Outcome:
    return process_records(records, _worker_sources)
