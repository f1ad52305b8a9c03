"""The run plan: a run's stages and options, walked in order by the CLI and called by name by the DAG.

``newslake run`` calls :func:`run_pipeline`, which walks :data:`STAGES`; each ``news_ingest``
task calls the stage function of its name (through :mod:`newslake.airflow_tasks`, which adds
Airflow's configuration). Both take the same :class:`RunOptions`, described once in
:data:`OPTIONS` for the command's flags and the DAG's trigger form, so a run gives the same
lake from a shell and from Airflow. Sources that share a host are one site, crawled together
in one child process (see ``transforms/sites.py``; in Airflow, one mapped task per site); the
other stages run over what the crawls wrote to the lake. A site whose crawl fails does not stop
the others: their pages are still processed, and the failure reported.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from crawlers.launch import EXIT_MEANINGS, CrawlResult, crawl_site
from transforms.edge.lake import Lake
from transforms.edge.settings import crawl_parallelism
from transforms.edge.stages import (
    StageResult,
    dedup_stage,
    health_stage,
    process_stage,
    publish_stage,
    since_stage,
)
from transforms.health import SourceHealth
from transforms.sites import Site, group_sites
from transforms.sources import SourcesFile

Progress = Callable[[str], None]

STAGES = ("plan", "crawl", "process", "since", "dedup", "publish", "health")
"""A run's stages in order. ``since`` and ``health`` change nothing in the lake's articles
when their option is off or the sources are healthy; ``health`` writes nothing."""

TIMED_STAGES = ("crawl", "process", "dedup")
"""The stages whose wall time the runs table records. ``since`` counts into ``process``;
crawls run side by side, so ``crawl`` is from the first start to the last finish (in Airflow,
whose crawl tasks may wait for a pool slot, the slowest crawl's own time)."""


@dataclass(frozen=True)
class RunOption:
    """One option of a run: its name (the DAG's parameter), the command's flag, what it does."""

    name: str
    flag: str
    title: str
    help: str


OPTIONS = (
    RunOption("sources", "--only", "Sources", "Sources to crawl (none chosen: every source in the sources file)."),
    RunOption(
        "max_pages", "--max-pages", "Max pages", "At most this many article pages per source (empty: the source's)."
    ),
    RunOption("recrawl", "--recrawl", "Recrawl", "Fetch article pages again even if an earlier run fetched them."),
    RunOption(
        "since",
        "--since",
        "Since",
        "Keep only articles published on or after this date (UTC); older ones become too_old rejects. "
        "Empty: keep every article.",
    ),
    RunOption(
        "history_days",
        "--history-days",
        "History days",
        "Match duplicates only against runs at most this many days before the run's date (empty: all history).",
    ),
)
"""Every option a run takes, on the command line and in the DAG's trigger form alike."""


@dataclass(frozen=True)
class RunOptions:
    """What a user chose for one run; the defaults are a plain scheduled run."""

    sources: tuple[str, ...] = ()
    max_pages: int | None = None
    recrawl: bool = False
    since: date | None = None
    history_days: int | None = None

    @classmethod
    def from_values(cls, values: Mapping[str, Any]) -> RunOptions:
        """Options from the DAG's params or the command's arguments (keyed by option name)."""
        since = values.get("since")
        return cls(
            sources=tuple(values.get("sources") or ()),
            max_pages=values.get("max_pages"),
            recrawl=bool(values.get("recrawl")),
            since=date.fromisoformat(since) if isinstance(since, str) and since else since or None,
            history_days=values.get("history_days"),
        )


@dataclass(frozen=True)
class Run:
    """One run: the sources file, the lake, the run's id and logical date."""

    sources: SourcesFile
    lake: Lake
    run_id: str
    dt: str


@dataclass
class RunReport:
    """Everything a run did, for the summary a user reads at the end."""

    run_id: str
    dt: str
    crawls: list[CrawlResult] = field(default_factory=list)
    stages: dict[str, StageResult] = field(default_factory=dict)
    health: list[SourceHealth] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)

    @property
    def failed_sources(self) -> list[str]:
        """Sources whose crawl could not run or fetch any of their start URLs."""
        return [source_id for crawl in self.crawls for source_id in crawl.failed_sources]

    @property
    def files(self) -> list[str]:
        """Where the run wrote: the day's fetches (named by each site's crawl, listed once), then each stage's."""
        found = [str(path) for crawl in self.crawls for path in crawl.summary.get("fetches_files") or []]
        fetches = list(dict.fromkeys(found))  # every crawl of the run commits to the same day of fetches
        return fetches + [path for result in self.stages.values() for path in result.files]

    @property
    def outputs(self) -> list[str]:
        """The files a user reads: all but the stages' internal working files (``_work/``)."""
        return [path for path in self.files if "/_work/" not in path.replace("\\", "/")]


# The stages, one function each, by the names in STAGES.


def plan(sources: SourcesFile, options: RunOptions) -> list[Site]:
    """The sites to crawl, of the sources chosen, else of all; an unknown id fails here, naming it."""
    return group_sites(sources, options.sources)


def crawl(
    run: Run,
    site: Site,
    options: RunOptions,
    *,
    timeout_seconds: float = 3600,
    log_level: str = "WARNING",
    env: Mapping[str, str] | None = None,
    log_line: Callable[[str], None] | None = None,
) -> CrawlResult:
    """Crawl one site's sources into the lake in a child process (its log to ``log_line``, else our stderr)."""
    return crawl_site(
        str(run.sources.path),
        site.name,
        site.source_ids,
        run.lake.uri,
        run.run_id,
        run.dt,
        max_pages=options.max_pages,
        recrawl=options.recrawl,
        timeout_seconds=timeout_seconds,
        log_level=log_level,
        env=env,
        log_line=log_line,
    )


def process(run: Run, options: RunOptions) -> StageResult:
    """Extract the run's fetched pages into articles and rejects."""
    return process_stage(run.lake, run.sources, run.run_id, run.dt)


def since(run: Run, options: RunOptions) -> StageResult:
    """With the ``since`` option, move articles published earlier to the rejects (``too_old``)."""
    if options.since is None:
        return StageResult({"too_old": 0})
    return since_stage(run.lake, run.run_id, run.dt, options.since)


def dedup(run: Run, options: RunOptions) -> StageResult:
    """Mark the run's duplicates against history (the last ``history_days`` days when given)."""
    return dedup_stage(run.lake, run.run_id, run.dt, options.history_days)


def publish(
    run: Run,
    started_at: datetime,
    finished_at: datetime,
    seconds: Mapping[str, float],
    planned: Sequence[str] | None = None,
) -> StageResult:
    """Write the run's rows to the runs table, one per planned source, with the wall time of each timed stage.

    ``planned`` (the plan's source ids) keeps a run that crawled some sources from writing
    rows, and so health verdicts, for the others.
    """
    timings = {stage: seconds[stage] for stage in TIMED_STAGES if stage in seconds}
    return publish_stage(run.lake, run.sources, run.run_id, run.dt, started_at, finished_at, timings, planned)


def health(run: Run) -> list[SourceHealth]:
    """Each source's verdict: did its yield hold against its recent runs?"""
    return health_stage(run.lake, run.run_id, run.dt)


# The CLI's walk through the stages.


def crawl_sites(
    run: Run, sites: list[Site], options: RunOptions, progress: Progress = print, parallelism: int | None = None
) -> list[CrawlResult]:
    """Crawl the sites, ``parallelism`` at a time (default ``$NEWSLAKE_CRAWL_PARALLELISM``, 2)."""

    def crawl_one(site: Site) -> CrawlResult:
        progress(f"crawl    {site.label()}: started")
        result = crawl(run, site, options)
        progress(f"crawl    {site.label()}: {describe_crawl(result)}")
        return result

    with ThreadPoolExecutor(max_workers=parallelism or crawl_parallelism()) as pool:
        return list(pool.map(crawl_one, sites))


def run_pipeline(
    sources: SourcesFile,
    lake: Lake,
    run_id: str,
    dt: str,
    options: RunOptions = RunOptions(),
    progress: Progress = print,
) -> RunReport:
    """Walk every stage of one run in order, as ``newslake run`` does."""
    started = datetime.now(UTC)
    run = Run(sources, lake, run_id, dt)
    report = RunReport(run_id=run_id, dt=dt)

    def clocked(stage: str, started_at: float) -> None:
        report.seconds[stage] = round(time.monotonic() - started_at, 3)

    sites = plan(sources, options)
    clock = time.monotonic()
    report.crawls = crawl_sites(run, sites, options, progress)
    clocked("crawl", clock)
    clock = time.monotonic()
    report.stages["process"] = process(run, options)
    progress(f"process  {describe_counts(report.stages['process'].counts)}")
    if options.since is not None:
        report.stages["since"] = since(run, options)
        progress(f"since    {report.stages['since'].counts['too_old']} published before {options.since}: too_old")
    clocked("process", clock)
    clock = time.monotonic()
    report.stages["dedup"] = dedup(run, options)
    progress(f"dedup    {describe_counts(report.stages['dedup'].counts)}")
    clocked("dedup", clock)
    planned = [source_id for site in sites for source_id in site.source_ids]
    report.stages["publish"] = publish(run, started, datetime.now(UTC), report.seconds, planned)
    report.health = health(run)
    for verdict in report.health:
        progress(f"health   {verdict.line}")
    return report


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


def describe_counts(counts: dict[str, int]) -> str:
    """Counts as 'articles 12, rejects 3 (http_error 1, …)', then any source's extract: rules that
    fell back to the generic extractor ('…; extract rules fell back to the generic extractor: hill body 12')."""
    plain = [f"{key} {value}" for key, value in counts.items() if "." not in key]
    reasons = [f"{key.split('.', 1)[1]} {value}" for key, value in sorted(counts.items()) if key.startswith("rejects.")]
    text = ", ".join(plain)
    text = f"{text} ({', '.join(reasons)})" if reasons else text
    fallbacks = [
        f"{key.split('.', 1)[1].replace('.', ' ')} {value}"
        for key, value in sorted(counts.items())
        if key.startswith("fallback.")
    ]
    return f"{text}; extract rules fell back to the generic extractor: {', '.join(fallbacks)}" if fallbacks else text


def duckdb_hint(lake_uri: str) -> str:
    """A command that reads the stories of a local lake with DuckDB: one canonical row per story.

    The connection comes from :func:`transforms.edge.duck.connect`: DuckDB with its packaged
    ``delta`` extension loaded, nothing downloaded.
    """
    sql = (
        "SELECT source_id, title, published_at, language, cluster_id, is_canonical "  # noqa: S608 - printed, not run
        f"FROM delta_scan('{lake_uri}/articles') "
        "WHERE is_canonical ORDER BY published_at"
    )
    return (
        '.venv/bin/python -c "from transforms.edge.duck import connect; '
        f'connect().sql(\\"{sql}\\").show(max_width=200)"'
    )
