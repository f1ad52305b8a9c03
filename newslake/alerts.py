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
from collections.abc import Mapping
from typing import Any

logger = logging.getLogger(__name__)


def alert_text(context: Mapping[str, Any]) -> str:
    """One line on the failed run, from the callback's context (``dag``, ``run_id``, ``reason``)."""
    dag_id = getattr(context.get("dag"), "dag_id", None) or "a newslake DAG"
    reason = f" ({context['reason']})" if context.get("reason") else ""
    return f"newslake: {dag_id} run {context.get('run_id')} failed{reason}; its note and failed tasks are in Airflow"


def failure_notifiers(text: str) -> list[Any]:
    """The Airflow notifiers configured for failed runs (see the module's docstring), carrying ``text``."""
    notifiers: list[Any] = []
    conn_id = os.environ.get("NEWSLAKE_ALERT_HTTP_CONN_ID")
    if conn_id:
        from airflow.providers.http.notifications.http import HttpNotifier  # noqa: PLC0415 - only when configured

        notifiers.append(HttpNotifier(http_conn_id=conn_id, json={"text": text}))
    email = os.environ.get("NEWSLAKE_ALERT_EMAIL")
    if email:
        from airflow.providers.smtp.notifications.smtp import SmtpNotifier  # noqa: PLC0415

        to = [address.strip() for address in email.split(",") if address.strip()]
        notifiers.append(SmtpNotifier(to=to, subject=text, html_content=text))
    return notifiers


def notify_failure(context: Mapping[str, Any]) -> None:
    """A DAG's ``on_failure_callback``: send the failed run's line through every configured notifier.

    The line is written here, not by Jinja templates, so the callback needs nothing of the DAG
    object but its id (``dag.test()`` hands callbacks the scheduler's form of the DAG, which
    cannot render templates).
    """
    text = alert_text(context)
    for notifier in failure_notifiers(text):
        try:
            notifier.notify(context)
        except Exception:  # one broken channel must not keep the others silent
            logger.exception("alert not sent through %s", type(notifier).__name__)
