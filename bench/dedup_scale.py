"""The dedup stage alone at scale: time and peak memory for one run of N articles.

Run from the repository root::

    .venv/bin/python -m bench.dedup_scale                    # N = 10k, 100k
    .venv/bin/python -m bench.dedup_scale --sizes 2000 20000

The end-to-end benchmark needs ~25 minutes for 100,000 pages, most of it crawling and
extracting; this one isolates the stage whose memory still grows with the run. The articles are
the synthetic portal's (``bench/sitegen.py``: its texts, URLs, publication times and 10%
syndicated copies) written straight to a lake as the process stage would, then ``dedup_stage``
runs in a fresh process whose RSS is sampled every 0.05 s. Results print as a table; they are
not written to ``docs/benchmarks.md`` (the end-to-end section quotes them).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

import psutil  # type: ignore[import-untyped]  # no stubs in the locked dev group

from bench.sitegen import Site
from transforms.edge.lake import open_lake
from transforms.edge.spool import RowSpool
from transforms.edge.stages import EXTRACTED_TABLE, dedup_stage
from transforms.normalise import content_hash
from transforms.schemas import EXTRACTED

DEFAULT_SIZES = (10_000, 100_000)
RUN_ID, DT = "bench", "2026-05-01"
FETCHED = datetime(2026, 5, 1, tzinfo=UTC)


def write_run(root: Path, pages: int, seed: int) -> None:
    """The portal's articles as one run's extracted file, a row group at a time."""
    site = Site(pages=pages, seed=seed, base_url="http://127.0.0.1:8800")
    spool = RowSpool(root.parent / f"{root.name}-extracted.parquet", EXTRACTED)
    for index in range(pages):
        text = "\n".join(site.paragraphs(index))
        spool.add(
            [
                {
                    "article_id": f"{RUN_ID}-{index:07d}",
                    "url": site.url(index),
                    "canonical_url": site.url(index),
                    "source_id": "synthetic",
                    "title": site.title(index),
                    "text": text,
                    "published_at": site.published(site.story(index)),  # a copy carries its original's date
                    "fetched_at": FETCHED,
                    "content_hash": content_hash(text),
                    "run_id": RUN_ID,
                }
            ]
        )
    open_lake(str(root)).commit(EXTRACTED_TABLE, EXTRACTED, {"dt": DT}, RUN_ID, spool.finish())


def measure_stage(root: Path) -> dict[str, float]:
    """Run the dedup stage here, sampling this process's RSS; prints and returns the figures."""
    import transforms.process  # noqa: F401, PLC0415 - loaded as in `newslake run`, so the baseline RSS matches

    process = psutil.Process()
    peak = [process.memory_info().rss]
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            peak[0] = max(peak[0], process.memory_info().rss)
            done.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    before = process.memory_info().rss
    sampler.start()
    started = time.perf_counter()
    result = dedup_stage(open_lake(str(root)), RUN_ID, DT)
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    figures = {"seconds": seconds, "before": before, "peak": peak[0], **result.counts}
    print(json.dumps(figures))
    return figures


def bench_size(pages: int, seed: int) -> dict[str, float]:
    """Write a run of ``pages`` articles and dedup it in a fresh process."""
    with tempfile.TemporaryDirectory(prefix="newslake-dedup-scale-") as folder:
        root = Path(folder) / "lake"
        write_run(root, pages, seed)
        done = subprocess.run(
            [sys.executable, "-m", "bench.dedup_scale", "--stage", str(root)],
            check=True,
            capture_output=True,
            text=True,
        )
    figures: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return figures


def render(results: list[tuple[int, dict[str, float]]]) -> str:
    """A markdown table, with growth against the first size."""
    mb = 2**20
    lines = [
        "| N | dedup s | articles/s | RSS before MB | peak RSS MB | duplicates | clusters |",
        "|---|---|---|---|---|---|---|",
    ]
    for pages, figures in results:
        lines.append(
            f"| {pages:,} | {figures['seconds']:.1f} | {pages / figures['seconds']:.0f} | "
            f"{figures['before'] / mb:.0f} | {figures['peak'] / mb:.0f} | {figures['duplicates']:,.0f} | "
            f"{figures['clusters']:,.0f} |"
        )
    if len(results) > 1:
        (first, a), (last, b) = results[0], results[-1]
        lines.append("")
        lines.append(
            f"From {first:,} to {last:,} articles: time {b['seconds'] / a['seconds']:.2f}×, "
            f"peak RSS {b['peak'] / a['peak']:.2f}×."
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Benchmark each size and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sizes", type=int, nargs="+", default=list(DEFAULT_SIZES), help="articles per run")
    parser.add_argument("--seed", type=int, default=8, help="the synthetic site's seed")
    parser.add_argument("--stage", type=Path, help=argparse.SUPPRESS)  # the measured child
    args = parser.parse_args(argv)
    if args.stage is not None:
        measure_stage(args.stage)
        return 0
    results = []
    for pages in args.sizes:
        results.append((pages, bench_size(pages, args.seed)))
        print(f"N={pages}: {results[-1][1]['seconds']:.1f} s, peak RSS {results[-1][1]['peak'] / 2**20:.0f} MB")
    print(render(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
