"""The whole pipeline for one run, as the CLI drives it: crawl each source, process, dedup, publish.

Crawls run in child processes, at most two at a time (one per core here); the other stages
run in this process over what the crawls wrote to the lake. A source whose crawl fails does
not stop the others: their pages are still processed, and the failure is reported.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime

from crawlers.launch import EXIT_MEANINGS, CrawlResult, crawl_source
from transforms.edge.lake import Lake
from transforms.edge.stages import StageResult, dedup_stage, process_stage, publish_stage
from transforms.sources import SourcesFile

Progress = Callable[[str], None]


@dataclass
class RunReport:
    """Everything a run did, for the summary a user reads at the end."""

    run_id: str
    dt: str
    crawls: list[CrawlResult] = field(default_factory=list)
    stages: dict[str, StageResult] = field(default_factory=dict)

    @property
    def failed_sources(self) -> list[CrawlResult]:
        """Crawls that could not run or fetch any start URL."""
        return [crawl for crawl in self.crawls if not crawl.ok]

    @property
    def files(self) -> list[str]:
        """Every file the run wrote: each crawl's fetches, then each stage's output."""
        fetches = [str(crawl.summary["fetches_file"]) for crawl in self.crawls if crawl.summary.get("fetches_file")]
        return fetches + [path for result in self.stages.values() for path in result.files]

    @property
    def outputs(self) -> list[str]:
        """The files a user reads: all but the stages' internal working files (``_work/``)."""
        return [path for path in self.files if "/_work/" not in path.replace("\\", "/")]


@dataclass(frozen=True)
class CrawlChoice:
    """What a user chose to crawl: some sources (all when empty), a page cap, a full refetch."""

    only: Sequence[str] = ()
    max_pages: int | None = None
    recrawl: bool = False


def crawl_sources(
    sources: SourcesFile,
    lake: Lake,
    run_id: str,
    dt: str,
    choice: CrawlChoice = CrawlChoice(),
    progress: Progress = print,
) -> list[CrawlResult]:
    """Crawl the chosen sources, two at a time."""
    chosen = [sources.get(source_id) for source_id in choice.only] if choice.only else list(sources.sources)

    def crawl(source_id: str) -> CrawlResult:
        progress(f"crawl    {source_id}: started")
        result = crawl_source(
            sources.path, source_id, lake.uri, run_id, dt, max_pages=choice.max_pages, recrawl=choice.recrawl
        )
        progress(f"crawl    {source_id}: {describe_crawl(result)}")
        return result

    with ThreadPoolExecutor(max_workers=2) as pool:
        return list(pool.map(crawl, [source.id for source in chosen]))


def describe_crawl(result: CrawlResult) -> str:
    """One line on how a crawl went."""
    summary = result.summary
    if result.ok:
        return (
            f"{summary.get('articles_requested', 0)} article pages fetched, "
            f"{summary.get('fetched_before', 0)} skipped as fetched by an earlier run"
        )
    why = summary.get("error") or EXIT_MEANINGS.get(result.exit_code, f"exit code {result.exit_code}")
    starts = summary.get("start_urls") or {}
    detail = "; ".join(f"{url}: {outcome}" for url, outcome in starts.items())
    return f"FAILED ({why}{': ' + detail if detail else ''})"


def run_pipeline(
    sources: SourcesFile,
    lake: Lake,
    run_id: str,
    dt: str,
    choice: CrawlChoice = CrawlChoice(),
    progress: Progress = print,
) -> RunReport:
    """Crawl, process, dedup and publish one run."""
    started = datetime.now(UTC)
    report = RunReport(run_id=run_id, dt=dt)
    report.crawls = crawl_sources(sources, lake, run_id, dt, choice, progress)
    report.stages["process"] = process_stage(lake, sources, run_id, dt)
    progress(f"process  {describe_counts(report.stages['process'].counts)}")
    report.stages["dedup"] = dedup_stage(lake, run_id, dt)
    progress(f"dedup    {describe_counts(report.stages['dedup'].counts)}")
    planned = [crawl.source_id for crawl in report.crawls]
    report.stages["publish"] = publish_stage(lake, sources, run_id, dt, started, datetime.now(UTC), planned=planned)
    return report


def describe_counts(counts: dict[str, int]) -> str:
    """Counts as 'articles 12, rejects 3 (http_error 1, …)'."""
    plain = [f"{key} {value}" for key, value in counts.items() if "." not in key]
    reasons = [f"{key.split('.', 1)[1]} {value}" for key, value in sorted(counts.items()) if key.startswith("rejects.")]
    text = ", ".join(plain)
    return f"{text} ({', '.join(reasons)})" if reasons else text


def duckdb_hint(lake_uri: str) -> str:
    """A command that reads the stories of a local lake with DuckDB: one canonical row per story."""
    sql = (
        "SELECT source_id, title, published_at, language, cluster_id, is_canonical "  # noqa: S608 - printed, not run
        f"FROM read_parquet('{lake_uri}/articles/*/*.parquet', hive_partitioning=true) "
        "WHERE is_canonical ORDER BY published_at"
    )
    return f'.venv/bin/python -c "import duckdb; duckdb.sql(\\"{sql}\\").show(max_width=200)"'
