"""The bodies of the Airflow tasks: the run plan's stages (:mod:`newslake.pipeline`), set up from Airflow.

The DAG files only wire these together, so they parse fast and hold no logic. Configuration
comes from the environment (``NEWSLAKE_SOURCES``, ``NEWSLAKE_LAKE``) and, for S3, optionally
from an Airflow connection named by ``NEWSLAKE_AWS_CONN_ID``, whose credentials are handed to
the crawl child processes through the standard AWS variables.
"""

from __future__ import annotations

import json
import logging
import os
import time
import urllib.error
import urllib.request
from collections.abc import Mapping
from dataclasses import asdict
from datetime import UTC, date, datetime
from typing import Any
from urllib.parse import quote

from newslake import pipeline
from newslake.crawl_log import CrawlLogRelay
from newslake.pipeline import Run, RunOptions, describe_crawl
from newslake.report import report_path, write_report
from newslake.run_note import health_note, plan_failed_note
from transforms.edge.lake import Lake, open_lake
from transforms.edge.reprocess import reprocess_range
from transforms.edge.settings import AWS_CONN_ID, setting
from transforms.edge.settings import lake_uri as configured_lake_uri
from transforms.edge.settings import sources_path as configured_sources_path
from transforms.edge.sources_file import load_sources
from transforms.health import SourceHealth, summary
from transforms.layout import partition_values, run_key
from transforms.sites import group_sites
from transforms.sources import SourcesError, SourcesFile

logger = logging.getLogger(__name__)
CRAWL_TIMEOUT_SECONDS = 3 * 3600


class CrawlFailed(RuntimeError):
    """A site's crawl could not run, or one of its sources could fetch none of its start URLs."""


class SourcesUnhealthy(RuntimeError):
    """At least one source's yield collapsed; the message has one line per such source."""


def sources_path() -> str:
    """The sources file the DAGs read."""
    return configured_sources_path()


def lake_uri() -> str:
    """The lake the DAGs write."""
    return configured_lake_uri()


def aws_environment() -> dict[str, str]:
    """AWS variables from the Airflow connection ``NEWSLAKE_AWS_CONN_ID``, when one is named."""
    conn_id = setting(AWS_CONN_ID)
    if not conn_id or not lake_uri().startswith("s3://"):
        return {}
    from airflow.sdk import BaseHook  # noqa: PLC0415 - Airflow is only present inside tasks

    connection = BaseHook.get_connection(conn_id)
    extra = connection.extra_dejson
    values = {
        "AWS_ACCESS_KEY_ID": connection.login,
        "AWS_SECRET_ACCESS_KEY": connection.password,
        "AWS_ENDPOINT_URL": extra.get("endpoint_url"),
        "AWS_DEFAULT_REGION": extra.get("region_name"),
    }
    return {key: value for key, value in values.items() if value}


def open_configured_lake() -> Lake:
    """The configured lake, with the connection's credentials in this process's environment too."""
    os.environ.update(aws_environment())
    return open_lake(lake_uri())


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
    run = _run(run_id, dt)
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
    run, options = _run(run_id, dt), RunOptions.from_values({"since": since})
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
    result = pipeline.dedup(_run(run_id, dt), RunOptions(history_days=history_days))
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
    result = pipeline.publish(_run(run_id, dt), started_at, finished_at, stage_seconds or {}, sources)
    logger.info("publish: %s; wrote %s", result.counts, result.files)
    return result.counts


def source_health(run_id: str, dt: str) -> list[SourceHealth]:
    """Each source's health verdict for the run, against the runs of the last two weeks."""
    return pipeline.health(_run(run_id, dt))


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


def lake_report() -> str:
    """Write a report over the whole lake (no run of its own) into the lake; return where it is."""
    lake = open_configured_lake()
    path, _ = write_report(lake, datetime.now(UTC))
    shown = lake.display(path)
    logger.info("report: %s", shown)
    return shown


def reprocess(start: str | None, end: str | None) -> list[str]:
    """Re-extract and re-dedup every stored run from ``start`` to ``end`` (YYYY-MM-DD), oldest first.

    Empty dates default to the latest day that has fetches (an empty start: the end's day; an
    empty end: the latest day), so the trigger form opens with a valid choice.
    """
    lake = open_configured_lake()
    first, last = reprocess_dates(lake, start, end)
    if first is None or last is None:
        logger.warning("the lake has no fetches yet: nothing to reprocess")
        return []
    days = first.isoformat() if first == last else f"{first.isoformat()}..{last.isoformat()}"
    logger.info("reprocessing dt=%s (%d runs)", days, runs_with_fetches(lake, first, last))
    lines: list[str] = []

    def progress(line: str) -> None:
        logger.info("%s", line)
        lines.append(line)

    runs = list(reprocess_range(lake, _sources(), first, last, progress))
    if not runs:
        logger.warning("no run has fetches from %s to %s: nothing to reprocess", first, last)
    return lines


def reprocess_dates(lake: Lake, start: str | None, end: str | None) -> tuple[date | None, date | None]:
    """The range to reprocess: the dates given, each empty one defaulting to the latest day with fetches."""
    if start and end:
        return date.fromisoformat(start), date.fromisoformat(end)
    days = sorted({partition_values(path).get("dt", "") for path in lake.files("fetches")} - {""})
    latest = date.fromisoformat(end) if end else (date.fromisoformat(days[-1]) if days else None)
    return (date.fromisoformat(start) if start else latest), latest


def runs_with_fetches(lake: Lake, first: date, last: date) -> int:
    """How many runs have fetches with a ``dt`` in [first, last] (from file names alone)."""
    keys = {
        path.rsplit("/", 1)[-1]
        for path in lake.files("fetches")
        if first.isoformat() <= partition_values(path).get("dt", "") <= last.isoformat()
    }
    return len(keys)


def set_run_note(dag_id: str, run_id: str, note: str) -> bool:
    """Set the DAG run's note through Airflow's REST API (tasks have no other way in Airflow 3).

    Needs ``NEWSLAKE_AIRFLOW_API_URL`` (e.g. ``http://127.0.0.1:8080``) and either a token in
    ``NEWSLAKE_AIRFLOW_API_TOKEN``, a user in ``NEWSLAKE_AIRFLOW_API_USER`` /
    ``NEWSLAKE_AIRFLOW_API_PASSWORD``, or an API server that hands tokens to everyone (the
    local setup). Without them, or when the call fails, the note is only logged.
    """
    base = os.environ.get("NEWSLAKE_AIRFLOW_API_URL", "").rstrip("/")
    if not base:
        logger.info("run note not set (NEWSLAKE_AIRFLOW_API_URL is not set)")
        return False
    url = f"{base}/api/v2/dags/{quote(dag_id, safe='')}/dagRuns/{quote(run_id, safe='')}"
    try:
        token = os.environ.get("NEWSLAKE_AIRFLOW_API_TOKEN") or _api_token(base)
        _call("PATCH", url, {"note": note[:1000]}, token)
    except (urllib.error.URLError, OSError, ValueError, KeyError) as error:
        logger.warning("run note not set: %s %s (%s)", "PATCH", url, error)
        return False
    return True


def _api_token(base: str) -> str:
    user = os.environ.get("NEWSLAKE_AIRFLOW_API_USER")
    if user:
        body = {"username": user, "password": os.environ.get("NEWSLAKE_AIRFLOW_API_PASSWORD", "")}
        answer = _call("POST", f"{base}/auth/token", body, None)
    else:
        answer = _call("GET", f"{base}/auth/token", None, None)
    return str(answer["access_token"])


def _call(method: str, url: str, body: Mapping[str, Any] | None, token: str | None) -> dict[str, Any]:
    headers = {"Accept": "application/json"}
    if body is not None:
        headers["Content-Type"] = "application/json"
    if token:
        headers["Authorization"] = f"Bearer {token}"
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, headers=headers, method=method)  # noqa: S310 - URL from config
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - URL from config
        answer: dict[str, Any] = json.loads(response.read() or b"{}")
    return answer


def _run(run_id: str, dt: str) -> Run:
    return Run(_sources(), open_configured_lake(), run_id, dt)


def _sources() -> SourcesFile:
    try:
        return load_sources(sources_path())
    except SourcesError:
        logger.error("check NEWSLAKE_SOURCES (now %s)", sources_path())
        raise


def daily_digest() -> dict[str, Any]:
    """The example analyst's digest of the latest day in the lake, read with DuckDB.

    Stories are canonical rows (one per cluster); copies are all article rows, duplicates included.
    """
    import duckdb  # noqa: PLC0415 - only the analyst's task needs it

    lake = open_configured_lake()
    files = lake.files("articles")
    if not files:
        logger.info("digest: the lake has no articles yet")
        return {"dt": None, "stories": 0, "copies": 0}
    latest = max(partition_values(path).get("dt", "") for path in files)
    paths = [lake.display(path) for path in files if partition_values(path).get("dt") == latest]
    connection = duckdb.connect()
    if not lake.is_local:
        connection.register_filesystem(lake.fs)  # DuckDB reads s3:// through the lake's own fsspec filesystem
    per_source = connection.execute(
        "SELECT source_id, count(*) AS copies, count(*) FILTER (WHERE is_canonical) AS stories "
        "FROM read_parquet(?) GROUP BY source_id ORDER BY copies DESC, source_id",
        [paths],
    ).fetchall()
    top = connection.execute(
        "SELECT any_value(title ORDER BY is_canonical DESC) AS title, count(DISTINCT source_id) AS outlets, "
        "count(*) AS copies FROM read_parquet(?) GROUP BY cluster_id ORDER BY outlets DESC, copies DESC, title LIMIT 5",
        [paths],
    ).fetchall()
    stories, copies = sum(row[2] for row in per_source), sum(row[1] for row in per_source)
    logger.info("digest for %s: %s stories (canonical rows) in %s article copies", latest, stories, copies)
    for source_id, source_copies, source_stories in per_source:
        logger.info("  %-24s %4d stories, %4d copies", source_id, source_stories, source_copies)
    for title, outlets, story_copies in top:
        logger.info("  %d outlets, %d copies: %s", outlets, story_copies, title)
    return {
        "dt": latest,
        "stories": stories,
        "copies": copies,
        "stories_by_source": {row[0]: row[2] for row in per_source},
        "copies_by_source": {row[0]: row[1] for row in per_source},
        "top_stories": [{"title": t, "outlets": o, "copies": c} for t, o, c in top],
    }
