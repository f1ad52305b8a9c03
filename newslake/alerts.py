"""Alerts when a DAG run fails, sent through Airflow's own notifiers.

Which notifiers run is configuration, read when a run fails (so DAG files stay light to
parse): ``NEWSLAKE_ALERT_HTTP_CONN_ID`` names an Airflow HTTP connection to POST a JSON
message to (a Slack or Teams incoming webhook, or any endpoint of your own), and
``NEWSLAKE_ALERT_EMAIL`` sends mail through Airflow's SMTP connection. Nothing is configured:
nothing is sent, and the failed run is still in the UI with its note. See docs/operations.md.
"""

from __future__ import annotations

import logging
import os
from typing import Any

logger = logging.getLogger(__name__)

ALERT_TEXT = (
    "newslake: {{ dag.dag_id }} run {{ run_id }} failed"
    "{{ ' (' ~ reason ~ ')' if reason is defined and reason else '' }}; "
    "its note and failed tasks are in Airflow"
)


def failure_notifiers() -> list[Any]:
    """The Airflow notifiers configured for failed runs (see the module's docstring)."""
    notifiers: list[Any] = []
    conn_id = os.environ.get("NEWSLAKE_ALERT_HTTP_CONN_ID")
    if conn_id:
        from airflow.providers.http.notifications.http import HttpNotifier  # noqa: PLC0415 - only when configured

        notifiers.append(HttpNotifier(http_conn_id=conn_id, json={"text": ALERT_TEXT}))
    email = os.environ.get("NEWSLAKE_ALERT_EMAIL")
    if email:
        from airflow.providers.smtp.notifications.smtp import SmtpNotifier  # noqa: PLC0415

        to = [address.strip() for address in email.split(",") if address.strip()]
        notifiers.append(SmtpNotifier(to=to, subject=ALERT_TEXT, html_content=ALERT_TEXT))
    return notifiers


def notify_failure(context: Any) -> None:
    """A DAG's ``on_failure_callback``: hand the failed run to every configured notifier."""
    for notifier in failure_notifiers():
        try:
            notifier(context)
        except Exception:  # one broken channel must not keep the others silent
            logger.exception("alert not sent through %s", type(notifier).__name__)
