"""
### news_ingest

Crawls every configured news source and lands the results in the lake, one task group per stage:

1. **plan** – reads the sources file (`NEWSLAKE_SOURCES`) and picks the sources to crawl
   (all, or those chosen in the trigger form);
2. **crawl** – one mapped task per site (sources sharing a host; labelled with the host and
   its sources) in the `newslake_crawl` pool, each running Scrapy in a child process that
   fetches each of the site's URLs once, politely per host, and stores every response
   byte-exact in `fetches/`;
3. **process** – extracts articles from the run's fetches; every other URL becomes a reject
   with a reason, and with *since* set, articles published before that date become `too_old`
   rejects (runs even when some crawls failed, so the others' pages are not lost);
4. **dedup** – marks exact and near duplicates against all earlier runs;
5. **publish** – writes the `runs` table rows (counts and per-stage timings), emits the
   `newslake_articles` Asset, and writes the run report (`reports/dt=…/RUN.html`, path in the log);
6. **check** – `crawls` fails the run when any source's crawl failed; `health` fails it when a
   source's article yield fell to zero or by more than 80% against its trailing median, with
   one line per source naming the likely cause (also in the DAG run's note when
   `NEWSLAKE_AIRFLOW_API_URL` is set).

The lake is `NEWSLAKE_LAKE` (a folder or `s3://bucket/prefix`; for S3 the credentials come
from the AWS environment or from the Airflow connection named by `NEWSLAKE_AWS_CONN_ID`).
Re-running a DAG run replaces that run's files; it never duplicates rows. See
`docs/operations.md`.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from airflow.sdk import Asset, Param, dag, get_current_context, task, task_group

CRAWL_POOL = "newslake_crawl"


# The Asset's identity (name and URI) stays the same wherever the lake is, so moving the lake
# (or tests using many lakes) never leaves a second, inactive Asset behind; its ``extra`` says where.
ARTICLES = Asset(
    name="newslake_articles",
    uri="newslake://lake/articles",
    extra={"lake": os.environ.get("NEWSLAKE_LAKE", "./lake"), "format": "parquet", "partitioning": "dt"},
)


def _source_ids() -> list[str]:
    """The ids in the sources file, for the trigger form's pick list; [] if it cannot be read.

    Parse-time work stays tiny: one small YAML file, and any problem only empties the list
    (the plan task reports a broken sources file properly).
    """
    try:
        import yaml  # noqa: PLC0415 - only needed here

        with Path(os.environ.get("NEWSLAKE_SOURCES", "sources.yaml")).open(encoding="utf-8") as handle:
            loaded = yaml.safe_load(handle.read(1_000_000))
        return sorted(str(source["id"]) for source in loaded["sources"] if isinstance(source, dict) and "id" in source)
    except Exception:  # a form without suggestions beats a DAG that fails to import
        return []


def _schedule() -> str | None:
    """``NEWSLAKE_SCHEDULE``: a cron expression or preset (default hourly); ``none`` for manual runs only."""
    value = os.environ.get("NEWSLAKE_SCHEDULE", "@hourly").strip()
    return None if value.lower() in {"", "none", "manual"} else value


def _notify_failure(context: Any) -> None:
    """Alert through the configured Airflow notifiers (newslake.alerts; read when a run fails)."""
    from newslake.alerts import notify_failure  # noqa: PLC0415 - keep DAG parsing light

    notify_failure(context)


def _run() -> tuple[str, str]:
    """The run id and logical date (dt) of the running DAG run."""
    context = get_current_context()
    moment = context.get("data_interval_start") or context.get("logical_date") or context["dag_run"].run_after
    return context["run_id"], moment.date().isoformat()


@dag(
    dag_id="news_ingest",
    description="Crawl the configured news sources into the lake: plan, crawl, process, dedup, publish, check.",
    schedule=_schedule(),
    start_date=datetime(2026, 1, 1, tzinfo=UTC),
    catchup=False,
    max_active_runs=1,
    tags=["newslake", "ingest"],
    doc_md=__doc__,
    on_failure_callback=_notify_failure,
    default_args={
        "owner": "newslake",
        "retries": 2,
        "retry_delay": timedelta(minutes=1),
        "retry_exponential_backoff": True,
        "max_retry_delay": timedelta(minutes=30),
        "execution_timeout": timedelta(hours=1),
    },
    params={
        "sources": Param(
            None,
            type=["null", "array"],
            items={"type": "string"},
            examples=_source_ids(),
            title="Sources",
            description="Sources to crawl (none chosen: every source in the sources file).",
        ),
        "max_pages": Param(
            None,
            type=["null", "integer"],
            minimum=1,
            title="Max pages",
            description="At most this many article pages per source (empty: the source's).",
        ),
        "recrawl": Param(
            False,
            type="boolean",
            title="Recrawl",
            description="Fetch article pages again even if an earlier run fetched them.",
        ),
        "since": Param(
            None,
            type=["null", "string"],
            format="date",
            title="Since",
            description="Keep only articles published on or after this date (UTC); older ones become "
            "too_old rejects. Empty: keep every article.",
        ),
        "history_days": Param(
            None,
            type=["null", "integer"],
            minimum=0,
            title="History days",
            description="Match duplicates only against runs at most this many days before the run's date "
            "(empty: all history).",
        ),
    },
)
def news_ingest() -> None:
    @task
    def plan() -> list[dict[str, Any]]:
        from newslake import airflow_tasks  # noqa: PLC0415 - keep DAG parsing light

        context = get_current_context()
        chosen = list(context["params"]["sources"] or [])
        return airflow_tasks.plan(chosen, context["dag"].dag_id, context["run_id"])

    @task_group(group_id="crawl")
    def crawl_group(sites: Any) -> Any:
        @task(
            task_id="site",
            map_index_template="{{ site_label }}",
            pool=CRAWL_POOL,
            execution_timeout=timedelta(hours=3),
            retries=1,
        )
        def crawl_site(site: dict[str, Any]) -> dict[str, Any]:
            from newslake import airflow_tasks  # noqa: PLC0415

            context = get_current_context()
            context["site_label"] = site["label"]  # type: ignore[typeddict-unknown-key]  # label of the mapped task
            run_id, dt = _run()
            params = context["params"]
            return airflow_tasks.crawl(site, run_id, dt, params["max_pages"], recrawl=params["recrawl"])

        return crawl_site.expand(site=sites)

    @task_group(group_id="process")
    def process_group() -> Any:
        @task(task_id="extract", trigger_rule="all_done")
        def extract() -> dict[str, float]:
            from newslake import airflow_tasks  # noqa: PLC0415

            context = get_current_context()
            airflow_tasks.require_plan(context["ti"].xcom_pull(task_ids="plan"))
            counts = airflow_tasks.process(*_run(), since=context["params"]["since"])
            crawls = context["ti"].xcom_pull(task_ids="crawl.site", default=[])
            crawls = [crawls] if isinstance(crawls, dict) else list(crawls or [])
            # Crawls run side by side (up to the pool's size): the slowest one is the stage's time.
            return counts | {"crawl_seconds": max((c.get("seconds", 0.0) for c in crawls if c), default=0.0)}

        return extract()

    @task_group(group_id="dedup")
    def dedup_group() -> Any:
        @task(task_id="mark")
        def mark() -> dict[str, float]:
            from newslake import airflow_tasks  # noqa: PLC0415

            return airflow_tasks.dedup(*_run(), history_days=get_current_context()["params"]["history_days"])

        return mark()

    @task_group(group_id="publish")
    def publish_group(processed: Any, deduped: Any) -> Any:
        @task(task_id="runs", outlets=[ARTICLES])
        def runs(processed: dict[str, float], deduped: dict[str, float]) -> dict[str, int]:
            from newslake import airflow_tasks  # noqa: PLC0415

            dag_run = get_current_context()["dag_run"]
            started = dag_run.start_date or datetime.now(UTC)
            timings = {
                "crawl": processed["crawl_seconds"],
                "process": processed["seconds"],
                "dedup": deduped["seconds"],
            }
            planned = get_current_context()["ti"].xcom_pull(task_ids="plan")
            return airflow_tasks.publish(
                *_run(), started_at=started, finished_at=datetime.now(UTC), stage_seconds=timings, planned=planned
            )

        @task(task_id="report")
        def report() -> str:
            from newslake import airflow_tasks  # noqa: PLC0415

            return airflow_tasks.report(*_run())

        published = runs(processed, deduped)
        published >> report()
        return published

    @task_group(group_id="check")
    def check_group(published: Any, crawled: Any) -> None:
        @task(task_id="crawls")
        def crawls(published: dict[str, int]) -> str:
            """Reached only when every crawl succeeded; a failed crawl leaves this upstream_failed."""
            return f"run complete: {published}"

        @task(task_id="health", retries=0)
        def health() -> str:
            from newslake import airflow_tasks  # noqa: PLC0415

            context = get_current_context()
            return airflow_tasks.check_health(context["dag"].dag_id, *_run())

        crawled >> crawls(published)
        published >> health()

    crawled = crawl_group(plan())
    processed = process_group()
    crawled >> processed
    deduped = dedup_group()
    processed >> deduped
    published = publish_group(processed, deduped)
    check_group(published, crawled)


news_ingest()
