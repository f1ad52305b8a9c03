"""Where the Airflow tasks find their sources, lake and credentials.

Configuration comes from the environment (``NEWSLAKE_SOURCES``, ``NEWSLAKE_LAKE``) and, for
S3, optionally from an Airflow connection named by ``NEWSLAKE_AWS_CONN_ID``, whose credentials
are handed to the crawl child processes through the standard AWS variables.
"""

from __future__ import annotations

import logging
import os

from newslake.pipeline import Run
from transforms.edge.lake import Lake, open_lake
from transforms.edge.settings import AWS_CONN_ID, setting
from transforms.edge.settings import lake_uri as configured_lake_uri
from transforms.edge.settings import sources_path as configured_sources_path
from transforms.edge.sources_file import load_sources
from transforms.sources import SourcesError, SourcesFile

logger = logging.getLogger(__name__)


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


def configured_run(run_id: str, dt: str) -> Run:
    """The run ``run_id`` of day ``dt`` over the configured sources and lake."""
    return Run(configured_sources(), open_configured_lake(), run_id, dt)


def configured_sources() -> SourcesFile:
    """The configured sources file, read and validated; a bad one names the setting to fix."""
    try:
        return load_sources(sources_path())
    except SourcesError:
        logger.error("check NEWSLAKE_SOURCES (now %s)", sources_path())
        raise
