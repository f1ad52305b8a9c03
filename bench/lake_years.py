"""A long-lived lake: thousands of hourly runs, daily maintenance, then a year-wide analyst query.

Run from the repository root::

    nice -n 10 .venv/bin/python -m bench.lake_years --runs 240           # 10 days of runs x 20 sources
    nice -n 10 .venv/bin/python -m bench.lake_years --fetch-commits run  # 2,000 runs, a fetches commit per run

A run of 23 commits (one per source's fetches) took ~3 s here, so 2,000 such runs take hours;
``--runs`` shortens the simulated part, and the history still fills the lake to a year.

Each run commits small synthetic tables shaped like the real schemas (``transforms/schemas.py``:
fetches with tiny bodies, articles, rejects, runs) through the lake's run commit (one Delta
commit per table that replaces the run's rows), and writes the same tables as plain Parquet
files, one per run and partition, the way the lake was written before Delta, so the per-run
write overhead is a same-run ratio. After the last run of each simulated day the maintenance
the DAG runs (``transforms.edge.maintenance.maintain``) compacts the closed days, drops bodies
past retention and vacuums (grace window 0: simulated days pass in seconds and no reader is
running). Each source's fetches are their own commit, as a crawl makes them (``Lake.commit``
with the ``source`` scope); ``--fetch-commits run`` commits all sources' fetches of a run in
one commit instead, for comparison.

The rest of a year, before the simulated runs, is then written directly in the shape maintenance
leaves a closed day (one file per day, fetches sorted by source, bodies dropped), a day more of
runs measures a run's cost on the year-old lake, and the analyst queries read the whole year.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
from deltalake import DeltaTable, WriterProperties, write_deltalake

from transforms.edge import duck
from transforms.edge.lake import open_lake
from transforms.edge.maintenance import active_files, maintain
from transforms.maintenance import Policy
from transforms.schemas import ARTICLES, FETCHES, REJECTS, RUNS

START = datetime(2025, 1, 1, tzinfo=UTC)
YEAR_DAYS = 365
FETCHES_PER_SOURCE = 5  # three articles, a feed, a 404
ARTICLES_PER_SOURCE = 3
BODY = b"<html><body><p>" + "新闻 news ".encode() * 20 + b"</p></body></html>"
POLICY = Policy(closed_after_days=1, body_days=30, grace_hours=0, target_bytes=256 * 1024 * 1024)
ZSTD = WriterProperties(compression="ZSTD")  # as the lake's commits write
SCHEMAS = {"fetches": FETCHES, "articles": ARTICLES, "rejects": REJECTS, "runs": RUNS}


def fetch_rows(run_id: str, source: str, at: datetime) -> list[dict[str, Any]]:
    """A source's fetches in one run: a feed, three articles and a missing page."""
    rows = []
    for k in range(FETCHES_PER_SOURCE):
        role = "discovery" if k == 0 else "article"
        status = 404 if k == FETCHES_PER_SOURCE - 1 else 200
        url = f"https://{source}.example/{run_id}/{k}"
        rows.append(
            {
                "url": url,
                "final_url": None,
                "redirect_urls": [],
                "role": role,
                "status": status,
                "error": None,
                "error_detail": None,
                "headers": [{"name": "Content-Type", "value": "text/html; charset=utf-8"}],
                "body": BODY,
                "content_type": "text/html; charset=utf-8",
                "declared_encoding": "utf-8",
                "used_encoding": "utf-8",
                "hints": {"section": "world"},
                "fetched_at": at + timedelta(seconds=k),
                "source_id": source,
                "source_ids": [source],
                "run_id": run_id,
            }
        )
    return rows


def article_rows(run_id: str, source: str, at: datetime) -> list[dict[str, Any]]:
    """A source's articles in one run (every third a near copy of another source's story)."""
    rows = []
    for k in range(ARTICLES_PER_SOURCE):
        url = f"https://{source}.example/{run_id}/{k + 1}"
        copy = k == 2
        rows.append(
            {
                "article_id": f"{run_id}-{source}-{k}",
                "url": url,
                "canonical_url": url,
                "source_id": source,
                "source_ids": [source],
                "title": f"Story {k} of {run_id}",
                "text": "新闻正文 story text " * 15,
                "published_at": at - timedelta(minutes=30),
                "published_offset": "+08:00",
                "date_source": "meta",
                "timezone_inferred": False,
                "modified_at": None,
                "authors": ["A. Writer"],
                "credited_source": None,
                "editor": None,
                "language": "zh",
                "site_name": source,
                "image_url": None,
                "source_rules": None,
                "fetched_at": at,
                "content_hash": f"h-{run_id}-{source}-{k}",
                "cluster_id": f"{run_id}-s0-{k}" if copy else f"{run_id}-{source}-{k}",
                "is_canonical": not copy,
                "duplicate_of": f"{run_id}-s0-{k}" if copy else None,
                "dup_kind": "near" if copy else None,
                "similarity": 0.93 if copy else None,
                "run_id": run_id,
            }
        )
    return rows


def reject_rows(run_id: str, source: str, at: datetime) -> list[dict[str, Any]]:
    url = f"https://{source}.example/{run_id}/{FETCHES_PER_SOURCE - 1}"
    return [
        {
            "url": url,
            "source_id": source,
            "source_ids": [source],
            "stage": "crawl",
            "reason": "http_error",
            "detail": "HTTP 404",
            "http_status": 404,
            "fetched_at": at,
            "run_id": run_id,
        }
    ]


def run_rows(run_id: str, source: str, at: datetime) -> list[dict[str, Any]]:
    return [
        {
            "run_id": run_id,
            "source_id": source,
            "discovered": 4,
            "fetched": FETCHES_PER_SOURCE,
            "seen_before": 0,
            "articles": ARTICLES_PER_SOURCE,
            "rejects": 1,
            "rejects_by_reason": {"http_error": 1},
            "duplicates": 1,
            "started_at": at,
            "finished_at": at + timedelta(minutes=4),
            "stage_seconds": {"crawl": 200.0, "process": 20.0, "dedup": 5.0},
            "newslake_version": "bench",
            "extractor_version": "bench",
        }
    ]


ROWS: dict[str, Callable[[str, str, datetime], list[dict[str, Any]]]] = {
    "fetches": fetch_rows,
    "articles": article_rows,
    "rejects": reject_rows,
    "runs": run_rows,
}


TEMPLATE_RUN = "run-TEMPLATE"
RUN_COLUMNS = ("url", "canonical_url", "article_id", "title", "content_hash", "cluster_id", "duplicate_of", "run_id")
TIME_COLUMNS = ("fetched_at", "published_at", "started_at", "finished_at")


@cache
def _template(sources: tuple[str, ...]) -> dict[str, pa.Table]:
    return {
        name: pa.Table.from_pylist(
            [row for source in sources for row in make(TEMPLATE_RUN, source, START)], schema=SCHEMAS[name]
        )
        for name, make in ROWS.items()
    }


def run_tables(run_id: str, sources: list[str], at: datetime) -> dict[str, pa.Table]:
    """The run's rows of every table, all sources together (one run's rows, renamed and moved in time)."""
    shift = pa.scalar(at - START, pa.duration("us"))
    tables = {}
    for name, template in _template(tuple(sources)).items():
        table = template
        for column in table.column_names:
            index = table.schema.get_field_index(column)
            if column in RUN_COLUMNS:
                renamed = pc.replace_substring(table[column], TEMPLATE_RUN, run_id)
                table = table.set_column(index, table.field(column), renamed)
            elif column in TIME_COLUMNS:
                table = table.set_column(index, table.field(column), pc.add(table[column], shift))
        tables[name] = table
    return tables


def all_sources_commit(uri: str, data: pa.Table, day: str, run_id: str) -> None:
    """All sources' fetches of a run in one commit replacing the run's rows of the day.

    The lake's run commit (``Lake.commit``) takes one source per call (a crawl commits each
    source's fetches); this is the same predicate overwrite over every source of the run at once.
    """
    data = data.append_column("source", data["source_id"])
    data = data.append_column("dt", pa.array([day] * data.num_rows, pa.string()))
    predicate = f"dt = '{day}' AND run_id = '{run_id}'"
    write_deltalake(uri, data, mode="overwrite", predicate=predicate, partition_by=["dt"], writer_properties=ZSTD)


def plain_write(root: Path, table: str, partitions: Mapping[str, str], run_id: str, data: pa.Table) -> None:
    """One plain Parquet file per run and partition, written beside and renamed into place."""
    folder = root.joinpath(table, *(f"{k}={v}" for k, v in partitions.items()))
    folder.mkdir(parents=True, exist_ok=True)
    temporary = folder / f".{run_id}.parquet.tmp"
    pq.write_table(data, temporary, compression="zstd")
    temporary.replace(folder / f"{run_id}.parquet")


@dataclass
class Timings:
    """Per-run wall and CPU seconds of each writer, and each maintenance pass."""

    delta_wall: list[float] = field(default_factory=list)
    delta_cpu: list[float] = field(default_factory=list)
    plain_wall: list[float] = field(default_factory=list)
    plain_cpu: list[float] = field(default_factory=list)
    delta_sampled: list[float] = field(default_factory=list)
    maintain_wall: list[float] = field(default_factory=list)
    maintain_cpu: list[float] = field(default_factory=list)


def simulate(
    lake: Path,
    plain: Path,
    runs: int,
    sources: list[str],
    fetch_commits: str,
    first: datetime,
    plain_every: int,
    checkpoint_interval: int | None = None,
) -> Timings:
    """``runs`` hourly runs from ``first``, maintaining the lake after each simulated day's first run.

    Every ``plain_every``-th run also writes its tables as plain Parquet, right after its Delta
    commits, for the same-run ratio (``delta_sampled``: those runs' Delta times)."""
    timings = Timings()
    handle = open_lake(str(lake))
    for k in range(runs):
        at = first + timedelta(hours=k)
        day, run_id = at.date().isoformat(), f"run-{at:%Y%m%dT%H}"
        tables = run_tables(run_id, sources, at)
        wall, cpu = time.perf_counter(), time.process_time()
        fetches = tables["fetches"]
        if fetch_commits == "source":
            for source in sources:
                rows = fetches.filter(pc.equal(fetches["source_id"], source))
                handle.commit("fetches", FETCHES, {"dt": day}, run_id, rows, scope={"source": source})
        else:
            all_sources_commit(handle.table_uri("fetches"), fetches, day, run_id)
        for name in ("articles", "rejects", "runs"):
            handle.commit(name, SCHEMAS[name], {"dt": day}, run_id, tables[name])
        timings.delta_wall.append(time.perf_counter() - wall)
        timings.delta_cpu.append(time.process_time() - cpu)
        if k == 0 and checkpoint_interval:  # the tables exist now: an A/B override of the lake's setting
            for name in SCHEMAS:
                interval = {"delta.checkpointInterval": str(checkpoint_interval)}
                DeltaTable(str(lake / name)).alter.set_table_properties(interval)
        if k % plain_every == 0:
            timings.delta_sampled.append(timings.delta_wall[-1])
            wall, cpu = time.perf_counter(), time.process_time()
            for source in sources:
                rows = fetches.filter(pc.equal(fetches["source_id"], source))
                plain_write(plain, "fetches", {"source": source, "dt": day}, run_id, rows)
            for name in ("articles", "rejects", "runs"):
                plain_write(plain, name, {"dt": day}, run_id, tables[name])
            timings.plain_wall.append(time.perf_counter() - wall)
            timings.plain_cpu.append(time.process_time() - cpu)
        if at.hour == 0:  # the daily maintenance, once the new day's first run has landed
            wall, cpu = time.perf_counter(), time.process_time()
            maintain(handle, POLICY)
            timings.maintain_wall.append(time.perf_counter() - wall)
            timings.maintain_cpu.append(time.process_time() - cpu)
        if k % 24 == 23:
            day_wall, day_cpu = median_ms(timings.delta_wall[-24:]), median_ms(timings.delta_cpu[-24:])
            print(f"  {k + 1} runs, median run {day_wall:.0f} ms ({day_cpu:.0f} ms CPU)", flush=True)
    return timings


HISTORY_CHUNK_DAYS = 10


def write_history(lake: Path, days: int, sources: list[str]) -> None:
    """``days`` closed days before the simulated runs, as maintenance leaves them: one file per day
    (fetches sorted by source), bodies dropped. Written ten days per commit (the file layout is the
    same, the log shorter); the tables are created by the lake's run commit, as a first run would."""
    handle = open_lake(str(lake))
    first = START.date().isoformat()
    for name, schema in SCHEMAS.items():
        scope = {"source": sources[0]} if name == "fetches" else None
        handle.commit(name, schema, {"dt": first}, "history", schema.empty_table(), scope=scope)
    for chunk in range(0, days, HISTORY_CHUNK_DAYS):
        parts: dict[str, list[pa.Table]] = {name: [] for name in SCHEMAS}
        for d in range(chunk, min(days, chunk + HISTORY_CHUNK_DAYS)):
            base = START + timedelta(days=d)
            for h in range(24):
                at = base + timedelta(hours=h)
                for name, table in run_tables(f"run-{at:%Y%m%dT%H}", sources, at).items():
                    day = pa.array([base.date().isoformat()] * table.num_rows, pa.string())
                    parts[name].append(table.append_column("dt", day))
        for name, tables in parts.items():
            data = pa.concat_tables(tables)
            if name == "fetches":
                body = data.schema.get_field_index("body")
                data = data.set_column(body, "body", pa.nulls(data.num_rows, pa.large_binary()))
                data = data.append_column("source", data["source_id"]).sort_by(
                    [("dt", "ascending"), ("source", "ascending")]
                )
            write_deltalake(str(lake / name), data, mode="append", partition_by=["dt"], writer_properties=ZSTD)


def file_census(lake: Path, open_day: str) -> dict[str, dict[str, int]]:
    """Per table: active files in all, the most any closed day's partition holds, and the open day's files."""
    census = {}
    for name in SCHEMAS:
        files = active_files(DeltaTable(str(lake / name)))
        per_partition = Counter(tuple(sorted(values.items())) for values, _ in files)
        closed = [count for key, count in per_partition.items() if dict(key)["dt"] != open_day]
        census[name] = {
            "files": len(files),
            "days": len({dict(key)["dt"] for key in per_partition}),
            "max_per_closed_partition": max(closed, default=0),
            "open_day_files": sum(count for key, count in per_partition.items() if dict(key)["dt"] == open_day),
            "disk_files": sum(1 for path in (lake / name).rglob("*.parquet") if "_delta_log" not in path.parts),
        }
    return census


QUERIES = {
    "articles": """
        SELECT source_id, date_trunc('month', published_at) AS month, count(*) AS copies,
               count(*) FILTER (WHERE is_canonical) AS stories, count(DISTINCT canonical_url) AS urls
        FROM delta_scan('{lake}/articles') GROUP BY ALL ORDER BY ALL""",
    "fetches": """
        SELECT source, date_trunc('month', fetched_at) AS month, count(*) FILTER (WHERE status = 200) AS ok,
               count(body) AS bodies_kept
        FROM delta_scan('{lake}/fetches') GROUP BY ALL ORDER BY ALL""",
}
"""Year-wide questions an analyst asks: stories per source and month, and fetch outcomes per source and month."""


def analyst_query(lake: Path, repeats: int) -> dict[str, dict[str, float]]:
    """Each year-wide query in DuckDB (``delta_scan``): first run and median of the repeats, wall and CPU."""
    connection = duck.connect()
    results = {}
    for name, template in QUERIES.items():
        sql = template.format(lake=lake)
        walls, cpus, rows = [], [], 0
        for _ in range(repeats + 1):
            wall, cpu = time.perf_counter(), time.process_time()
            rows = len(connection.sql(sql).fetchall())
            walls.append(time.perf_counter() - wall)
            cpus.append(time.process_time() - cpu)
        count = connection.sql(f"SELECT count(*) FROM delta_scan('{lake}/{name}')").fetchone()  # noqa: S608 - our path
        results[name] = {
            "first_wall_s": walls[0],
            "first_cpu_s": cpus[0],
            "median_wall_s": statistics.median(walls[1:]),
            "median_cpu_s": statistics.median(cpus[1:]),
            "result_rows": rows,
            "table_rows": int(count[0]) if count else 0,
        }
    return results


def retention_methods(lake: Path, days: list[str]) -> dict[str, float]:
    """Dropping one day's bodies: ``DeltaTable.update`` against reading the day and overwriting it with a predicate."""
    uri = str(lake / "fetches")
    wall = time.perf_counter()
    DeltaTable(uri).update(updates={"body": "NULL"}, predicate=f"dt = '{days[0]}' AND body IS NOT NULL")
    update = time.perf_counter() - wall
    wall = time.perf_counter()
    table = DeltaTable(uri)
    rows = table.to_pyarrow_table(filters=[("dt", "=", days[1])])
    rows = rows.set_column(rows.schema.get_field_index("body"), "body", pa.nulls(rows.num_rows, pa.large_binary()))
    write_deltalake(uri, rows, mode="overwrite", predicate=f"dt = '{days[1]}'", partition_by=["dt"])
    overwrite = time.perf_counter() - wall
    return {"update_s": update, "overwrite_s": overwrite, "rows_per_day": rows.num_rows}


def median_ms(values: list[float]) -> float:
    return statistics.median(values) * 1000 if values else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=2000)
    parser.add_argument("--sources", type=int, default=20)
    parser.add_argument("--fetch-commits", choices=["run", "source"], default="source")
    parser.add_argument("--history", action=argparse.BooleanOptionalAction, default=True, help="fill to a year of days")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--plain-every", type=int, default=10, help="write plain Parquet on every N-th run")
    parser.add_argument("--out", type=Path, help="also write the results as JSON here")
    parser.add_argument(
        "--checkpoint-interval",
        type=int,
        help="override delta.checkpointInterval on every table after the first run (lake: 10; Delta's default: 100)",
    )
    args = parser.parse_args()
    sources = [f"s{k}" for k in range(args.sources)]
    work = Path(tempfile.mkdtemp(prefix="newslake-lake-years-"))
    lake, plain = work / "lake", work / "plain"
    simulated_days = -(-args.runs // 24)
    history_days = max(0, YEAR_DAYS - simulated_days) if args.history else 0
    try:
        first = START + timedelta(days=history_days)
        started = time.perf_counter()
        timings = simulate(
            lake, plain, args.runs, sources, args.fetch_commits, first, args.plain_every, args.checkpoint_interval
        )
        simulate_s = time.perf_counter() - started
        started = time.perf_counter()
        write_history(lake, history_days, sources)
        history_s = time.perf_counter() - started
        print(f"history: {history_days} days in {history_s:.1f} s", flush=True)
        # A day more of runs on the year-old lake: what a run costs once the tables hold a year.
        later = first + timedelta(hours=args.runs)
        year_old = simulate(lake, plain, 24, sources, args.fetch_commits, later, args.plain_every)
        open_day = (later + timedelta(hours=23)).date().isoformat()
        census = file_census(lake, open_day)
        query = analyst_query(lake, args.repeats)
        closed = sorted({v["dt"] for v, _ in active_files(DeltaTable(str(lake / "fetches")))})
        retention = retention_methods(lake, [closed[-3], closed[-4]]) if len(closed) >= 4 else {}
        results = {
            "runs": args.runs,
            "sources": args.sources,
            "fetch_commits": args.fetch_commits,
            "checkpoint_interval": args.checkpoint_interval,
            "history_days": history_days,
            "simulate_s": simulate_s,
            "delta_run_ms": median_ms(timings.delta_wall),
            "delta_run_cpu_ms": median_ms(timings.delta_cpu),
            "plain_run_ms": median_ms(timings.plain_wall),
            "plain_run_cpu_ms": median_ms(timings.plain_cpu),
            "plain_runs": len(timings.plain_wall),
            "delta_sampled_ms": median_ms(timings.delta_sampled),
            "ratio_wall": statistics.median(timings.delta_sampled) / statistics.median(timings.plain_wall),
            "delta_last100_ms": median_ms(timings.delta_wall[-100:]),
            "year_old_run_ms": median_ms(year_old.delta_wall),
            "year_old_run_cpu_ms": median_ms(year_old.delta_cpu),
            "year_old_maintain_ms": median_ms(year_old.maintain_wall),
            "history_s": history_s,
            "maintain_ms": median_ms(timings.maintain_wall),
            "maintain_cpu_ms": median_ms(timings.maintain_cpu),
            "maintain_max_ms": max(timings.maintain_wall, default=0) * 1000,
            "census": census,
            "plain_files_per_run": args.sources + 3,
            "query": query,
            "retention": retention,
        }
        print(json.dumps(results, indent=2))
        if args.out:
            args.out.write_text(json.dumps(results, indent=2))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
