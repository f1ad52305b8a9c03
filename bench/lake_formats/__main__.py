"""Run every trial on every layout, print the report and put it into docs/benchmarks.md and docs/lake.md."""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.lake_formats.readers import readers
from bench.lake_formats.rows import Shape
from bench.lake_formats.s3 import s3_trial
from bench.lake_formats.trials import (
    KINDS,
    compaction,
    concurrent,
    evolution,
    index_types,
    killed_commit,
    retention,
    writes,
)

DOCS = (Path("docs/benchmarks.md"), Path("docs/lake.md"))
START, END = "<!-- lake-formats:start -->", "<!-- lake-formats:end -->"
NAMES = {"parquet": "plain Parquet", "delta": "Delta (deltalake)", "iceberg": "Iceberg (pyiceberg, SQLite catalog)"}

FULL = Shape(sources=4, fetches_per_source=10, articles=40, days=2, runs_per_day=12)
QUICK = Shape(sources=4, fetches_per_source=5, articles=20, days=2, runs_per_day=3)


def measure(shape: Shape, writers: int, commits: int, s3_shape: Shape) -> dict[str, Any]:
    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="lake-formats-") as scratch:
        root = Path(scratch)
        for kind in KINDS:
            print(f"{kind}: writes, readers, compaction, retention", file=sys.stderr)
            lake = root / kind / "runs"
            results[kind] = {"writes": writes(kind, lake, shape)}
            results[kind]["readers"] = readers(kind, lake)
            results[kind]["compaction"] = compaction(kind, lake, shape)
            results[kind]["retention"] = retention(kind, lake)
            results[kind]["evolution"] = evolution(kind, lake, shape)
            results[kind]["index_types"] = index_types(kind, root / kind / "types")
            print(f"{kind}: killed commit, concurrent writers", file=sys.stderr)
            results[kind]["killed"] = killed_commit(kind, root / kind / "killed", shape)
            results[kind]["append"] = concurrent(kind, root / kind / "append", shape, writers, commits, replace=False)
            if kind != "parquet":
                results[kind]["replace"] = concurrent(
                    kind, root / kind / "replace", shape, writers, commits, replace=True
                )
        print("delta on S3 (moto)", file=sys.stderr)
        results["s3"] = s3_trial(s3_shape, writers, max(1, commits // 2))
    return results


def _ms(value: float) -> str:
    return f"{value:,.0f} ms" if value >= 10 else f"{value:.1f} ms"


def _concurrency(outcome: dict[str, Any]) -> str:
    rows = f"{outcome['rows']:,} rows ({outcome['distinct']:,} distinct) of {outcome['expected']:,}"
    errors = f"; errors: {'; '.join(outcome['messages'])}" if outcome["errors"] else ""
    return f"{outcome['wall_s']:.1f} s, {outcome['retries']} retried, {outcome['errors']} failed, {rows}{errors}"


def _killed(outcome: dict[str, Any]) -> str:
    parts = [
        f"visible after the kill: {outcome['killed_run_rows_visible']} of the run's rows",
        f"orphan files {outcome['orphans_after_kill']}",
        f"after the rerun {outcome['rows_after_rerun']:,} rows (expected {outcome['expected_after_rerun']:,})",
    ]
    if "vacuum_removed" in outcome:
        parts.append(
            f"`vacuum` removed {outcome['vacuum_removed']}, `vacuum(full=True)` {outcome['full_vacuum_removed']}"
            f" (orphans left {outcome['orphans_after_full_vacuum']})"
        )
    else:
        parts.append(f"orphans left {outcome['orphans_after_rerun']}")
    return "; ".join(parts)


def _compaction(outcome: dict[str, Any]) -> str:
    reader = outcome["reader"]
    text = (
        f"{outcome['files_before']} → {outcome['files_after']} files in {outcome['seconds']:.2f} s "
        f"(CPU {outcome['cpu_s']:.2f} s); a reader in a loop: {reader['reads']} reads, "
        f"{reader['duplicates']} with duplicates, {reader['gaps']} with gaps, {reader['failures']} failed"
    )
    if "probe_between_steps" in outcome:
        probe = outcome["probe_between_steps"]
        text += f"; a read between merge and delete: {probe['rows']} rows, {probe['distinct']} distinct"
    if "old_version_after_vacuum" in outcome:
        text += (
            f"; the version before compaction still read {outcome['old_version_rows_before_vacuum']} rows, "
            f"after `vacuum` with no retention window: {outcome['old_version_after_vacuum']}"
        )
    return text


def _evolution(results: dict[str, Any]) -> str:
    outcome = results["evolution"]
    parts = []
    if "plain_append" in outcome:
        parts.append(
            f'a plain append: {outcome["plain_append"]}; with `schema_mode="merge"`: version {outcome["version"]}'
        )
    if "schema_id" in outcome:
        parts.append(f"`update_schema().union_by_name` then append: schema id {outcome['schema_id']}")
    if outcome["column_read"]:
        parts.append(f"the column is read, null in {outcome['null_in_old_rows']:,} earlier rows")
    else:
        parts.append("the file is written; a reader of the folder does not see the new column (schema of one file)")
    return "; ".join(parts)


def report(results: dict[str, Any], command: str, shape: Shape, writers: int, commits: int) -> str:
    lines = [
        START,
        "## Lake table formats: plain Parquet, Delta, Iceberg",
        "",
        f"Command: `{command}` (`bench/lake_formats/`; {time.strftime('%Y-%m-%d', time.gmtime())}, "
        f"{os.cpu_count()} vCPU shared with other work, local disk, Python {platform.python_version()}).",
        "",
        f"Each run writes {shape.sources} sources × {shape.fetches_per_source} fetches (~{shape.body_bytes // 1000} KB "
        f"bodies), {shape.articles} articles (~{shape.text_bytes // 1000} KB texts) and {shape.sources} runs rows, "
        f"one commit per table; {shape.days} days × {shape.runs_per_day} hourly runs. Wall time beside the CPU "
        "seconds of the writing process (all its threads).",
        "",
        "| | " + " | ".join(NAMES[k] for k in KINDS) + " |",
        "|---|" + "---|" * len(KINDS),
    ]

    def row(label: str, cell: Any) -> None:
        lines.append(f"| {label} | " + " | ".join(cell(results[k]) for k in KINDS) + " |")

    row("write one run, median", lambda r: f"{_ms(r['writes']['median_ms'])} (CPU {r['writes']['median_cpu_s']:.3f} s)")
    row(
        "write a run again (rerun)",
        lambda r: f"{_ms(r['writes']['rerun_ms'])} (CPU {r['writes']['rerun_cpu_s']:.3f} s)",
    )
    row(
        "rows after all runs and the rerun",
        lambda r: ("exact" if r["writes"]["rows_ok"] else "WRONG") + f" ({r['writes']['rows']['fetches']:,} fetches)",
    )
    row(
        "live data files (fetches / articles / runs)",
        lambda r: " / ".join(str(v) for v in r["writes"]["files"].values()),
    )
    row("folder size (before compaction)", lambda r: f"{r['writes']['mb']:.1f} MB")
    row(f"{writers} processes × {commits} appends", lambda r: _concurrency(r["append"]))
    row(
        f"{writers} processes × {commits} replace-by-run_id",
        lambda r: _concurrency(r["replace"]) if "replace" in r else "same as appends (a file per run)",
    )
    row("writer killed as its first data file landed, then rerun", lambda r: _killed(r["killed"]))
    row("compaction of the closed day's fetches", lambda r: _compaction(r["compaction"]))
    row(
        "retention: bodies of the closed day set to null",
        lambda r: (
            f"{r['retention']['seconds']:.2f} s (CPU {r['retention']['cpu_s']:.2f} s); day's live files "
            f"{r['retention']['mb_before']:.2f} → {r['retention']['mb_after']:.2f} MB; "
            f"rows kept: {'yes' if r['retention']['rows_kept'] else 'NO'}"
        ),
    )
    row("a run with an added column", _evolution)
    row("the dedup index's types (uint64 band keys, 512-byte signature)", lambda r: r["index_types"])
    lines += ["", "Reads of the articles table (grouped count per dt; median of 3):", ""]
    for kind in KINDS:
        for reader, outcome in results[kind]["readers"].items():
            shown = (
                f"{_ms(outcome['ms'])}, {outcome['rows']:,} rows" if "ms" in outcome else f"not run: {outcome['error']}"
            )
            lines.append(f"- {NAMES[kind]}, {reader}: {shown}")
    s3 = results["s3"]
    lines += [
        "",
        "Delta on S3 (moto's server on 127.0.0.1, `AWS_ENDPOINT_URL` + `AWS_ALLOW_HTTP`, no locking provider): "
        f"put-if-absent honoured by the endpoint: {'yes' if s3['put_if_absent_honoured'] else 'no'}; "
        f"one run's articles appended in {_ms(s3['median_ms'])} median ({s3['median_requests']:.0f} HTTP requests), "
        f"a rerun replaced in {_ms(s3['rerun_ms'])}, {s3['rows']:,} rows of {s3['expected_rows']:,}; "
        f"{writers} processes × {max(1, commits // 2)} concurrent appends in {s3['concurrent_s']:.1f} s: "
        f"{s3['concurrent_retries']} retried, {s3['concurrent_errors']} failed, {s3['concurrent_rows']:,} rows "
        f"({s3['concurrent_distinct']:,} distinct) of {s3['concurrent_expected']:,}; DuckDB `delta_scan` through "
        f"httpfs and a secret read {s3['duckdb_rows']:,} rows in {_ms(s3['duckdb_ms'])}.",
        END,
    ]
    return "\n".join(lines)


def write_section(section: str, path: Path) -> None:
    """Replace the bench's marked section of a page, or add it at the end."""
    text = path.read_text("utf-8")
    if START in text:
        before, rest = text.split(START, 1)
        text = before + section + rest.split(END, 1)[1]
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    path.write_text(text, "utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="a smoke run: fewer runs, writers and commits")
    parser.add_argument(
        "--no-write", action="store_true", help="print only; leave docs/benchmarks.md and lake.md alone"
    )
    parser.add_argument("--json", type=Path, help="also save the raw results here")
    args = parser.parse_args(argv)
    os.environ.setdefault("POLARS_ICEBERG_PLANNER", "pyiceberg")  # polars_iceberg is not installed
    shape, writers, commits = (QUICK, 2, 3) if args.quick else (FULL, 4, 8)
    s3_shape = Shape(sources=1, fetches_per_source=1, articles=shape.articles, days=1, runs_per_day=6)
    results = measure(shape, writers, commits, s3_shape)
    command = "nice -n 10 .venv/bin/python -m bench.lake_formats" + (" --quick" if args.quick else "")
    section = report(results, command, shape, writers, commits)
    print(section)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1, default=str), "utf-8")
    if not args.no_write and not args.quick:
        for path in DOCS:
            write_section(section, path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
