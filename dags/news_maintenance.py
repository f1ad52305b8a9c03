"""
### news_maintenance

Keeps the lake fast after years of hourly runs. Once a day (`NEWSLAKE_MAINTENANCE_SCHEDULE`,
default `@daily`; `none` to switch it off) it merges each closed day's files into about one per
partition (`NEWSLAKE_CLOSED_AFTER_DAYS`), drops fetch bodies older than
`NEWSLAKE_BODY_RETENTION_DAYS` (the rows stay), and deletes files no snapshot of the last
`NEWSLAKE_VACUUM_GRACE_HOURS` needs. Readers never see a half-done step. The same work runs as
`newslake compact`; the task's log has the summary (files and bytes per table, seconds).
"""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from typing import Any

from airflow.sdk import dag, task


def _notify_failure(context: Any) -> None:
    """Alert through the configured Airflow notifiers (newslake.alerts; read when a run fails)."""
    from newslake.alerts import notify_failure  # noqa: PLC0415 - keep DAG parsing light

    notify_failure(context)


def _schedule() -> str | None:
    value = os.environ.get("NEWSLAKE_MAINTENANCE_SCHEDULE", "@daily").strip()
    return None if value.lower() in {"", "none", "manual"} else value


@dag(
    dag_id="news_maintenance",
    description="Compacts closed days, drops expired fetch bodies and vacuums the lake.",
    schedule=_schedule(),
    start_date=datetime(2026, 1, 1, tzinfo=UTC),
    catchup=False,
    max_active_runs=1,
    tags=["newslake", "maintenance"],
    doc_md=__doc__,
    on_failure_callback=_notify_failure,
    default_args={
        "owner": "newslake",
        "retries": 2,
        "retry_delay": timedelta(minutes=5),
        "execution_timeout": timedelta(hours=2),
    },
)
def news_maintenance() -> None:
    @task
    def compact() -> dict[str, Any]:
        from newslake.maintenance_tasks import compact  # noqa: PLC0415 - keep DAG parsing light

        return compact()

    compact()


news_maintenance()
