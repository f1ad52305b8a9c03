"""The bodies of the Airflow tasks: the same stage functions the CLI calls, set up from Airflow.

The DAG files only wire these together, so they parse fast and hold no logic. Configuration
comes from the environment (``NEWSLAKE_SOURCES``, ``NEWSLAKE_LAKE``) and, for S3, optionally
from an Airflow connection named by ``NEWSLAKE_AWS_CONN_ID``, whose credentials are handed to
the crawl child processes through the standard AWS variables.
"""

from __future__ import annotations

import logging
import os
from dataclasses import asdict
from datetime import datetime
from typing import Any

from crawlers.launch import crawl_source
from newslake.pipeline import describe_crawl
from transforms.lake import Lake, open_lake
from transforms.sources import SourcesError, SourcesFile, load_sources
from transforms.stages import dedup_stage, process_stage, publish_stage

logger = logging.getLogger(__name__)
CRAWL_TIMEOUT_SECONDS = 3 * 3600


class CrawlFailed(RuntimeError):
    """A source's crawl could not run or fetch any start URL."""


def sources_path() -> str:
    """The sources file the DAGs read."""
    return os.environ.get("NEWSLAKE_SOURCES", "sources.yaml")


def lake_uri() -> str:
    """The lake the DAGs write."""
    return os.environ.get("NEWSLAKE_LAKE", "./lake")


def aws_environment() -> dict[str, str]:
    """AWS variables from the Airflow connection ``NEWSLAKE_AWS_CONN_ID``, when one is named."""
    conn_id = os.environ.get("NEWSLAKE_AWS_CONN_ID")
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


def plan(chosen: list[str]) -> list[str]:
    """The source ids to crawl: those chosen in the trigger form, else all; unknown ids fail here."""
    sources = load_sources(sources_path())
    if not chosen:
        return [source.id for source in sources.sources]
    for source_id in chosen:
        sources.get(source_id)
    return list(chosen)


def crawl(source_id: str, run_id: str, dt: str, max_pages: int | None, *, recrawl: bool = False) -> dict[str, Any]:
    """Crawl one source in a child process; fail the task with one line if it could not."""
    lake = open_configured_lake()
    result = crawl_source(
        sources_path(),
        source_id,
        lake.uri,
        run_id,
        dt,
        max_pages=max_pages,
        recrawl=recrawl,
        timeout_seconds=CRAWL_TIMEOUT_SECONDS,
        log_level="INFO",
        env=aws_environment(),
    )
    line = f"source {source_id}: {describe_crawl(result)}"
    if not result.ok:
        raise CrawlFailed(line)
    logger.info(line)
    return asdict(result)


def process(run_id: str, dt: str) -> dict[str, int]:
    """Extract the run's fetched pages."""
    result = process_stage(open_configured_lake(), _sources(), run_id, dt)
    logger.info("process: %s; wrote %s", result.counts, result.files)
    return result.counts


def dedup(run_id: str, dt: str) -> dict[str, int]:
    """Mark the run's duplicates against all history."""
    result = dedup_stage(open_configured_lake(), run_id, dt)
    logger.info("dedup: %s; wrote %s", result.counts, result.files)
    return result.counts


def publish(run_id: str, dt: str, started_at: datetime, finished_at: datetime) -> dict[str, int]:
    """Write the run's rows to the runs table."""
    result = publish_stage(open_configured_lake(), _sources(), run_id, dt, started_at, finished_at)
    logger.info("publish: %s; wrote %s", result.counts, result.files)
    return result.counts


def _sources() -> SourcesFile:
    try:
        return load_sources(sources_path())
    except SourcesError:
        logger.error("check NEWSLAKE_SOURCES (now %s)", sources_path())
        raise
