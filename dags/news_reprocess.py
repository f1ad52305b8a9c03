"""
### news_reprocess

Re-extracts and re-dedups stored `fetches/` for a date range **without crawling**: the run to
start after an extractor or dedup upgrade. Every run with fetches whose `dt` lies in the range
is processed again, oldest first, by the same stage functions as `news_ingest`; each run's
`articles/`, `rejects/`, `runs/` and dedup index files are replaced (each file atomically),
and dedup sees only the runs before it, as it did the first time.

On unchanged code the lake ends up with the same rows: nothing is duplicated. To keep story
clusters consistent after an upgrade, reprocess up to today (later runs refer to earlier
clusters). The trigger form asks for the first and last `dt` (inclusive); left empty, it
reprocesses the latest day that has fetches, and the task logs `reprocessing dt=… (N runs)`.
The *since* filter of the original runs is not re-applied. See `docs/operations.md`.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from airflow.sdk import Asset, Param, dag, get_current_context, task


def _notify_failure(context: Any) -> None:
    """Alert through the configured Airflow notifiers (newslake.alerts; read when a run fails)."""
    from newslake.alerts import notify_failure  # noqa: PLC0415 - keep DAG parsing light

    notify_failure(context)


@dag(
    dag_id="news_reprocess",
    description="Re-extract and re-dedup stored fetches for a date range, without crawling.",
    schedule=None,
    start_date=datetime(2026, 1, 1, tzinfo=UTC),
    catchup=False,
    max_active_runs=1,
    tags=["newslake", "reprocess"],
    doc_md=__doc__,
    on_failure_callback=_notify_failure,
    default_args={
        "owner": "newslake",
        "retries": 1,
        "retry_delay": timedelta(minutes=1),
        "retry_exponential_backoff": True,
        "max_retry_delay": timedelta(minutes=30),
        "execution_timeout": timedelta(hours=6),
    },
    params={
        "start": Param(
            None,
            type=["null", "string"],
            format="date",
            title="First date",
            description="The first logical date (dt) whose runs are reprocessed. Empty: the last date's day.",
        ),
        "end": Param(
            None,
            type=["null", "string"],
            format="date",
            title="Last date",
            description="The last logical date (dt) whose runs are reprocessed (inclusive). "
            "Empty: the latest day that has fetches.",
        ),
    },
)
def news_reprocess() -> None:
    @task(outlets=[Asset.ref(name="newslake_articles")])
    def reprocess() -> list[str]:
        from newslake import reprocess_tasks  # noqa: PLC0415 - keep DAG parsing light

        params = get_current_context()["params"]
        return reprocess_tasks.reprocess(params["start"], params["end"])

    @task
    def report() -> str:
        from newslake import reprocess_tasks  # noqa: PLC0415

        return reprocess_tasks.lake_report()

    reprocess() >> report()


news_reprocess()
