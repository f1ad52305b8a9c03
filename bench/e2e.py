"""End-to-end benchmark: ``newslake run`` against bare Scrapy + trafilatura on a synthetic site.

Run from the repository root::

    .venv/bin/python -m bench.e2e                     # N = 10k, 50k, 100k
    .venv/bin/python -m bench.e2e --sizes 800 3200    # the quick check

For each N the synthetic portal of ``bench/sitegen.py`` is served on 127.0.0.1 from its own
process, then, in the same run and at the same concurrency:

- **newslake**: ``newslake run`` over a fresh lake with one ``sitemap`` source (robots.txt →
  sitemap index → urlsets → pages). Its stdout progress lines split the wall time into stages
  (crawl, process, dedup, publish); the process tree's RSS is sampled every 0.1 s and its
  peak kept per stage; CPU seconds are the whole tree's (``RUSAGE_CHILDREN``).
- **baseline**: a minimal Scrapy ``SitemapSpider`` over the same sitemap index with the same
  Scrapy settings (concurrency, delay, AutoThrottle, timeouts, retries) but no robots.txt
  middleware and none of newslake's middlewares or pipelines, calling ``trafilatura.extract``
  on each page in its callback and keeping nothing.

The ratio is newslake's wall time over the baseline's. Results replace the ``e2e`` section
of ``docs/benchmarks.md``.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import psutil  # type: ignore[import-untyped]  # no stubs in the locked dev group
import pyarrow.parquet as pq

DOCS = Path("docs/benchmarks.md")
START, END = "<!-- e2e:start -->", "<!-- e2e:end -->"
DEFAULT_SIZES = (10_000, 50_000, 100_000)
SOURCE_ID = "synthetic"
STAGES = ("crawl", "process", "dedup", "publish")
SAMPLE_SECONDS = 0.1
REFERENCE_PAGES = 10_000
# Read with the table; kept in the code so a re-run of the benchmark keeps them.
NOTES = (
    "Reading the table: the process stage runs one extraction process per core (forked, so the "
    "tree's RSS counts their shared copy-on-write pages once per process: the RSS column is an "
    "upper bound, PSS the fair share). The baseline runs trafilatura inside Scrapy's reactor thread, "
    "so its crawl and extraction share one core; newslake crawls first (one core) and then extracts "
    "on both. The baseline's AutoThrottle is off: with the extraction blocking the reactor, "
    "AutoThrottle reads the stall as server latency and slows the baseline about 2× more. The "
    "baseline takes ~5.5× newslake's time (557 s at 10,000 pages on this machine, so ~47 and ~95 "
    "minutes at 50,000 and 100,000) and its time per page was constant from 800 to 10,000 pages "
    "(commit f72e3f3's run: 0.38×, 0.27×, 0.27× at 800, 3,200, 10,000).",
    "",
    "What issue 8 changed, first for speed (N = 3,200; before = commit cff7698): the process stage "
    "streams its rows to Parquet in row groups instead of holding the run in a list, and extracts "
    "on a process pool; `noise_share` classifies each distinct character once (1.55 → 0.34 ms per "
    "page); the crawl hands Scrapy at most 1,000 article requests at a time instead of a whole "
    "urlset. Before: process 66.5 s, total 85.2 s = 0.44× the baseline; after: 0.27–0.35×.",
    "",
    "Then for memory (before = commit 32c81bc, N = 10,000: crawl / process / dedup 352 / 658 / 695 "
    "MB RSS): Parquet files are read a batch at a time without pyarrow's pre-buffering, which held "
    "~250 MB more per 200 MB file; extraction workers are replaced every 200 batches; dedup keeps no "
    "text (keys in Arrow, signatures spooled to local disk by row position, articles written a "
    "batch at a time) and matches 4,096 articles at a time: against earlier runs in DuckDB (its hash "
    "table kept on the new band keys, candidate pairs streamed) and against the run's own earlier "
    "chunks in an in-memory LSH table (band keys and rows, ~400 B per article; signatures read back "
    "from the spool a chunk at a time). The dedup stage alone on the portal's texts "
    "(`.venv/bin/python -m bench.dedup_scale`): 262 MB for 10,000 articles, 321 MB for 100,000 "
    "(1.23×); before the in-memory table 272 and 478 MB. Its time grows faster than N on this "
    "portal (12× for 10×): the synthetic texts are drawn from a small vocabulary, so unrelated "
    "articles share band keys and every article has hundreds of candidates.",
    "",
    "Decoding twice (crawl, then process) was measured at ~0.1 ms per page and left alone; each page "
    "is parsed into a DOM once.",
)


@dataclass
class Measured:
    """One measured command: wall and CPU seconds, peak tree RSS, per stage where it has stages."""

    wall: float = 0.0
    cpu: float = 0.0
    peak_rss: int = 0
    peak_pss: int = 0
    stage_wall: dict[str, float] = field(default_factory=dict)
    stage_rss: dict[str, int] = field(default_factory=dict)
    stage_pss: dict[str, int] = field(default_factory=dict)
    articles: int = 0
    pages: int = 0
    lake_bytes: int = 0
    output: str = ""


def tree_memory(process: psutil.Process) -> tuple[int, int]:
    """RSS and PSS of a process and all its descendants, in bytes.

    RSS counts a page shared by forked workers once per process; PSS splits it between them,
    so it is what the tree really occupies. A process that exits mid-sample counts as zero.
    """
    try:
        members = [process, *process.children(recursive=True)]
    except psutil.Error:
        return 0, 0
    rss = pss = 0
    for member in members:
        try:
            info = member.memory_full_info()
        except psutil.Error:
            continue
        rss += info.rss
        pss += info.pss
    return rss, pss


def measure(command: list[str], env: dict[str, str], stage_of_line: dict[str, str] | None = None) -> Measured:
    """Run ``command``, sampling its tree's RSS; a stdout line starting with a key of ``stage_of_line`` ends a stage."""
    result = Measured()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env) as child:
        watched = psutil.Process(child.pid)
        stage = [STAGES[0]]
        stage_started = [started]
        done = threading.Event()

        def sample() -> None:
            while not done.is_set():
                rss, pss = tree_memory(watched)
                result.peak_rss, result.peak_pss = max(result.peak_rss, rss), max(result.peak_pss, pss)
                result.stage_rss[stage[0]] = max(result.stage_rss.get(stage[0], 0), rss)
                result.stage_pss[stage[0]] = max(result.stage_pss.get(stage[0], 0), pss)
                done.wait(SAMPLE_SECONDS)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        lines = []
        assert child.stdout is not None
        for line in child.stdout:
            lines.append(line)
            for prefix, ended in (stage_of_line or {}).items():
                if line.startswith(prefix) and ended == stage[0]:
                    now = time.perf_counter()
                    result.stage_wall[ended] = now - stage_started[0]
                    stage_started[0] = now
                    stage[0] = STAGES[STAGES.index(ended) + 1]
        child.wait()
    result.wall = time.perf_counter() - started
    done.set()
    sampler.join()
    result.stage_wall.setdefault(stage[0], result.wall - (stage_started[0] - started))
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    result.cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    result.output = "".join(lines)
    if child.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} exited {child.returncode}:\n{result.output[-3000:]}")
    return result


def start_site(pages: int, seed: int) -> tuple[subprocess.Popen[str], str]:
    """The synthetic site in its own process; returns it and its base URL."""
    server = subprocess.Popen(
        [sys.executable, "-m", "bench.sitegen", "--pages", str(pages), "--seed", str(seed)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert server.stdout is not None
    base_url = server.stdout.readline().strip()
    if not base_url.startswith("http://127.0.0.1:"):
        server.kill()
        raise RuntimeError(f"the synthetic site did not start (said {base_url!r})")
    return server, base_url


def run_newslake(base_url: str, pages: int, concurrency: int, workdir: Path) -> Measured:
    """``newslake run`` into a fresh lake under ``workdir``."""
    lake = workdir / "lake"
    shutil.rmtree(lake, ignore_errors=True)
    sources = workdir / "sources.yaml"
    sources.write_text(
        "sources:\n"
        f"  - id: {SOURCE_ID}\n"
        "    kind: sitemap\n"
        f"    urls: [{base_url}/]\n"
        f"    max_pages: {pages}\n"
        f"    concurrency: {concurrency}\n"
        "    delay: 0\n",
        encoding="utf-8",
    )
    command = [
        str(Path(sys.executable).with_name("newslake")),
        "run",
        "--sources",
        str(sources),
        "--lake",
        str(lake),
        "--run-id",
        "bench",
        "--dt",
        "2026-05-01",
    ]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    # "crawl    synthetic: started" opens the crawl; the line that ends it starts with a count or FAILED
    ends = {f"crawl    {SOURCE_ID}: {n}": "crawl" for n in "0123456789F"} | {
        "process  ": "process",
        "dedup    ": "dedup",
    }
    result = measure(command, env, ends)
    result.lake_bytes = sum(path.stat().st_size for path in lake.rglob("*") if path.is_file())
    result.articles = _count_articles(lake)
    return result


def _count_articles(lake: Path) -> int:
    return sum(pq.ParquetFile(path).metadata.num_rows for path in (lake / "articles").rglob("*.parquet"))


def run_baseline(base_url: str, concurrency: int) -> Measured:
    """Bare Scrapy + trafilatura over the same sitemap index, same Scrapy settings."""
    command = [sys.executable, "-m", "bench.e2e", "baseline", base_url, "--concurrency", str(concurrency)]
    result = measure(command, {**os.environ, "PYTHONUNBUFFERED": "1"})
    for line in result.output.splitlines():
        if line.startswith("baseline pages "):
            result.pages = int(line.split()[2])
            result.articles = int(line.split()[4])
    return result


def baseline_crawl(base_url: str, concurrency: int) -> int:
    """The bare crawl, in this process: prints ``baseline pages P extracted E``."""
    import scrapy  # noqa: PLC0415 - only the baseline child imports Scrapy
    import trafilatura  # noqa: PLC0415
    from scrapy.crawler import CrawlerProcess  # noqa: PLC0415
    from scrapy.http import Response  # noqa: PLC0415
    from scrapy.spiders import SitemapSpider  # noqa: PLC0415

    from crawlers.settings import crawl_settings  # noqa: PLC0415
    from transforms.sites import Site  # noqa: PLC0415
    from transforms.sources import Source  # noqa: PLC0415

    counts = {"pages": 0, "extracted": 0}

    class BareSpider(SitemapSpider):
        name = "bare"

        def parse(self, response: Response) -> None:
            counts["pages"] += 1
            if trafilatura.extract(response.text, url=response.url):
                counts["extracted"] += 1

    source = Source(id="bare", kind="sitemap", urls=(base_url + "/",), concurrency=concurrency, delay=0.0)
    site = Site(name="bare", sources=(source,), concurrency=concurrency, delay=0.0)
    settings = crawl_settings(site, "newslake-bench/0.1") | {
        "ROBOTSTXT_OBEY": False,
        "ITEM_PIPELINES": {},
        "DOWNLOADER_MIDDLEWARES": {},
        "LOG_LEVEL": "WARNING",
        # A blocking callback inflates the latencies AutoThrottle sees, and it would slow the
        # baseline down several times over: off, so the baseline is bare Scrapy at its fastest.
        "AUTOTHROTTLE_ENABLED": False,
    }
    process = CrawlerProcess(settings, install_root_handler=True)
    process.crawl(BareSpider, sitemap_urls=[base_url + "/sitemap_index.xml"])
    process.start()
    del scrapy
    print(f"baseline pages {counts['pages']} extracted {counts['extracted']}")
    return 0


@dataclass
class SizeResult:
    """Both runs for one N."""

    pages: int
    newslake: Measured
    baseline: Measured | None
    """None when the baseline was not run at this size (``--baseline-sizes``)."""


def bench_size(pages: int, concurrency: int, seed: int, order: str, with_baseline: bool = True) -> SizeResult:
    """Serve a site of ``pages`` pages and run both crawls over it (newslake only unless ``with_baseline``)."""
    server, base_url = start_site(pages, seed)
    try:
        with tempfile.TemporaryDirectory(prefix="newslake-e2e-") as folder:
            runs: dict[str, Measured] = {}
            for name in order.split(","):
                if name == "baseline" and not with_baseline:
                    continue
                print(f"N={pages}: {name} …", flush=True)
                if name == "baseline":
                    runs[name] = run_baseline(base_url, concurrency)
                else:
                    runs[name] = run_newslake(base_url, pages, concurrency, Path(folder))
                print(
                    f"N={pages}: {name} {runs[name].wall:.1f} s, peak RSS {runs[name].peak_rss / 2**20:.0f} MB",
                    flush=True,
                )
    finally:
        server.terminate()
        server.wait(timeout=10)
        if server.stdout is not None:
            server.stdout.close()
    return SizeResult(pages, runs["newslake"], runs.get("baseline"))


def render(results: list[SizeResult], command: str, concurrency: int) -> str:
    """The markdown section."""
    mb = 2**20
    lines = [
        START,
        "## End to end: `newslake run` against bare Scrapy + trafilatura",
        "",
        f"Command: `{command}`",
        "",
        "Synthetic sitemap portal from `bench/sitegen.py` (seeded; pages 20–150 KB, median ~45 KB; half Chinese, "
        "half English; 10% syndicated copies), served from its own process on 127.0.0.1. Both crawls use "
        f"concurrency {concurrency} per domain, delay 0 and the same Scrapy settings; the baseline is a "
        "`SitemapSpider` calling `trafilatura.extract` in its callback (no robots.txt, no storage). "
        "Stage times are split by `newslake run`'s progress lines; memory is the peak over the whole process tree "
        "(sampled every 0.1 s) as RSS, which counts pages that forked workers share with their parent once per "
        "process, and as PSS, which splits them; CPU is user+system seconds of the tree. Machine: 2 vCPU, "
        "shared with another engineer's test runs, so absolute times move; the ratio is from the same run.",
        "",
        "| N | crawl s | process s | dedup s | publish s | newslake total s | pages/s | baseline s | "
        "newslake / baseline | peak RSS crawl / process / dedup MB | peak PSS crawl / process / dedup MB | "
        "baseline peak RSS / PSS MB | lake MB | CPU s per article (newslake / baseline) | articles |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for result in results:
        ours, bare = result.newslake, result.baseline
        stage = ours.stage_wall
        rss = " / ".join(f"{ours.stage_rss.get(name, 0) / mb:.0f}" for name in ("crawl", "process", "dedup"))
        pss = " / ".join(f"{ours.stage_pss.get(name, 0) / mb:.0f}" for name in ("crawl", "process", "dedup"))
        per_ours = ours.cpu / max(1, ours.articles)
        if bare is None:
            bare_s, ratio, bare_rss, per_bare = "not run", "—", "—", "—"
        else:
            bare_s, ratio = f"{bare.wall:.1f}", f"**{ours.wall / bare.wall:.2f}×**"
            bare_rss = f"{bare.peak_rss / mb:.0f} / {bare.peak_pss / mb:.0f}"
            per_bare = f"{bare.cpu / max(1, bare.pages) * 1000:.1f} ms"
        lines.append(
            f"| {result.pages:,} | {stage.get('crawl', 0):.1f} | {stage.get('process', 0):.1f} | "
            f"{stage.get('dedup', 0):.1f} | {stage.get('publish', 0):.1f} | {ours.wall:.1f} | "
            f"{result.pages / ours.wall:.1f} | {bare_s} | {ratio} | {rss} | {pss} | "
            f"{bare_rss} | {ours.lake_bytes / mb:.0f} | "
            f"{per_ours * 1000:.1f} ms / {per_bare} | "
            f"{ours.articles:,} |"
        )
    if len(results) > 1:
        # Growth is read from the 10,000-page run when there is one: the scale target is 100k vs 10k.
        first = next((r for r in results if r.pages == REFERENCE_PAGES), results[0])
        last = results[-1]
        scale = last.pages / first.pages

        def growth(of: dict[str, int], to: dict[str, int]) -> str:
            return ", ".join(f"{name} {to.get(name, 0) / max(1, of.get(name, 0)):.2f}×" for name in STAGES[:3])

        bare_growth = (
            f" (baseline {last.baseline.wall / first.baseline.wall:.2f}×)"
            if first.baseline is not None and last.baseline is not None
            else ""
        )
        ratios = [r.newslake.wall / r.baseline.wall for r in results if r.baseline is not None]
        median = f" Median ratio over the sizes with a baseline: {statistics.median(ratios):.2f}×." if ratios else ""
        lines += [
            "",
            f"From N={first.pages:,} to N={last.pages:,} ({scale:.0f}× the pages): newslake's wall time grew "
            f"{last.newslake.wall / first.newslake.wall:.2f}×{bare_growth}; peak memory per stage grew by RSS "
            f"{growth(first.newslake.stage_rss, last.newslake.stage_rss)}; by PSS "
            f"{growth(first.newslake.stage_pss, last.newslake.stage_pss)}.{median}",
        ]
    lines += ["", *NOTES, "", END]
    return "\n".join(lines)


def write_section(section: str, path: Path = DOCS) -> None:
    """Replace our section of the shared benchmarks page, leaving the others alone."""
    current = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    if START in current and END in current:
        before, rest = current.split(START, 1)
        updated = before + section + rest.split(END, 1)[1]
    else:
        updated = current.rstrip("\n") + "\n\n" + section + "\n"
    path.write_text(updated, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    """Benchmark each size; print the table and update docs/benchmarks.md unless told not to."""
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["baseline"]:
        inner = argparse.ArgumentParser(prog="bench.e2e baseline")
        inner.add_argument("base_url")
        inner.add_argument("--concurrency", type=int, required=True)
        parsed = inner.parse_args(argv[1:])
        return baseline_crawl(parsed.base_url, parsed.concurrency)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sizes", type=int, nargs="+", default=list(DEFAULT_SIZES), help="site sizes N")
    parser.add_argument("--concurrency", type=int, default=8, help="requests in parallel to the site (both crawls)")
    parser.add_argument("--seed", type=int, default=8, help="the synthetic site's seed")
    parser.add_argument(
        "--baseline-sizes",
        type=int,
        nargs="*",
        help="the sizes at which the baseline runs too (default: all; it takes ~5x newslake's time)",
    )
    parser.add_argument("--order", default="baseline,newslake", help="which crawl runs first")
    parser.add_argument("--no-write", action="store_true", help="print only; leave docs/benchmarks.md alone")
    args = parser.parse_args(argv)
    with_baseline = args.sizes if args.baseline_sizes is None else args.baseline_sizes
    results = [
        bench_size(pages, args.concurrency, args.seed, args.order, pages in with_baseline) for pages in args.sizes
    ]
    command = ".venv/bin/python -m bench.e2e" + (
        "" if args.sizes == list(DEFAULT_SIZES) else " --sizes " + " ".join(map(str, args.sizes))
    )
    if args.baseline_sizes is not None:
        command += " --baseline-sizes " + " ".join(map(str, args.baseline_sizes))
    if args.concurrency != 8:
        command += f" --concurrency {args.concurrency}"
    section = render(results, command, args.concurrency)
    print(section)
    if not args.no_write:
        write_section(section)
        print(f"\nwrote {DOCS}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
