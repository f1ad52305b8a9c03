"""The news_ingest DAG's task bodies: the run plan's stages (:mod:`newslake.pipeline`), set up from Airflow.

The DAG files only wire these together, so they parse fast and hold no logic. Where the
sources, lake and credentials come from is :mod:`newslake.task_config`; the run's note is set
through :mod:`newslake.run_note_api`; the reprocess DAG's bodies are in
:mod:`newslake.reprocess_tasks` and the analyst's in :mod:`newslake.analyst_digest`.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping
from dataclasses import asdict
from datetime import UTC, datetime
from typing import Any

from newslake import pipeline
from newslake.crawl_log import CrawlLogRelay
from newslake.pipeline import RunOptions, describe_crawl
from newslake.report import report_path, write_report
from newslake.run_note import health_note, plan_failed_note
from newslake.run_note_api import set_run_note
from newslake.task_config import aws_environment, configured_run, open_configured_lake, sources_path
from transforms.edge.sources_file import load_sources
from transforms.health import SourceHealth, summary
from transforms.layout import run_key
from transforms.sites import group_sites
from transforms.sources import SourcesError

logger = logging.getLogger(__name__)
CRAWL_TIMEOUT_SECONDS = 3 * 3600


class CrawlFailed(RuntimeError):
    """A site's crawl could not run, or one of its sources could fetch none of its start URLs."""


class SourcesUnhealthy(RuntimeError):
    """At least one source's yield collapsed; the message has one line per such source."""


def plan(chosen: list[str], dag_id: str = "", run_id: str = "") -> list[dict[str, Any]]:
    """The sites to crawl, each ``{"site", "sources", "label"}``: of the sources chosen in the trigger form, else all.

    A sources file that cannot be read or an unknown id is a configuration error: retrying
    cannot fix it, so the task fails at once (AirflowFailException), and the run's note says
    why. Nothing downstream runs (see ``require_plan``), so no source is blamed for a crawl
    the run never made.
    """
    try:
        sites = pipeline.plan(load_sources(sources_path()), RunOptions(sources=tuple(chosen)))
    except SourcesError as error:
        logger.error("plan failed: %s", error)
        set_run_note(dag_id, run_id, plan_failed_note(str(error), sources_path()))
        from airflow.sdk.exceptions import AirflowFailException  # noqa: PLC0415 - Airflow only inside tasks

        raise AirflowFailException(f"plan failed: {error}") from error
    return [{"site": site.name, "sources": list(site.source_ids), "label": site.label()} for site in sites]


def require_plan(planned: list[dict[str, Any]] | None) -> list[dict[str, Any]]:
    """The plan's sites; skips the calling task (and so everything after it) when the plan failed."""
    if planned is None:
        from airflow.sdk.exceptions import AirflowSkipException  # noqa: PLC0415

        raise AirflowSkipException("the plan failed, so nothing was crawled and there is nothing to process")
    return planned


def crawl(
    site: Mapping[str, Any], run_id: str, dt: str, max_pages: int | None, *, recrawl: bool = False
) -> dict[str, Any]:
    """Crawl one site's sources in a child process; fail the task with one line if it could not."""
    started = time.monotonic()
    run = configured_run(run_id, dt)
    (planned,) = group_sites(run.sources, site["sources"])
    relay = CrawlLogRelay(logging.getLogger(f"newslake.crawl.{site['site']}"))
    result = pipeline.crawl(
        run,
        planned,
        RunOptions(max_pages=max_pages, recrawl=recrawl),
        timeout_seconds=CRAWL_TIMEOUT_SECONDS,
        log_level="INFO",
        env=aws_environment(),
        log_line=relay.feed,
    )
    relay.close()
    line = f"site {site['label']}: {describe_crawl(result)}"
    seconds = time.monotonic() - started
    if not result.ok:
        raise CrawlFailed(line)
    logger.info(line)
    return asdict(result) | {"seconds": round(seconds, 3)}


def process(run_id: str, dt: str, since: str | None = None) -> dict[str, float]:
    """Extract the run's fetched pages; with ``since`` (YYYY-MM-DD), older articles become rejects."""
    started = time.monotonic()
    run, options = configured_run(run_id, dt), RunOptions.from_values({"since": since})
    result = pipeline.process(run, options)
    logger.info("process: %s; wrote %s", result.counts, result.files)
    counts: dict[str, float] = dict(result.counts)
    if options.since:
        dropped = pipeline.since(run, options)
        logger.info("since %s: %s articles published earlier became too_old rejects", since, dropped.counts["too_old"])
        counts["articles"] -= dropped.counts["too_old"]
        counts["too_old"] = dropped.counts["too_old"]
    counts["seconds"] = round(time.monotonic() - started, 3)
    return counts


def dedup(run_id: str, dt: str, history_days: int | None = None) -> dict[str, float]:
    """Mark the run's duplicates against history (all of it, or the last ``history_days`` days)."""
    started = time.monotonic()
    result = pipeline.dedup(configured_run(run_id, dt), RunOptions(history_days=history_days))
    logger.info("dedup: %s; wrote %s", result.counts, result.files)
    return {**result.counts, "seconds": round(time.monotonic() - started, 3)}


def publish(
    run_id: str,
    dt: str,
    started_at: datetime,
    finished_at: datetime,
    stage_seconds: Mapping[str, float] | None = None,
    planned: list[dict[str, Any]] | None = None,
) -> dict[str, int]:
    """Write the run's rows (one per source of the planned sites) to the runs table."""
    sources = None if planned is None else [source_id for site in planned for source_id in site["sources"]]
    result = pipeline.publish(configured_run(run_id, dt), started_at, finished_at, stage_seconds or {}, sources)
    logger.info("publish: %s; wrote %s", result.counts, result.files)
    return result.counts


def source_health(run_id: str, dt: str) -> list[SourceHealth]:
    """Each source's health verdict for the run, against the runs of the last two weeks."""
    return pipeline.health(configured_run(run_id, dt))


def check_health(dag_id: str, run_id: str, dt: str) -> str:
    """Log every source's verdict, put the summary in the DAG run's note, fail if any source is unhealthy."""
    verdicts = source_health(run_id, dt)
    for verdict in verdicts:
        (logger.info if verdict.ok else logger.error)("health %s", verdict.line)
    note = summary(verdicts)
    lake = open_configured_lake()
    set_run_note(dag_id, run_id, health_note(verdicts, lake.display(report_path(lake, run_key(run_id), dt))))
    failed = [verdict.line for verdict in verdicts if not verdict.ok]
    if failed:
        raise SourcesUnhealthy("\n".join(failed))
    return note


def report(run_id: str, dt: str) -> str:
    """Write the run's HTML report into the lake; return where it is."""
    lake = open_configured_lake()
    path, _ = write_report(lake, datetime.now(UTC), run_id=run_id, dt=dt, health=source_health(run_id, dt))
    shown = lake.display(path)
    logger.info("report: %s", shown)
    return shown
