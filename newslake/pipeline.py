"""The whole pipeline for one run, as the CLI drives it: crawl each site, process, dedup, publish.

Sources that share a host are one site, crawled together in one child process (see
``transforms/sites.py``); sites crawl side by side, at most two at a time (one per core here).
The other stages run in this process over what the crawls wrote to the lake. A site whose
crawl fails does not stop the others: their pages are still processed, and the failure is
reported.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime

from crawlers.launch import EXIT_MEANINGS, CrawlResult, crawl_site
from transforms.edge.lake import Lake
from transforms.edge.stages import StageResult, dedup_stage, process_stage, publish_stage
from transforms.sites import Site, group_sites
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
    def failed_sources(self) -> list[str]:
        """Sources whose crawl could not run or fetch any of their start URLs."""
        return [source_id for crawl in self.crawls for source_id in crawl.failed_sources]

    @property
    def files(self) -> list[str]:
        """Every file the run wrote: each crawl's fetches, then each stage's output."""
        fetches = [str(path) for crawl in self.crawls for path in crawl.summary.get("fetches_files") or []]
        return fetches + [path for result in self.stages.values() for path in result.files]


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
    """Crawl the sites of the chosen sources, two sites at a time."""

    def crawl(site: Site) -> CrawlResult:
        progress(f"crawl    {site.label()}: started")
        result = crawl_site(
            sources.path,
            site.name,
            site.source_ids,
            lake.uri,
            run_id,
            dt,
            max_pages=choice.max_pages,
            recrawl=choice.recrawl,
        )
        progress(f"crawl    {site.label()}: {describe_crawl(result)}")
        return result

    with ThreadPoolExecutor(max_workers=2) as pool:
        return list(pool.map(crawl, group_sites(sources, choice.only)))


def describe_crawl(result: CrawlResult) -> str:
    """One line on how a site's crawl went, with what each source found."""
    summary = result.summary
    per_source = summary.get("sources") or {}
    found = ", ".join(
        f"{source_id} found {counts.get('articles_found', 0)}" for source_id, counts in per_source.items()
    )
    if result.ok:
        return (
            f"{summary.get('articles_requested', 0)} article pages fetched, "
            f"{summary.get('fetched_before', 0)} skipped as fetched by an earlier run ({found})"
        )
    why = summary.get("error") or EXIT_MEANINGS.get(result.exit_code, f"exit code {result.exit_code}")
    detail = "; ".join(
        f"{source_id}: "
        + "; ".join(f"{url}: {outcome}" for url, outcome in per_source[source_id]["start_urls"].items())
        for source_id in result.failed_sources
        if source_id in per_source
    )
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
    report.stages["publish"] = publish_stage(lake, sources, run_id, dt, started, datetime.now(UTC))
    return report


def describe_counts(counts: dict[str, int]) -> str:
    """Counts as 'articles 12, rejects 3 (http_error 1, …)'."""
    plain = [f"{key} {value}" for key, value in counts.items() if "." not in key]
    reasons = [f"{key.split('.', 1)[1]} {value}" for key, value in sorted(counts.items()) if key.startswith("rejects.")]
    text = ", ".join(plain)
    return f"{text} ({', '.join(reasons)})" if reasons else text


def duckdb_hint(lake_uri: str) -> str:
    """A command that reads the articles of a local lake with DuckDB."""
    sql = (
        "SELECT source_id, title, published_at, language, cluster_id, is_canonical "  # noqa: S608 - printed, not run
        f"FROM read_parquet('{lake_uri}/articles/*/*.parquet', hive_partitioning=true) ORDER BY published_at"
    )
    return f'.venv/bin/python -c "import duckdb; duckdb.sql(\\"{sql}\\").show(max_width=200)"'
