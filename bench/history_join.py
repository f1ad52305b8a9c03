"""History join against a large dedup index: 20k new articles vs 10M stored signatures.

Run ``nice -n 10 .venv/bin/python -m bench.history_join`` (``--history 1000000`` for a smaller
index). Builds, once, a synthetic history under ``--cache`` (default
``$TMPDIR/newslake-history-join``, reused by later runs with the same size and seed): the
signature table as ``dt=`` Parquet partitions sorted by ``article_id`` in row groups of
``SIGNATURE_ROW_GROUP`` (random signatures, hex ids), and the bucketed band table written by
the same code a lake uses (:meth:`BandTable.rebuild`, then :meth:`BandTable.compact`). Then
``--open-runs`` runs of 20k articles are committed on top, uncompacted, as an open day's hourly
runs would be (their commit time is the per-run write cost). Each repeat matches 20k new
signatures in a fresh process: 5% are edited copies (30% of values changed) of stored
articles drawn from the whole history, the rest random. Reported: wall and CPU seconds
(user+system, all threads), peak RSS growth over the process after imports and inputs, median
of ``--repeats``. Results go into the history-join section of docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import psutil  # type: ignore[import-untyped]  # no stubs in the locked dev group
import pyarrow as pa
import pyarrow.parquet as pq

from transforms.edge.band_index import SIGNATURE_ROW_GROUP, BandHistory, BandTable, sorted_for_lookup
from transforms.edge.near_match import match_batch, match_signatures
from transforms.neardup import INDEX_SCHEMA, NUM_PERM, Signatures, band_keys
from transforms.neardup.buckets import BUCKET_BITS

DOCS = Path("docs/benchmarks.md")
START, END = "<!-- history-join:start -->", "<!-- history-join:end -->"
DAY_US = 86_400_000_000
T0_US = 1_767_225_600_000_000  # 2026-01-01T00:00:00Z
PARTITIONS = 10
RUN_SIZE = 20_000


def _hex_ids(rng: np.random.Generator, n: int) -> list[str]:
    """Sorted 24-hex-digit ids, as sha256 prefixes look."""
    high = np.sort(rng.integers(0, 2**64, size=n, dtype=np.uint64))
    low = rng.integers(0, 2**32, size=n, dtype=np.uint32)
    return [f"{int(h):016x}{int(lo):08x}" for h, lo in zip(high, low, strict=True)]


def _signature_rows(ids: list[str], values: np.ndarray, day: int) -> pa.Table:
    n = len(ids)
    keys = band_keys(values)
    return pa.table(
        {
            "article_id": pa.array(ids, pa.string()),
            "cluster_id": pa.array(ids, pa.string()),
            "fetched_at": pa.array(np.full(n, T0_US + day * DAY_US), pa.int64()).cast(pa.timestamp("us", tz="UTC")),
            "n_shingles": pa.array(np.full(n, 1500, np.int32)),
            "signature": pa.FixedSizeBinaryArray.from_buffers(
                pa.binary(NUM_PERM * 4), n, [None, pa.py_buffer(values.tobytes())]
            ),
            "band_keys": pa.ListArray.from_arrays(
                pa.array(np.arange(0, keys.size + 1, keys.shape[1], dtype=np.int32)), pa.array(keys.ravel())
            ),
            "scheme_version": pa.array(np.ones(n, np.int16)),
        },
        schema=INDEX_SCHEMA,
    )


def build(folder: Path, n_history: int, open_runs: int, seed: int) -> dict[str, float]:
    """The synthetic history (kept between runs: a ``complete.json`` marks it done)."""
    marker = folder / "complete.json"
    if marker.exists():
        built: dict[str, float] = json.loads(marker.read_text())
        return built
    folder.mkdir(parents=True, exist_ok=True)
    closed = n_history - open_runs * RUN_SIZE
    files = []
    started = time.perf_counter()
    for day in range(PARTITIONS):
        n = closed // PARTITIONS
        path = folder / "signatures" / f"dt=2026-01-{day + 1:02d}" / "part-0.parquet"
        files.append(str(path))
        if _complete(path, n):  # written by an interrupted build
            continue
        rng = np.random.default_rng([seed, day])
        values = rng.integers(0, 2**32, size=(n, NUM_PERM), dtype=np.uint32)
        rows = _signature_rows(_hex_ids(rng, n), values, day).drop_columns(["band_keys"])
        path.parent.mkdir(parents=True, exist_ok=True)
        _write_signatures(rows, path)
        del values, rows
    signatures_s = time.perf_counter() - started
    bands = BandTable(str(folder / "dedup_bands"))
    rebuilt = folder / "rebuilt.json"  # an interrupted build resumes after the rebuild
    if rebuilt.exists():
        rebuild_s = float(json.loads(rebuilt.read_text())["rebuild_s"])
    else:
        started = time.perf_counter()
        bands.rebuild(files)
        rebuild_s = time.perf_counter() - started
        rebuilt.write_text(json.dumps({"rebuild_s": rebuild_s}))
    commits = []
    rng = np.random.default_rng([seed, PARTITIONS])
    for run in range(open_runs):
        values = rng.integers(0, 2**32, size=(RUN_SIZE, NUM_PERM), dtype=np.uint32)
        rows = _signature_rows(_hex_ids(rng, RUN_SIZE), values, PARTITIONS)
        path = folder / "signatures" / f"dt=2026-01-{PARTITIONS + 1:02d}" / f"run-{run:03d}.parquet"
        path.parent.mkdir(parents=True, exist_ok=True)
        _write_signatures(rows.drop_columns(["band_keys"]), path)
        started = time.perf_counter()
        bands.commit_run(f"run-{run:03d}", rows)
        commits.append(time.perf_counter() - started)
    table = bands.table()
    assert table is not None
    result = {
        "history": float(n_history),
        "open_runs": float(open_runs),
        "signatures_s": signatures_s,
        "rebuild_s": rebuild_s,
        "commit_s": statistics.median(commits) if commits else 0.0,
        "band_files": float(len(table.file_uris())),
        "band_bytes": float(sum(Path(p).stat().st_size for p in table.file_uris())),
        "signature_bytes": float(sum(p.stat().st_size for p in (folder / "signatures").rglob("*.parquet"))),
    }
    marker.write_text(json.dumps(result))
    return result


def _write_signatures(rows: pa.Table, path: Path) -> None:
    """A signature file as the lake writes one (zstd, row groups of ``SIGNATURE_ROW_GROUP``),
    but without statistics of the ``signature`` column: the lake keeps a 64-byte prefix there,
    pyarrow cannot truncate and would store all 512 bytes twice per row group (a 1.6 MB footer
    per closed day instead of 0.4 MB, read by every join)."""
    stats = [name for name in rows.column_names if name != "signature"]
    pq.write_table(rows, path, row_group_size=SIGNATURE_ROW_GROUP, compression="zstd", write_statistics=stats)


def _complete(path: Path, rows: int) -> bool:
    try:
        return bool(pq.ParquetFile(path).metadata.num_rows == rows)
    except (OSError, pa.ArrowInvalid):
        return False


def worker(folder: Path, n_new: int, seed: int) -> dict[str, float]:
    """One join in this process: the inputs first, then the measured match."""
    files = sorted(str(p) for p in (folder / "signatures").rglob("*.parquet"))
    rng = np.random.default_rng(seed)
    values = rng.integers(0, 2**32, size=(n_new, NUM_PERM), dtype=np.uint32)
    planted = n_new // 20
    sources = []
    for k in rng.choice(len(files), size=planted):
        parquet = pq.ParquetFile(files[k])
        group = int(rng.integers(parquet.metadata.num_row_groups))
        column = parquet.read_row_group(group, columns=["signature"])["signature"].combine_chunks()
        row = int(rng.integers(len(column)))
        sources.append(np.frombuffer(column[row].as_py(), dtype="<u4"))
    copies = np.array(sources, dtype=np.uint32)
    edit = rng.random(copies.shape) < 0.3
    copies[edit] = rng.integers(0, 2**32, size=int(edit.sum()), dtype=np.uint32)
    values[:planted] = copies
    sigs = Signatures(values=values, n_shingles=np.full(n_new, 1500, np.int32))
    ids = pa.array(_hex_ids(rng, n_new), pa.string())
    fetched = pa.array(np.full(n_new, T0_US + 400 * DAY_US), pa.int64()).cast(pa.timestamp("us", tz="UTC"))
    history = BandHistory(BandTable(str(folder / "dedup_bands")), files)
    baseline = psutil.Process().memory_info().rss
    cpu = os.times()
    start = time.perf_counter()
    result = match_signatures(ids, fetched, sigs, history)
    seconds = time.perf_counter() - start
    after = os.times()
    peak = _peak_rss()
    duplicate_of = result.matches["duplicate_of"].to_pylist()
    return {
        "seconds": seconds,
        "cpu": (after.user - cpu.user) + (after.system - cpu.system),
        "rss_extra": float(peak - baseline),
        "joined": float(sum(v is not None for v in duplicate_of[:planted])),
        "false_joins": float(sum(v is not None for v in duplicate_of[planted:])),
        "planted": float(planted),
    }


def _peak_rss() -> int:
    """This process's peak resident memory in bytes. ``ru_maxrss`` is not it for a process
    started by fork and exec: it keeps the parent's peak (a worker started after a build
    reported the build's 3.5 GB); the kernel's ``VmHWM`` is the peak of this process's own memory."""
    try:
        status = Path("/proc/self/status").read_text()
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    kilobytes = next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM:"))
    return int(kilobytes) * 1024


def equivalence(seed: int, runs: int = 4) -> dict[str, int]:
    """The labelled set of ``bench.neardup`` (real texts and their copies) split by time into
    ``runs`` runs, each matched against the earlier ones both ways: the full DuckDB join over
    the signature files, and the band index. Counts of articles and of differing cluster rows."""
    from bench.neardup import build_set  # noqa: PLC0415 - its corpus readers are needed here only

    items = sorted(build_set(seed, quick=False), key=lambda i: i.fetched_us)
    ids = {i.article_id: hashlib.sha256(i.article_id.encode()).hexdigest()[:24] for i in items}
    counts = {"articles": len(items), "near": 0, "differing": 0}
    with tempfile.TemporaryDirectory(prefix="newslake-equivalence-") as tmp:
        bands = BandTable(f"{tmp}/dedup_bands")
        files: list[str] = []
        size = -(-len(items) // runs)
        for run in range(runs):
            part = items[run * size : (run + 1) * size]
            batch = pa.table(
                {
                    "article_id": [ids[i.article_id] for i in part],
                    "fetched_at": pa.array([i.fetched_us for i in part], pa.int64()).cast(pa.timestamp("us", tz="UTC")),
                    "text": [i.text for i in part],
                }
            )
            old = match_batch(batch, files or None)
            new = match_batch(batch, BandHistory(bands, list(files)))
            counts["near"] += sum(kind == "near" for kind in old.matches["dup_kind"].to_pylist())
            counts["differing"] += sum(
                a != b for a, b in zip(old.matches.to_pylist(), new.matches.to_pylist(), strict=True)
            )
            path = Path(tmp) / f"dt={run}" / "part-0.parquet"
            path.parent.mkdir()
            pq.write_table(sorted_for_lookup(old.index_rows), path, row_group_size=SIGNATURE_ROW_GROUP)
            files.append(str(path))
            bands.commit_run(f"run-{run}", old.index_rows)
    return counts


def render(
    built: dict[str, float], runs: list[dict[str, float]], n_new: int, command: str, same: dict[str, int]
) -> str:
    """The history-join section of docs/benchmarks.md."""

    def median(key: str) -> float:
        return statistics.median(r[key] for r in runs)

    history = int(built["history"])
    return "\n".join(
        [
            f"## History join against the bucketed band index ({n_new:,} new vs {history:,} stored signatures)",
            "",
            f"Command: `{command}` (machine: {psutil.cpu_count()} vCPU, shared with other work).",
            "",
            f"Synthetic history: {history - int(built['open_runs']) * RUN_SIZE:,} articles in {PARTITIONS} "
            f"closed `dt=` partitions plus {int(built['open_runs'])} uncompacted runs of {RUN_SIZE:,} (an open "
            f"day). Signature table {built['signature_bytes'] / 1e9:.2f} GB (sorted by `article_id`, row groups "
            f"of {SIGNATURE_ROW_GROUP}); band table `dedup_bands` {built['band_bytes'] / 1e9:.2f} GB in "
            f"{int(built['band_files'])} files ({1 << BUCKET_BITS} buckets; one sorted file per bucket after "
            "compaction, a file per bucket per open run). 5% of the new articles are edited copies of stored "
            "ones drawn from the whole history. Fresh process per repeat; median of "
            f"{len(runs)}.",
            "",
            "| measure | median | runs |",
            "|---|---|---|",
            f"| wall time of the join | {median('seconds'):.2f} s | "
            + ", ".join(f"{r['seconds']:.2f}" for r in runs)
            + " |",
            f"| CPU time (user+system, all threads) | {median('cpu'):.2f} s | "
            + ", ".join(f"{r['cpu']:.2f}" for r in runs)
            + " |",
            f"| CPU per new article | {median('cpu') / n_new * 1e3:.3f} ms | |",
            f"| peak RSS growth | {median('rss_extra') / 1e6:,.0f} MB | "
            + ", ".join(f"{r['rss_extra'] / 1e6:,.0f}" for r in runs)
            + " |",
            f"| planted copies joined | {median('joined'):.0f} / {median('planted'):.0f} | |",
            f"| other new articles joined | {median('false_joins'):.0f} | |",
            "",
            "A planted copy that is not joined shares no band with its source (30% of values edited leaves "
            "each 4-row band intact with probability 0.24, so about one copy in 7,000 keeps none): no LSH join "
            "finds it. Wall time counts waiting for a core on this shared machine (1-minute load average "
            f"{min(r['load'] for r in runs):.1f}–{max(r['load'] for r in runs):.1f} at the end of the runs, "
            "on 2 cores); CPU time is the steadier measure.",
            "",
            _verdict(median("seconds"), median("cpu"), median("rss_extra")),
            "",
            f"Writing: a run's band entries ({RUN_SIZE:,} articles, {1 << BUCKET_BITS} bucket files, one Delta "
            "commit) took "
            f"{built['commit_s']:.2f} s (median); building the index from the signature table "
            f"(`BandTable.rebuild`, then sorting compaction) took {built['rebuild_s']:.0f} s for "
            f"{history - int(built['open_runs']) * RUN_SIZE:,} articles.",
            "",
            "Before, the full DuckDB join over every `dedup_index` row (the near-duplicate section's history-join "
            "table, and issue 15): 20,000 new vs 1M stored 1.2–1.9 s and +300–340 MB, vs 3M 3.4 s and +793 MB, "
            "growing linearly (10M extrapolated: ~11 s, ~2.6 GB).",
            "",
            f"Same answer: the labelled set of `bench.neardup` ({same['articles']} real texts and their copies) "
            f"matched in four runs through both joins gives {same['differing']} differing cluster rows "
            f"({same['near']} near-duplicate decisions); tests/transforms/edge/test_band_index.py checks the "
            "candidate pairs and clusters run by run, after compaction and after a rebuild with another bucket count.",
            "",
        ]
    )


def _verdict(seconds: float, cpu: float, rss: float) -> str:
    """The issue's target (under 5 s and under 1 GB for this join on this machine), measure by measure."""

    def met(value: float, limit: float) -> str:
        return "met" if value < limit else "not met"

    return (
        f"Against the issue's target (under 5 s and under 1 GB on this machine): wall time {met(seconds, 5)} "
        f"({seconds:.2f} s median, at the load above); CPU time (user+system of both threads) {cpu:.2f} s median, "
        f"{'under' if cpu < 5 else 'over'} 5 s; memory {met(rss, 1e9)} ({rss / 1e6:,.0f} MB median peak RSS growth)."
    )


def write_section(section: str, path: Path = DOCS) -> None:
    """Replace our marked section, keeping every other section as it is."""
    block = f"{START}\n{section.rstrip()}\n{END}\n"
    current = path.read_text(encoding="utf-8")
    if START in current and END in current:
        before, rest = current.split(START, 1)
        updated = before + block + rest.split(END, 1)[1].lstrip("\n")
    else:
        updated = current.rstrip("\n") + "\n\n" + block
    path.write_text(updated, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    """Build (or reuse) the history, run the join in fresh processes, print and record."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--history", type=int, default=10_000_000)
    parser.add_argument("--new", type=int, default=20_000)
    parser.add_argument("--open-runs", type=int, default=24)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--seed", type=int, default=20260101)
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "newslake-history-join")
    parser.add_argument("--no-write", action="store_true", help="print only; leave docs/benchmarks.md alone")
    parser.add_argument("--worker", type=Path, help=argparse.SUPPRESS)
    parser.add_argument(
        "--equivalence", action="store_true", help="only compare band-index and full-join clusters on the labelled set"
    )
    args = parser.parse_args(argv)
    if args.equivalence:
        print(json.dumps(equivalence(args.seed)))
        return 0
    if args.worker:
        print(json.dumps(worker(args.worker, args.new, args.seed)))
        return 0
    folder = args.cache / f"{args.history}-{args.open_runs}-{args.seed}"
    built = build(folder, args.history, args.open_runs, args.seed)
    runs = []
    for repeat in range(args.repeats):
        seed = str(args.seed + 1 + repeat)
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "bench.history_join",
                "--worker",
                str(folder),
                "--new",
                str(args.new),
                "--seed",
                seed,
            ],
            check=True,
            capture_output=True,
            text=True,
        )
        runs.append({**json.loads(done.stdout.strip().splitlines()[-1]), "load": os.getloadavg()[0]})
        print(runs[-1], file=sys.stderr)
    command = "nice -n 10 .venv/bin/python -m bench.history_join" + (
        f" --history {args.history}" if args.history != 10_000_000 else ""
    )
    section = render(built, runs, args.new, command, equivalence(args.seed))
    print(section)
    if not args.no_write:
        write_section(section)
    return 0


if __name__ == "__main__":
    sys.exit(main())
