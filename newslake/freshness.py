"""How late is the lake's data: the age of the articles Asset's latest update, against a limit.

``news_ingest`` updates the ``newslake_articles`` Asset each time it publishes a run. When no
update came for longer than the limit (``NEWSLAKE_MAX_STALENESS_HOURS``, default 3: three
missed hourly runs), today's data is late, and the freshness check fails, which alerts
through the notifiers of ``newslake.alerts``.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from datetime import datetime, timedelta

DEFAULT_MAX_STALENESS_HOURS = 3.0
logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Freshness:
    """The verdict: fresh or not, and one line saying how late the data is."""

    ok: bool
    line: str


def max_staleness() -> timedelta:
    """The configured limit (``NEWSLAKE_MAX_STALENESS_HOURS``)."""
    return timedelta(hours=float(os.environ.get("NEWSLAKE_MAX_STALENESS_HOURS") or DEFAULT_MAX_STALENESS_HOURS))


def freshness(last_update: datetime | None, now: datetime, limit: timedelta) -> Freshness:
    """Whether the articles were updated within ``limit`` of ``now``; a line with the age either way."""
    if last_update is None:
        return Freshness(False, "the articles Asset was never updated: no run has published yet")
    age = now - last_update
    minutes = max(int(age.total_seconds() // 60), 0)
    when = f"{last_update:%Y-%m-%d %H:%M} UTC, {minutes // 60} h {minutes % 60:02d} min ago"
    if age > limit:
        return Freshness(False, f"articles are late: last updated {when} (limit {_hours(limit)})")
    return Freshness(True, f"articles are fresh: last updated {when} (limit {_hours(limit)})")


def _hours(limit: timedelta) -> str:
    return f"{limit.total_seconds() / 3600:g} h"


def check_freshness(last_update: datetime | None, now: datetime) -> str:
    """The freshness task's body: log the verdict; fail (without retries: waiting is the fix) when late."""
    verdict = freshness(last_update, now, max_staleness())
    if not verdict.ok:
        logger.error("%s", verdict.line)
        from airflow.sdk.exceptions import AirflowFailException  # noqa: PLC0415 - Airflow only inside tasks

        raise AirflowFailException(verdict.line)
    logger.info("%s", verdict.line)
    return verdict.line
