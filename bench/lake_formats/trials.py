"""The measurements, one function per question of the comparison; each returns plain values for the report.

Writers and readers that must run beside each other are spawned processes: a pool or Airflow
worker forks, and ``deltalake`` panics in a forked child, so the bench never forks.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import statistics
import time
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
from deltalake import write_deltalake

from bench.lake_formats.formats import (
    PARQUET_OPTIONS,
    TABLES,
    Delta,
    Iceberg,
    Layout,
    PlainParquet,
    files_on_disk,
    open_layout,
)
from bench.lake_formats.rows import Run, Shape, all_runs, articles, fetches, run_tables
from transforms.neardup.index import INDEX_SCHEMA, SIGNATURE_BYTES

SPAWN = multiprocessing.get_context("spawn")
KINDS = ("parquet", "delta", "iceberg")


def prepare(kind: str, root: Path, shape: Shape) -> Layout:
    """A fresh layout; Iceberg's tables are created in the catalog first (not part of any run)."""
    root.mkdir(parents=True, exist_ok=True)
    layout = open_layout(kind, root)
    if isinstance(layout, Iceberg):
        layout.root.mkdir(parents=True, exist_ok=True)
        layout.create({name: table.schema for name, table in run_tables(Run(0, 0), shape).items()})
    return layout


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def local_path(uri: str) -> Path:
    return Path(uri.removeprefix("file://"))


def writes(kind: str, root: Path, shape: Shape) -> dict[str, Any]:
    """Hourly runs, each writing its fetches, articles and runs rows; then one run written again."""
    layout = prepare(kind, root, shape)
    wall: list[float] = []
    cpu: list[float] = []
    runs = all_runs(shape)
    for run in runs:
        tables = run_tables(run, shape)
        started, cpu_started = time.perf_counter(), time.process_time()
        for name, data in tables.items():
            layout.write(name, data, run.run_id, replace=False)
        wall.append(time.perf_counter() - started)
        cpu.append(time.process_time() - cpu_started)
    last = runs[-1]
    tables = run_tables(last, shape)
    started, cpu_started = time.perf_counter(), time.process_time()
    for name, data in tables.items():
        layout.write(name, data, last.run_id, replace=True)
    rerun_wall, rerun_cpu = time.perf_counter() - started, time.process_time() - cpu_started
    expected = {name: len(runs) * data.num_rows for name, data in tables.items()}
    rows = {name: layout.read(name, ["run_id"]).num_rows for name in TABLES}
    return {
        "runs": len(runs),
        "median_ms": 1000 * statistics.median(wall),
        "median_cpu_s": statistics.median(cpu),
        "rerun_ms": 1000 * rerun_wall,
        "rerun_cpu_s": rerun_cpu,
        "rows_ok": rows == expected,
        "rows": rows,
        "files": {name: len(layout.live_files(name)) for name in TABLES},
        "mb": folder_bytes(root) / 1e6,
    }


def _one_run_of_articles(run_id: str, rows: int) -> pa.Table:
    shape = Shape(sources=1, fetches_per_source=1, articles=rows, days=1, runs_per_day=1, text_bytes=3_000)
    table = articles(Run(0, 0), shape)
    ids = pc.binary_join_element_wise(pa.array([run_id] * rows), table["article_id"], "/")
    table = table.set_column(table.schema.get_field_index("article_id"), "article_id", ids)
    return table.set_column(table.schema.get_field_index("run_id"), "run_id", pa.array([run_id] * rows))


def _concurrent_writer(
    kind: str, root: str, worker: int, commits: int, rows: int, replace: bool, barrier: Any, results: Any
) -> None:
    layout = open_layout(kind, Path(root))
    batches = [(f"w{worker}-c{c}", _one_run_of_articles(f"w{worker}-c{c}", rows)) for c in range(commits)]
    barrier.wait()
    retries = errors = 0
    messages: list[str] = []
    started = time.perf_counter()
    for run_id, data in batches:
        try:
            retries += layout.write("articles", data, run_id, replace=replace)
        except Exception as error:  # every failure is a measured outcome here
            errors += 1
            messages.append(f"{type(error).__name__}: {str(error).splitlines()[0][:160]}")
    results.put({"retries": retries, "errors": errors, "messages": messages, "seconds": time.perf_counter() - started})


def concurrent(kind: str, root: Path, shape: Shape, writers: int, commits: int, *, replace: bool) -> dict[str, Any]:
    """``writers`` spawned processes, each committing ``commits`` runs of articles into the same table and dt."""
    layout = prepare(kind, root, shape)
    rows = 20
    if isinstance(layout, Delta):  # the table exists before a run starts, as it will in the lake
        empty = _one_run_of_articles("seed", 1).slice(0, 0)
        write_deltalake(
            layout.uri("articles"), empty, partition_by=["dt"], mode="append", writer_properties=PARQUET_OPTIONS
        )
    barrier, results = SPAWN.Barrier(writers + 1), SPAWN.Queue()
    processes = [
        SPAWN.Process(target=_concurrent_writer, args=(kind, str(root), w, commits, rows, replace, barrier, results))
        for w in range(writers)
    ]
    for process in processes:
        process.start()
    barrier.wait()
    started = time.perf_counter()
    outcomes = [results.get(timeout=600) for _ in processes]
    wall = time.perf_counter() - started
    for process in processes:
        process.join()
    table = layout.read("articles", ["article_id"])
    return {
        "wall_s": wall,
        "retries": sum(o["retries"] for o in outcomes),
        "errors": sum(o["errors"] for o in outcomes),
        "messages": sorted({m for o in outcomes for m in o["messages"]})[:3],
        "rows": table.num_rows,
        "distinct": len(pc.unique(table["article_id"])),
        "expected": writers * commits * rows,
    }


BIG = Shape(sources=16, fetches_per_source=40, articles=0, days=1, runs_per_day=1)
"""The killed run: large enough that its data files take a while to write."""


def _big_writer(kind: str, root: str, day: int, hour: int) -> None:
    run = Run(day, hour)
    open_layout(kind, Path(root)).write("fetches", fetches(run, BIG), run.run_id, replace=True)


def _watch_folder(kind: str, root: Path) -> Path:
    if kind == "parquet":
        return root / "parquet" / "fetches"
    if kind == "delta":
        return root / "delta" / "fetches"
    return root / "iceberg" / "warehouse"


def _state(layout: Layout, run_id: str) -> tuple[int, int]:
    table = layout.read("fetches", ["run_id"])
    if table.num_rows == 0:
        return 0, 0
    return table.num_rows, pc.sum(pc.equal(table["run_id"], run_id)).as_py() or 0


def _orphans(kind: str, layout: Layout, root: Path) -> int:
    live = {local_path(uri).name for uri in layout.live_files("fetches")}
    on_disk = files_on_disk(_watch_folder(kind, root))
    return sum(1 for p in on_disk if p.name not in live)


def killed_commit(kind: str, root: Path, shape: Shape) -> dict[str, Any]:
    """A run's writer killed (SIGKILL) as soon as its first data file lands; then the run is written again."""
    layout = prepare(kind, root, shape)
    baseline = Run(0, 0)
    layout.write("fetches", fetches(baseline, shape), baseline.run_id, replace=True)
    killed = Run(0, 1)
    folder = _watch_folder(kind, root)
    before = set(files_on_disk(folder))
    process = SPAWN.Process(target=_big_writer, args=(kind, str(root), killed.day, killed.hour))
    process.start()
    wait_for_final = kind == "parquet"  # there a finished file is visible at once: kill after the first
    landed = None
    deadline = time.monotonic() + 120
    while process.is_alive() and time.monotonic() < deadline:
        new = [p for p in files_on_disk(folder) if p not in before and (not wait_for_final or p.suffix == ".parquet")]
        if new:
            os.kill(process.pid or 0, signal.SIGKILL)
            landed = len(new)
            break
        time.sleep(0.001)
    process.join()
    total, of_killed = _state(layout, killed.run_id)
    seen = {
        "killed_before_exit": landed is not None,
        "baseline_rows": fetches(baseline, shape).num_rows,
        "rows_after_kill": total,
        "killed_run_rows_visible": of_killed,
        "orphans_after_kill": _orphans(kind, layout, root),
    }
    layout.write("fetches", fetches(killed, BIG), killed.run_id, replace=True)
    total, of_killed = _state(layout, killed.run_id)
    seen |= {
        "rows_after_rerun": total,
        "killed_run_rows_after_rerun": of_killed,
        "expected_after_rerun": seen["baseline_rows"] + fetches(killed, BIG).num_rows,
        "orphans_after_rerun": _orphans(kind, layout, root),
    }
    if isinstance(layout, Delta):
        seen["vacuum_removed"] = layout.vacuum("fetches")
        seen["orphans_after_vacuum"] = _orphans(kind, layout, root)
        seen["full_vacuum_removed"] = layout.vacuum("fetches", full=True)
        seen["orphans_after_full_vacuum"] = _orphans(kind, layout, root)
    return seen


def _reader(kind: str, root: str, expected: int, ready: Any, stop: Any, results: Any) -> None:
    layout = open_layout(kind, Path(root))
    reads = duplicates = gaps = failures = 0
    messages: set[str] = set()
    while not stop.is_set():
        try:
            urls = layout.read("fetches", ["url"])["url"]
        except Exception as error:  # a failed read is one of the outcomes measured
            failures += 1
            messages.add(f"{type(error).__name__}: {str(error).splitlines()[0][:120]}")
            continue
        reads += 1
        ready.set()
        distinct = len(pc.unique(urls))
        duplicates += len(urls) > distinct
        gaps += distinct < expected
    results.put(
        {"reads": reads, "duplicates": duplicates, "gaps": gaps, "failures": failures, "messages": sorted(messages)}
    )


def _files_of_day(layout: Layout, table: str, dt: str) -> int:
    return sum(1 for uri in layout.live_files(table) if f"dt={dt}" in uri)


def compaction(kind: str, root: Path, shape: Shape) -> dict[str, Any]:
    """Compact the first (closed) day of fetches while a spawned reader reads the table in a loop."""
    layout = open_layout(kind, root)
    dt = Run(0, 0).dt
    expected = layout.read("fetches", ["url"]).num_rows
    files_before = _files_of_day(layout, "fetches", dt)
    version_before = layout.table("fetches").version() if isinstance(layout, Delta) else None
    ready, stop, results = SPAWN.Event(), SPAWN.Event(), SPAWN.Queue()
    reader = SPAWN.Process(target=_reader, args=(kind, str(root), expected, ready, stop, results))
    reader.start()
    ready.wait(timeout=120)  # the reader has imported its library and read the table once
    probe: dict[str, int] = {}

    def between() -> None:
        urls = layout.read("fetches", ["url"])["url"]
        probe["rows"], probe["distinct"] = len(urls), len(pc.unique(urls))

    started, cpu_started = time.perf_counter(), time.process_time()
    if isinstance(layout, PlainParquet):
        layout.compact_day("fetches", dt, between=between)
    else:
        layout.compact_day("fetches", dt)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    time.sleep(1.0)
    stop.set()
    seen = results.get(timeout=120)
    reader.join()
    outcome: dict[str, Any] = {
        "files_before": files_before,
        "files_after": _files_of_day(layout, "fetches", dt),
        "seconds": seconds,
        "cpu_s": cpu,
        "reader": seen,
        "rows_after": layout.read("fetches", ["url"]).num_rows,
        "expected": expected,
    }
    if probe:
        outcome["probe_between_steps"] = probe
    if isinstance(layout, Delta) and version_before is not None:
        old = layout.table("fetches", version=version_before)
        outcome["old_version_rows_before_vacuum"] = old.to_pyarrow_table(columns=["url"]).num_rows
        outcome["files_on_disk_before_vacuum"] = len(files_on_disk(root / "delta" / "fetches"))
        outcome["vacuum_removed"] = layout.vacuum("fetches")
        try:
            old.to_pyarrow_table(columns=["url"])
            outcome["old_version_after_vacuum"] = "still readable"
        except Exception as error:  # the failure is the finding
            outcome["old_version_after_vacuum"] = f"{type(error).__name__}"
    if isinstance(layout, Iceberg):
        outcome["snapshots"] = len(layout.load("fetches").snapshots())
    return outcome


def retention(kind: str, root: Path) -> dict[str, Any]:
    """Null the bodies of the first day's fetches, keeping the rows."""
    layout = open_layout(kind, root)
    dt = Run(0, 0).dt

    def day_bytes() -> int:
        return sum(local_path(uri).stat().st_size for uri in layout.live_files("fetches") if f"dt={dt}" in uri)

    before = day_bytes()
    rows_before = layout.read("fetches", ["url"]).num_rows
    started, cpu_started = time.perf_counter(), time.process_time()
    layout.drop_bodies(dt)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    table = layout.read("fetches", ["body", "dt"])
    in_day = pc.equal(table["dt"], dt)
    nulls = pc.sum(pc.and_(in_day, pc.is_null(table["body"]))).as_py()
    return {
        "seconds": seconds,
        "cpu_s": cpu,
        "mb_before": before / 1e6,
        "mb_after": day_bytes() / 1e6,
        "rows_kept": table.num_rows == rows_before,
        "bodies_nulled": nulls,
        "rows_of_day": pc.sum(in_day).as_py(),
    }


def evolution(kind: str, root: Path, shape: Shape) -> dict[str, Any]:
    """One more run of articles with an added column (``paywalled``): does the table take it, and do readers see it?"""
    layout = open_layout(kind, root)
    run = Run(shape.days, 0)
    data = articles(run, shape)
    data = data.append_column("paywalled", pa.array([True] * data.num_rows))
    outcome: dict[str, Any] = {}
    if isinstance(layout, Delta):
        try:
            layout.write("articles", data, run.run_id, replace=False)
            outcome["plain_append"] = "accepted"
        except Exception as error:  # the refusal is the finding
            outcome["plain_append"] = type(error).__name__
        write_deltalake(
            layout.uri("articles"),
            data,
            partition_by=["dt"],
            mode="append",
            schema_mode="merge",
            writer_properties=PARQUET_OPTIONS,
        )
        outcome["version"] = layout.table("articles").version()
    elif isinstance(layout, Iceberg):
        handle = layout.load("articles")
        with handle.update_schema() as update:
            update.union_by_name(data.schema)
        layout.write("articles", data, run.run_id, replace=False)
        outcome["schema_id"] = layout.load("articles").schema().schema_id
    else:
        layout.write("articles", data, run.run_id, replace=False)
    table = layout.read("articles")
    outcome["column_read"] = "paywalled" in table.column_names
    if outcome["column_read"]:
        outcome["null_in_old_rows"] = table["paywalled"].null_count
    outcome["rows"] = table.num_rows
    return outcome


def index_types(kind: str, root: Path) -> str:
    """Whether the dedup index's own schema (uint64 band keys, fixed-size signature) round-trips unchanged."""
    keys = pa.array([[2**64 - 1, 5]], pa.list_(pa.uint64()))
    rows = pa.table(
        {
            "article_id": ["a"],
            "cluster_id": ["a"],
            "fetched_at": pa.array([Run(0, 0).started], pa.timestamp("us", tz="UTC")),
            "n_shingles": pa.array([1], pa.int32()),
            "signature": pa.array([bytes(SIGNATURE_BYTES)], pa.binary(SIGNATURE_BYTES)),
            "band_keys": keys,
            "scheme_version": pa.array([1], pa.int16()),
            "dt": [Run(0, 0).dt],
        },
        schema=INDEX_SCHEMA.append(pa.field("dt", pa.string())),
    )
    root.mkdir(parents=True, exist_ok=True)
    try:
        if kind == "delta":
            write_deltalake(str(root / "dedup_index"), rows, partition_by=["dt"])
            back = Delta(str(root)).read("dedup_index")
        elif kind == "iceberg":
            layout = Iceberg(root)
            catalog = layout.catalog()
            catalog.create_namespace_if_not_exists("lake")
            table = catalog.create_table("lake.dedup_index", schema=rows.schema)
            table.append(rows)
            back = table.scan().to_arrow()
        else:
            back = rows
    except Exception as error:  # a refused type is the finding
        return f"refused: {type(error).__name__}: {str(error).splitlines()[0][:140]}"
    kept = back["band_keys"][0].as_py() == keys[0].as_py()
    return (
        f"band_keys read back as {back.schema.field('band_keys').type}, signature as "
        f"{back.schema.field('signature').type}; the largest key {'kept' if kept else 'CHANGED'}"
    )
