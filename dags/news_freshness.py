"""
### news_freshness

How late is today's data? Every hour (`NEWSLAKE_FRESHNESS_SCHEDULE`, default `@hourly`;
`none` to switch it off) this reads the latest update of the `newslake_articles` Asset and
fails when it is older than `NEWSLAKE_MAX_STALENESS_HOURS` (default 3). A failed check
alerts through the notifiers configured for failed runs (see `docs/operations.md`); its log
says when the articles were last updated and how long ago.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from typing import Any

from airflow.sdk import Asset, dag, get_current_context, task

ARTICLES = Asset.ref(name="newslake_articles")


def _notify_failure(context: Any) -> None:
    """Alert through the configured Airflow notifiers (newslake.alerts; read when a run fails)."""
    from newslake.alerts import notify_failure  # noqa: PLC0415 - keep DAG parsing light

    notify_failure(context)


def _schedule() -> str | None:
    value = os.environ.get("NEWSLAKE_FRESHNESS_SCHEDULE", "@hourly").strip()
    return None if value.lower() in {"", "none", "manual"} else value


@dag(
    dag_id="news_freshness",
    description="How late is today's data: fails when the articles Asset was not updated for too long.",
    schedule=_schedule(),
    start_date=datetime(2026, 1, 1, tzinfo=UTC),
    catchup=False,
    max_active_runs=1,
    tags=["newslake", "freshness"],
    doc_md=__doc__,
    on_failure_callback=_notify_failure,
    default_args={"owner": "newslake", "retries": 0, "execution_timeout": timedelta(minutes=5)},
)
def news_freshness() -> None:
    @task(inlets=[ARTICLES])
    def freshness() -> str:
        from newslake.freshness import check_freshness  # noqa: PLC0415 - keep DAG parsing light

        latest = list(get_current_context()["inlet_events"][ARTICLES].ascending(False).limit(1))
        return check_freshness(latest[0].timestamp if latest else None, datetime.now(UTC))

    freshness()


news_freshness()
