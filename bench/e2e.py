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
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import psutil  # type: ignore[import-untyped]  # no stubs in the locked dev group
import pyarrow.parquet as pq

DOCS = Path("docs/benchmarks.md")
START, END = "<!-- e2e:start -->", "<!-- e2e:end -->"
# Runs of newslake alone (no size with the baseline) measure growth, not a comparison: their own section.
SCALE_START, SCALE_END = "<!-- e2e-scale:start -->", "<!-- e2e-scale:end -->"
DEFAULT_SIZES = (10_000, 50_000, 100_000)
SOURCE_ID = "synthetic"
STAGES = ("crawl", "process", "dedup", "publish")
SAMPLE_SECONDS = 0.1
# The settings that decide how fast a crawl may go; both crawls must run with the same values.
THROTTLE_SETTINGS = (
    "AUTOTHROTTLE_ENABLED",
    "AUTOTHROTTLE_START_DELAY",
    "AUTOTHROTTLE_TARGET_CONCURRENCY",
    "AUTOTHROTTLE_MAX_DELAY",
    "CONCURRENT_REQUESTS",
    "CONCURRENT_REQUESTS_PER_DOMAIN",
    "DOWNLOAD_DELAY",
    "DOWNLOAD_TIMEOUT",
    "RETRY_TIMES",
)
REFERENCE_PAGES = 10_000
# Read with the table; kept in the code so a re-run of the benchmark keeps them.
NOTES = (
    "Reading the table: the process stage runs one extraction process per core (forked, so the "
    "tree's RSS counts their shared copy-on-write pages once per process: the RSS column is an "
    "upper bound, PSS the fair share). The baseline runs trafilatura inside Scrapy's reactor thread, "
    "so its crawl and extraction share one core; newslake crawls first (one core) and then extracts "
    "on both. With AutoThrottle on for both, the baseline's blocking callback also delays the "
    "responses AutoThrottle times, which it may read as server latency and answer with a longer "
    "delay between requests; such waiting is in the wall time but not in the CPU seconds, so the CPU "
    "column compares the work done and the wall ratio the time a user waits. Earlier versions of "
    "this table ran the baseline with AutoThrottle off and newslake with it on (ratios 0.27–0.38× "
    "at 800–10,000 pages); those are not comparable with this one.",
)
# Read with the scale table (newslake alone): how its speed and memory came to be what they are.
SCALE_NOTES = (
    "What issue 8 changed, first for speed (N = 3,200; before = commit cff7698): the process stage "
    "streams its rows to Parquet in row groups instead of holding the run in a list, and extracts "
    "on a process pool; `noise_share` classifies each distinct character once (1.55 → 0.34 ms per "
    "page); the crawl hands Scrapy at most 1,000 article requests at a time instead of a whole "
    "urlset. Before: process 66.5 s, total 85.2 s = 0.44× the baseline; after: 0.27–0.35× (both with "
    "the baseline's AutoThrottle off).",
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
    throttle: dict[str, Any] = field(default_factory=dict)


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


def write_sources(workdir: Path, base_url: str, pages: int, concurrency: int) -> Path:
    """The one ``sitemap`` source both crawls read their Scrapy settings from."""
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
    return sources


def run_newslake(sources: Path, workdir: Path) -> Measured:
    """``newslake run`` into a fresh lake under ``workdir``."""
    lake = workdir / "lake"
    shutil.rmtree(lake, ignore_errors=True)
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
    # "crawl    HOST (synthetic): started" opens the crawl; the line that ends it has a count or FAILED
    from transforms.edge.sources_file import load_sources  # noqa: PLC0415
    from transforms.sites import group_sites  # noqa: PLC0415

    (site,) = group_sites(load_sources(sources), [SOURCE_ID])
    ends = {f"crawl    {site.label()}: {n}": "crawl" for n in "0123456789F"} | {
        "process  ": "process",
        "dedup    ": "dedup",
    }
    result = measure(command, env, ends)
    result.lake_bytes = sum(path.stat().st_size for path in lake.rglob("*") if path.is_file())
    result.articles = _count_articles(lake)
    return result


def _count_articles(lake: Path) -> int:
    return sum(pq.ParquetFile(path).metadata.num_rows for path in (lake / "articles").rglob("*.parquet"))


def run_baseline(sources: Path) -> Measured:
    """Bare Scrapy + trafilatura over the same sitemap index, with the Scrapy settings newslake's crawl uses."""
    command = [sys.executable, "-m", "bench.e2e", "baseline", str(sources)]
    result = measure(command, {**os.environ, "PYTHONUNBUFFERED": "1"})
    for line in result.output.splitlines():
        if line.startswith("baseline pages "):
            result.pages = int(line.split()[2])
            result.articles = int(line.split()[4])
        elif line.startswith("baseline settings "):
            result.throttle = json.loads(line.removeprefix("baseline settings "))
    return result


def baseline_crawl(sources_path: str) -> int:
    """The bare crawl, in this process: prints its throttle settings and ``baseline pages P extracted E``.

    Its settings are ``crawl_settings`` of the same source, as ``crawlers.crawl`` builds them for
    newslake (AutoThrottle on with the same start delay, target concurrency and maximum delay);
    only robots.txt, newslake's middlewares and its fetch writer are taken away.
    """
    import trafilatura  # noqa: PLC0415 - only the baseline child imports Scrapy and trafilatura
    from scrapy.crawler import CrawlerProcess  # noqa: PLC0415
    from scrapy.http import Response  # noqa: PLC0415
    from scrapy.spiders import SitemapSpider  # noqa: PLC0415

    from crawlers.settings import crawl_settings  # noqa: PLC0415
    from transforms.edge.sources_file import load_sources  # noqa: PLC0415
    from transforms.sites import group_sites  # noqa: PLC0415

    counts = {"pages": 0, "extracted": 0}

    class BareSpider(SitemapSpider):
        name = "bare"

        def parse(self, response: Response) -> None:
            counts["pages"] += 1
            if trafilatura.extract(response.text, url=response.url):
                counts["extracted"] += 1

    sources = load_sources(sources_path)
    (site,) = group_sites(sources, [SOURCE_ID])
    settings = crawl_settings(site, sources.user_agent) | {
        "ROBOTSTXT_OBEY": False,
        "ITEM_PIPELINES": {},
        "DOWNLOADER_MIDDLEWARES": {},
        "LOG_LEVEL": "WARNING",
    }
    process = CrawlerProcess(settings, install_root_handler=True)
    crawler = process.create_crawler(BareSpider)
    process.crawl(crawler, sitemap_urls=[site.sources[0].urls[0] + "sitemap_index.xml"])
    process.start()
    effective = {name: crawler.settings.get(name) for name in THROTTLE_SETTINGS}
    print("baseline settings " + json.dumps(effective, sort_keys=True))
    print(f"baseline pages {counts['pages']} extracted {counts['extracted']}")
    return 0


def newslake_throttle(sources_path: Path) -> dict[str, Any]:
    """The same settings as newslake's crawl child builds them (``crawlers.crawl`` calls ``crawl_settings``)."""
    from crawlers.settings import crawl_settings  # noqa: PLC0415 - Scrapy stays out of the parent
    from transforms.edge.sources_file import load_sources  # noqa: PLC0415
    from transforms.sites import group_sites  # noqa: PLC0415

    sources = load_sources(str(sources_path))
    (site,) = group_sites(sources, [SOURCE_ID])
    settings = crawl_settings(site, sources.user_agent)
    return {name: settings[name] for name in THROTTLE_SETTINGS}


@dataclass
class SizeResult:
    """Every repeat of both crawls for one N, in the order they ran."""

    pages: int
    newslake: list[Measured]
    baseline: list[Measured]
    """Empty when the baseline was not run at this size (``--baseline-sizes``)."""

    def ratios(self) -> list[float]:
        """newslake's wall time over the baseline's, per repeat (both crawls of a repeat ran back to back)."""
        return [ours.wall / bare.wall for ours, bare in zip(self.newslake, self.baseline, strict=False)]


def median_of(runs: list[Measured], value: Callable[[Measured], float]) -> float:
    """The median of one measure over the repeats."""
    return statistics.median(value(run) for run in runs)


def bench_size(
    pages: int,
    concurrency: int,
    seed: int,
    order: str,
    with_baseline: bool = True,
    repeats: int = 1,
    after_each: Callable[[SizeResult], None] | None = None,
) -> SizeResult:
    """Serve a site of ``pages`` pages and run both crawls over it ``repeats`` times (newslake only
    unless ``with_baseline``); the order alternates between repeats, so neither always runs first."""
    server, base_url = start_site(pages, seed)
    result = SizeResult(pages, [], [])
    try:
        with tempfile.TemporaryDirectory(prefix="newslake-e2e-") as folder:
            sources = write_sources(Path(folder), base_url, pages, concurrency)
            names = [name for name in order.split(",") if with_baseline or name != "baseline"]
            for repeat in range(repeats):
                for name in names if repeat % 2 == 0 else names[::-1]:
                    print(f"N={pages} #{repeat + 1}: {name} …", flush=True)
                    if name == "baseline":
                        run = run_baseline(sources)
                        if run.throttle != newslake_throttle(sources):
                            raise RuntimeError(
                                f"the baseline crawled with {run.throttle}, newslake with {newslake_throttle(sources)}"
                            )
                        result.baseline.append(run)
                    else:
                        run = run_newslake(sources, Path(folder))
                        result.newslake.append(run)
                    if after_each is not None:
                        after_each(result)
                    print(
                        f"N={pages} #{repeat + 1}: {name} {run.wall:.1f} s, CPU {run.cpu:.1f} s, "
                        f"peak RSS {run.peak_rss / 2**20:.0f} MB",
                        flush=True,
                    )
    finally:
        server.terminate()
        server.wait(timeout=10)
        if server.stdout is not None:
            server.stdout.close()
    return result


def render(results: list[SizeResult], command: str, concurrency: int) -> str:
    """The markdown section: medians over the repeats, the ratio as the median of same-repeat ratios."""
    mb = 2**20
    repeats = max(len(result.newslake) for result in results)
    throttle = next((r.baseline[0].throttle for r in results if r.baseline), {})
    if not any(result.baseline for result in results):
        return render_scale(results, command)
    lines = [
        START,
        "## End to end: `newslake run` against bare Scrapy + trafilatura",
        "",
        f"Command: `{command}`",
        "",
        "Synthetic sitemap portal from `bench/sitegen.py` (seeded; pages 20–150 KB, median ~45 KB; half Chinese, "
        "half English; 10% syndicated copies), served from its own process on 127.0.0.1. Both crawls read the same "
        "`sources.yaml` and take their Scrapy settings from `crawl_settings`, as `crawlers.crawl` builds them for "
        f"newslake: concurrency {concurrency} per domain, delay 0, AutoThrottle on for both "
        f"(the baseline's effective settings, checked equal to newslake's before its numbers are kept: "
        f"{', '.join(f'`{k}={v}`' for k, v in throttle.items() if k.startswith('AUTOTHROTTLE'))}). "
        "The baseline is a `SitemapSpider` calling `trafilatura.extract` in its callback (no robots.txt, no "
        "newslake middlewares, no storage). "
        f"Each size ran up to {repeats} time(s) (the runs column: newslake / baseline), the two crawls back to back "
        "in alternating order; the table shows medians over the runs and the ratio is the median of each repeat's "
        "newslake / baseline, every run listed below it. "
        "Stage times are split by `newslake run`'s progress lines; memory is the peak over the whole process tree "
        "(sampled every 0.1 s) as RSS, which counts pages that forked workers share with their parent once per "
        "process, and as PSS, which splits them; CPU is user+system seconds of the whole tree, per article "
        "(newslake) or per page (baseline). Machine: 2 vCPU, shared with other work and run at `nice -n 10`, "
        "so absolute times move; the ratio is from the same run.",
        "",
        "| N | runs | crawl s | process s | dedup s | publish s | newslake total s | pages/s | baseline s | "
        "newslake / baseline | peak RSS crawl / process / dedup MB | peak PSS crawl / process / dedup MB | "
        "baseline peak RSS / PSS MB | lake MB | CPU s per article (newslake / baseline) | articles |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for result in results:
        ours, bare = result.newslake, result.baseline

        def stage(name: str) -> float:
            return median_of(ours, lambda run: run.stage_wall.get(name, 0.0))  # noqa: B023 - used at once

        def peaks(field_name: str) -> str:
            return " / ".join(
                f"{median_of(ours, lambda run: getattr(run, field_name).get(name, 0)) / mb:.0f}"  # noqa: B023
                for name in ("crawl", "process", "dedup")
            )

        wall = median_of(ours, lambda run: run.wall)
        per_ours = median_of(ours, lambda run: run.cpu / max(1, run.articles))
        if not bare:
            bare_s, ratio, bare_rss, per_bare = "not run", "—", "—", "—"
        else:
            bare_s = f"{median_of(bare, lambda run: run.wall):.1f}"
            ratio = f"**{statistics.median(result.ratios()):.2f}×**"
            bare_rss = (
                f"{median_of(bare, lambda run: run.peak_rss) / mb:.0f} / "
                f"{median_of(bare, lambda run: run.peak_pss) / mb:.0f}"
            )
            per_bare = f"{median_of(bare, lambda run: run.cpu / max(1, run.pages)) * 1000:.1f} ms"
        lines.append(
            f"| {result.pages:,} | {len(ours)} / {len(bare)} | {stage('crawl'):.1f} | {stage('process'):.1f} | "
            f"{stage('dedup'):.1f} | {stage('publish'):.1f} | {wall:.1f} | "
            f"{result.pages / wall:.1f} | {bare_s} | {ratio} | {peaks('stage_rss')} | {peaks('stage_pss')} | "
            f"{bare_rss} | {median_of(ours, lambda run: run.lake_bytes) / mb:.0f} | "
            f"{per_ours * 1000:.1f} ms / {per_bare} | "
            f"{median_of(ours, lambda run: run.articles):,.0f} |"
        )
    lines += ["", "Every repeat, newslake / baseline wall time (and CPU seconds of the whole tree):", ""]
    for result in results:
        if result.baseline:
            each = ", ".join(
                f"{ours.wall:.1f} / {bare.wall:.1f} s = {ours.wall / bare.wall:.2f}×"
                for ours, bare in zip(result.newslake, result.baseline, strict=False)
            )
            cpu = ", ".join(
                f"{ours.cpu:.1f} / {bare.cpu:.1f} = {ours.cpu / max(bare.cpu, 1e-9):.2f}×"
                for ours, bare in zip(result.newslake, result.baseline, strict=False)
            )
            lines.append(f"- N={result.pages:,}: {each} (CPU s {cpu})")
    lines += growth_lines(results)
    lines += ["", *NOTES, "", END]
    return "\n".join(lines)


def growth_lines(results: list[SizeResult]) -> list[str]:
    """How wall time and each stage's peak memory grew from the reference size to the largest."""
    if len(results) < 2:
        return []
    # Growth is read from the 10,000-page run when there is one: the scale target is 100k vs 10k.
    first = next((r for r in results if r.pages == REFERENCE_PAGES), results[0])
    last = results[-1]

    def peak(runs: list[Measured], field_name: str, stage: str) -> float:
        return median_of(runs, lambda run: getattr(run, field_name).get(stage, 0))

    def growth(field_name: str) -> str:
        return ", ".join(
            f"{name} {peak(last.newslake, field_name, name) / max(1, peak(first.newslake, field_name, name)):.2f}×"
            for name in STAGES[:3]
        )

    def total(runs: list[Measured]) -> float:
        return median_of(runs, lambda run: run.wall)

    bare_growth = (
        f" (baseline {total(last.baseline) / total(first.baseline):.2f}×)" if first.baseline and last.baseline else ""
    )
    ratios = [statistics.median(r.ratios()) for r in results if r.baseline]
    median = f" Median ratio over the sizes with a baseline: {statistics.median(ratios):.2f}×." if ratios else ""
    return [
        "",
        f"From N={first.pages:,} to N={last.pages:,} ({last.pages / first.pages:.0f}× the pages): newslake's wall "
        f"time grew {total(last.newslake) / total(first.newslake):.2f}×{bare_growth}; peak memory per stage grew "
        f"by RSS {growth('stage_rss')}; by PSS {growth('stage_pss')}.{median}",
    ]


def render_scale(results: list[SizeResult], command: str) -> str:
    """The scale section, for runs of newslake alone: its stage times, memory and CPU per size."""
    mb = 2**20
    lines = [
        SCALE_START,
        "## End to end at scale: `newslake run` alone",
        "",
        f"Command: `{command}`",
        "",
        "The synthetic portal and measurements of the comparison above, newslake alone at larger sizes (medians "
        "over the repeats). Machine: 2 vCPU, shared, so absolute times move.",
        "",
        "| N | crawl s | process s | dedup s | publish s | total s | pages/s | "
        "peak RSS crawl / process / dedup MB | peak PSS crawl / process / dedup MB | lake MB | CPU s per article | "
        "articles |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for result in results:
        ours = result.newslake
        stage = [median_of(ours, lambda run: run.stage_wall.get(name, 0.0)) for name in STAGES]  # noqa: B023
        rss = [median_of(ours, lambda run: run.stage_rss.get(name, 0)) / mb for name in STAGES[:3]]  # noqa: B023
        pss = [median_of(ours, lambda run: run.stage_pss.get(name, 0)) / mb for name in STAGES[:3]]  # noqa: B023
        wall = median_of(ours, lambda run: run.wall)
        lines.append(
            f"| {result.pages:,} | {' | '.join(f'{s:.1f}' for s in stage)} | {wall:.1f} | {result.pages / wall:.1f} | "
            f"{' / '.join(f'{m:.0f}' for m in rss)} | {' / '.join(f'{m:.0f}' for m in pss)} | "
            f"{median_of(ours, lambda run: run.lake_bytes) / mb:.0f} | "
            f"{median_of(ours, lambda run: run.cpu / max(1, run.articles)) * 1000:.1f} ms | "
            f"{median_of(ours, lambda run: run.articles):,.0f} |"
        )
    lines += growth_lines(results)
    lines += ["", *SCALE_NOTES, "", SCALE_END]
    return "\n".join(lines)


def write_section(section: str, path: Path = DOCS) -> None:
    """Replace our section of the shared benchmarks page, leaving the others alone."""
    current = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    start, end = section.splitlines()[0], section.splitlines()[-1]
    if start in current and end in current:
        before, rest = current.split(start, 1)
        updated = before + section + rest.split(end, 1)[1]
    else:
        updated = current.rstrip("\n") + "\n\n" + section + "\n"
    path.write_text(updated, encoding="utf-8")


def save(path: Path, command: str, concurrency: int, results: list[SizeResult]) -> None:
    """Every run measured so far, as JSON, so a long benchmark stopped early still has its figures."""
    runs = [
        {
            "pages": r.pages,
            "newslake": [asdict(m) | {"output": ""} for m in r.newslake],
            "baseline": [asdict(m) | {"output": ""} for m in r.baseline],
        }
        for r in results
    ]
    body = {"command": command, "concurrency": concurrency, "results": runs}
    path.write_text(json.dumps(body, indent=1), encoding="utf-8")


def load(path: Path) -> tuple[str, int, list[SizeResult]]:
    """What ``save`` wrote; sizes with no complete newslake run are left out."""
    body = json.loads(path.read_text(encoding="utf-8"))
    results = [
        SizeResult(r["pages"], [Measured(**m) for m in r["newslake"]], [Measured(**m) for m in r["baseline"]])
        for r in body["results"]
    ]
    return body["command"], body["concurrency"], [r for r in results if r.newslake]


def main(argv: list[str] | None = None) -> int:
    """Benchmark each size; print the table and update docs/benchmarks.md unless told not to."""
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["baseline"]:
        inner = argparse.ArgumentParser(prog="bench.e2e baseline")
        inner.add_argument("sources")
        parsed = inner.parse_args(argv[1:])
        return baseline_crawl(parsed.sources)
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
    parser.add_argument("--order", default="baseline,newslake", help="which crawl runs first (then alternating)")
    parser.add_argument("--repeats", type=int, default=1, help="runs of each crawl per size; medians are reported")
    parser.add_argument("--no-write", action="store_true", help="print only; leave docs/benchmarks.md alone")
    parser.add_argument("--save", type=Path, help="write every run's figures to this JSON file as they come")
    parser.add_argument("--from-saved", type=Path, help="render what --save wrote instead of running")
    args = parser.parse_args(argv)
    if args.from_saved is not None:
        command, concurrency, saved = load(args.from_saved)
        return report(render(saved, command, concurrency), write=not args.no_write)
    command = _command(args)
    with_baseline = args.sizes if args.baseline_sizes is None else args.baseline_sizes
    results: list[SizeResult] = []

    def keep(partial: SizeResult) -> None:
        if args.save is not None:
            save(args.save, command, args.concurrency, [*results, partial])

    for pages in args.sizes:
        results.append(
            bench_size(pages, args.concurrency, args.seed, args.order, pages in with_baseline, args.repeats, keep)
        )
    return report(render(results, command, args.concurrency), write=not args.no_write)


def report(section: str, *, write: bool) -> int:
    """Print the section and, unless told not to, put it in docs/benchmarks.md."""
    print(section)
    if write:
        write_section(section)
        print(f"\nwrote {DOCS}")
    return 0


def _command(args: argparse.Namespace) -> str:
    command = ".venv/bin/python -m bench.e2e" + (
        "" if args.sizes == list(DEFAULT_SIZES) else " --sizes " + " ".join(map(str, args.sizes))
    )
    if args.baseline_sizes is not None:
        command += " --baseline-sizes " + " ".join(map(str, args.baseline_sizes))
    if args.repeats != 1:
        command += f" --repeats {args.repeats}"
    if args.concurrency != 8:
        command += f" --concurrency {args.concurrency}"
    return command


if __name__ == "__main__":
    raise SystemExit(main())
