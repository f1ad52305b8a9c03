"""Airflow's REST API, used for one thing: setting a DAG run's note from inside a task."""

from __future__ import annotations

import json
import logging
import os
import urllib.error
import urllib.request
from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

logger = logging.getLogger(__name__)


def set_run_note(dag_id: str, run_id: str, note: str) -> bool:
    """Set the DAG run's note through Airflow's REST API (tasks have no other way in Airflow 3).

    Needs ``NEWSLAKE_AIRFLOW_API_URL`` (e.g. ``http://127.0.0.1:8080``) and either a token in
    ``NEWSLAKE_AIRFLOW_API_TOKEN``, a user in ``NEWSLAKE_AIRFLOW_API_USER`` /
    ``NEWSLAKE_AIRFLOW_API_PASSWORD``, or an API server that hands tokens to everyone (the
    local setup). Without them, or when the call fails, the note is only logged.
    """
    base = os.environ.get("NEWSLAKE_AIRFLOW_API_URL", "").rstrip("/")
    if not base:
        logger.info("run note not set (NEWSLAKE_AIRFLOW_API_URL is not set)")
        return False
    url = f"{base}/api/v2/dags/{quote(dag_id, safe='')}/dagRuns/{quote(run_id, safe='')}"
    try:
        token = os.environ.get("NEWSLAKE_AIRFLOW_API_TOKEN") or _api_token(base)
        _call("PATCH", url, {"note": note[:1000]}, token)
    except (urllib.error.URLError, OSError, ValueError, KeyError) as error:
        logger.warning("run note not set: %s %s (%s)", "PATCH", url, error)
        return False
    return True


def _api_token(base: str) -> str:
    user = os.environ.get("NEWSLAKE_AIRFLOW_API_USER")
    if user:
        body = {"username": user, "password": os.environ.get("NEWSLAKE_AIRFLOW_API_PASSWORD", "")}
        answer = _call("POST", f"{base}/auth/token", body, None)
    else:
        answer = _call("GET", f"{base}/auth/token", None, None)
    return str(answer["access_token"])


def _call(method: str, url: str, body: Mapping[str, Any] | None, token: str | None) -> dict[str, Any]:
    headers = {"Accept": "application/json"}
    if body is not None:
        headers["Content-Type"] = "application/json"
    if token:
        headers["Authorization"] = f"Bearer {token}"
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, headers=headers, method=method)  # noqa: S310 - URL from config
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - URL from config
        answer: dict[str, Any] = json.loads(response.read() or b"{}")
    return answer
