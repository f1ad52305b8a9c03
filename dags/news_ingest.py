"""
### news_ingest

Crawls every configured news source and lands the results in the lake:

1. **plan** – reads the sources file (`NEWSLAKE_SOURCES`) and picks the sources to crawl
   (all, or those chosen in the trigger form);
2. **crawl** – one mapped task per source (labelled by source id), each running Scrapy in a
   child process and storing every response byte-exact in `fetches/`;
3. **process** – extracts articles from the run's fetches; every other URL becomes a reject
   with a reason (runs even when some crawls failed, so the others' pages are not lost);
4. **dedup** – marks exact duplicates against all earlier runs;
5. **publish** – writes the `runs` table rows and emits the articles Asset;
6. **check** – fails the run when any source's crawl failed, after the rest has landed.

The lake is `NEWSLAKE_LAKE` (a folder or `s3://bucket/prefix`; for S3 the credentials come
from the AWS environment or from the Airflow connection named by `NEWSLAKE_AWS_CONN_ID`).
Re-running a DAG run replaces that run's files; it never duplicates rows.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from airflow.sdk import Asset, Param, dag, get_current_context, task


def _articles_uri() -> str:
    lake = os.environ.get("NEWSLAKE_LAKE", "./lake").rstrip("/")
    return f"{lake}/articles" if lake.startswith("s3://") else f"file://{Path(lake).resolve()}/articles"


ARTICLES = Asset(name="newslake_articles", uri=_articles_uri(), extra={"format": "parquet", "partitioning": "dt"})


def _run() -> tuple[str, str]:
    """The run id and logical date (dt) of the running DAG run."""
    context = get_current_context()
    moment = context.get("data_interval_start") or context.get("logical_date") or context["dag_run"].run_after
    return context["run_id"], moment.date().isoformat()


@dag(
    dag_id="news_ingest",
    schedule=os.environ.get("NEWSLAKE_SCHEDULE", "@hourly"),
    start_date=datetime(2026, 1, 1, tzinfo=UTC),
    catchup=False,
    max_active_runs=1,
    tags=["newslake", "ingest"],
    doc_md=__doc__,
    default_args={
        "retries": 2,
        "retry_delay": timedelta(minutes=1),
        "retry_exponential_backoff": True,
        "max_retry_delay": timedelta(minutes=30),
        "execution_timeout": timedelta(hours=1),
    },
    params={
        "sources": Param(
            [],
            type="array",
            items={"type": "string"},
            title="Sources",
            description="Source ids to crawl (empty: every source in the sources file).",
        ),
        "max_pages": Param(
            None,
            type=["null", "integer"],
            minimum=1,
            title="Max pages",
            description="At most this many article pages per source (empty: the source's max_pages).",
        ),
        "recrawl": Param(
            False,
            type="boolean",
            title="Recrawl",
            description="Fetch article pages again even if an earlier run fetched them.",
        ),
    },
)
def news_ingest() -> None:
    @task
    def plan() -> list[str]:
        from newslake import airflow_tasks  # noqa: PLC0415 - keep DAG parsing light

        return airflow_tasks.plan(list(get_current_context()["params"]["sources"]))

    @task(map_index_template="{{ source_id }}", execution_timeout=timedelta(hours=3), retries=1)
    def crawl(source_id: str) -> dict[str, Any]:
        from newslake import airflow_tasks  # noqa: PLC0415

        context = get_current_context()
        context["source_id"] = source_id  # type: ignore[typeddict-unknown-key]  # label of the mapped task
        run_id, dt = _run()
        params = context["params"]
        return airflow_tasks.crawl(source_id, run_id, dt, params["max_pages"], recrawl=params["recrawl"])

    @task(trigger_rule="all_done")
    def process() -> dict[str, int]:
        from newslake import airflow_tasks  # noqa: PLC0415

        return airflow_tasks.process(*_run())

    @task
    def dedup() -> dict[str, int]:
        from newslake import airflow_tasks  # noqa: PLC0415

        return airflow_tasks.dedup(*_run())

    @task(outlets=[ARTICLES])
    def publish() -> dict[str, int]:
        from newslake import airflow_tasks  # noqa: PLC0415

        dag_run = get_current_context()["dag_run"]
        started = dag_run.start_date or datetime.now(UTC)
        return airflow_tasks.publish(*_run(), started_at=started, finished_at=datetime.now(UTC))

    @task
    def check(published: dict[str, int]) -> str:
        """Reached only when every crawl succeeded; a failed crawl leaves this upstream_failed."""
        return f"run complete: {published}"

    crawled = crawl.expand(source_id=plan())
    published = publish()
    crawled >> process() >> dedup() >> published
    crawled >> check(published)  # type: ignore[arg-type]  # TaskFlow passes the XCom at run time


news_ingest()
