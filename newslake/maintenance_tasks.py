"""The news_maintenance DAG's task body: the same maintenance ``newslake compact`` runs."""

from __future__ import annotations

import logging
from dataclasses import asdict
from typing import Any

from newslake.task_config import open_configured_lake
from transforms.edge.maintenance import maintain
from transforms.edge.settings import maintenance_policy

logger = logging.getLogger(__name__)


def compact() -> dict[str, Any]:
    """Compact closed days, drop expired bodies and vacuum the configured lake; log and return the summary."""
    summary = maintain(open_configured_lake(), maintenance_policy())
    for line in summary.lines():
        logger.info("%s", line)
    return {"newest_day": summary.newest_day, "tables": [asdict(table) for table in summary.tables]}
