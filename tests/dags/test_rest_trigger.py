"""A real Airflow (api-server, scheduler, dag-processor; LocalExecutor) on 127.0.0.1: trigger
``news_ingest`` through the REST API, as the UI does, and wait for it to succeed."""

from __future__ import annotations

import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from support.lake_tables import table_rows

ROOT = Path(__file__).resolve().parents[2]
AIRFLOW = str(Path(sys.executable).with_name("airflow"))
RUN_DEADLINE = 300  # seconds from trigger to a finished run; typically well under a minute


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def call(method: str, url: str, body: dict[str, Any] | None = None) -> Any:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read() or b"null")


def wait_for(what: str, probe: Any, seconds: float, logs: Path) -> Any:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            found = probe()
        except (urllib.error.URLError, OSError):
            found = None
        if found:
            return found
        time.sleep(1)
    tails = {p.name: p.read_text("utf-8", "replace")[-3000:] for p in logs.glob("*.log")}
    pytest.fail(f"{what}: not within {seconds}s; component logs: {json.dumps(tails, indent=1)}")


@pytest.fixture
def airflow_site(tmp_path: Path, wire_sources: Path) -> Iterator[tuple[str, Path, Path]]:
    """Airflow's components as separate processes on a free 127.0.0.1 port; (base URL, lake, logs)."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    home, lake, logs = tmp_path / "airflow", tmp_path / "lake", tmp_path / "logs"
    logs.mkdir()
    env = {key: value for key, value in os.environ.items() if not key.startswith("AIRFLOW")}
    env.update(
        {
            "AIRFLOW_HOME": str(home),
            "AIRFLOW__CORE__DAGS_FOLDER": str(ROOT / "dags"),
            "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
            "AIRFLOW__CORE__EXECUTOR": "LocalExecutor",
            "AIRFLOW__CORE__PARALLELISM": "2",
            "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_ALL_ADMINS": "True",
            "AIRFLOW__CORE__EXECUTION_API_SERVER_URL": f"{base}/execution/",
            "AIRFLOW__API__HOST": "127.0.0.1",
            "AIRFLOW__API__PORT": str(port),
            "AIRFLOW__API_AUTH__JWT_SECRET": secrets.token_hex(48),
            "AIRFLOW__DAG_PROCESSOR__REFRESH_INTERVAL": "5",
            "AIRFLOW__SCHEDULER__SCHEDULER_HEARTBEAT_SEC": "1",
            "NEWSLAKE_SOURCES": str(wire_sources),
            "NEWSLAKE_LAKE": str(lake),
            "NEWSLAKE_SCHEDULE": "none",  # only the run this test triggers
            "NEWSLAKE_AIRFLOW_API_URL": base,  # the health task writes the run's note through the API
        }
    )
    subprocess.run([AIRFLOW, "db", "migrate"], env=env, check=True, capture_output=True, timeout=180)
    pool = [AIRFLOW, "pools", "set", "newslake_crawl", "2", "concurrent newslake crawls"]
    subprocess.run(pool, env=env, check=True, capture_output=True, timeout=120)
    commands = {
        "api-server": [AIRFLOW, "api-server", "--host", "127.0.0.1", "--port", str(port)],
        "scheduler": [AIRFLOW, "scheduler", "--skip-serve-logs"],
        "dag-processor": [AIRFLOW, "dag-processor"],
    }
    processes = []
    for name, command in commands.items():
        with (logs / f"{name}.log").open("wb") as log:
            processes.append(
                subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
            )
    try:
        yield base, lake, logs
    finally:
        for process in processes:
            os.killpg(process.pid, signal.SIGTERM)
        for process in processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)


@pytest.mark.timeout(600)
def test_a_run_triggered_through_the_rest_api_succeeds(airflow_site: tuple[str, Path, Path]) -> None:
    base, lake, logs = airflow_site
    api = f"{base}/api/v2"
    wait_for("the API server", lambda: call("GET", f"{api}/monitor/health"), 120, logs)
    wait_for("news_ingest parsed", lambda: call("GET", f"{api}/dags/news_ingest"), 120, logs)

    call("PATCH", f"{api}/dags/news_ingest", {"is_paused": False})
    conf = {"sources": ["wire-rss", "wire-atom"], "max_pages": None, "recrawl": False, "since": None}
    run_id = call("POST", f"{api}/dags/news_ingest/dagRuns", {"logical_date": None, "conf": conf})["dag_run_id"]
    run_url = f"{api}/dags/news_ingest/dagRuns/{quote(run_id, safe='')}"

    def finished() -> dict[str, Any] | None:
        run: dict[str, Any] = call("GET", run_url)
        return run if run["state"] in {"success", "failed"} else None

    run = wait_for("the triggered run", finished, RUN_DEADLINE, logs)
    states = {ti["task_id"]: ti["state"] for ti in call("GET", f"{run_url}/taskInstances")["task_instances"]}
    assert run["state"] == "success", states
    report = call("GET", f"{run_url}/taskInstances/publish.report/xcomEntries/return_value")["value"]
    assert Path(report).is_file() and Path(report).is_relative_to(lake / "reports")
    assert {row["run_id"] for row in table_rows(lake, "articles", ["run_id"])} == {run_id}
    # The note: the outcome as its header, one Markdown line per source, and where the report is.
    note = run["note"].splitlines()
    assert note[0] == "### Source health: all 2 sources healthy"
    assert [line.split(":")[0] for line in note if line.startswith("- ")] == ["- wire-atom", "- wire-rss"]
    assert note[-1] == f"Report: `{report}`"

    # A successful crawl's task log: Scrapy's records at their own levels, none an error; the outcome last.
    # Both sources live on one host, so the run crawls them as one site: one mapped task.
    entries = call("GET", f"{run_url}/taskInstances/crawl.site/logs/1?map_index=0")["content"]
    levels = [entry.get("level") for entry in entries if entry.get("level")]
    assert "error" not in levels and "critical" not in levels, [e for e in entries if e.get("level") == "error"]
    assert any("[scrapy.core.engine]" in entry["event"] for entry in entries)
    crawl_lines = [entry["event"] for entry in entries if str(entry.get("logger", "")).startswith("newslake")]
    assert crawl_lines[-1].startswith("site 127.0.0.1 (wire-rss, wire-atom): ")

    first_run = run_id
    # A mistyped source id: the plan fails once, nothing after it runs, and the note names the id.
    conf = {"sources": ["wire-rss", "morning-breeze-fr"], "max_pages": None, "recrawl": False, "since": None}
    run_id = call("POST", f"{api}/dags/news_ingest/dagRuns", {"logical_date": None, "conf": conf})["dag_run_id"]
    run_url = f"{api}/dags/news_ingest/dagRuns/{quote(run_id, safe='')}"
    run = wait_for("the run with an unknown source", finished, RUN_DEADLINE, logs)
    instances = call("GET", f"{run_url}/taskInstances")["task_instances"]
    assert run["state"] == "failed"
    assert {ti["task_id"]: (ti["state"], ti["try_number"]) for ti in instances}["plan"] == ("failed", 1)
    assert {ti["task_id"] for ti in instances if ti["state"] not in {"skipped", "upstream_failed"}} == {"plan"}
    assert run["note"].splitlines()[0] == "### Plan failed: nothing was crawled"
    assert "no source 'morning-breeze-fr'" in run["note"]
    assert {row["run_id"] for row in table_rows(lake, "runs", ["run_id"])} == {first_run}  # the first run's only
    events = call("GET", f"{api}/assets/events?source_dag_id=news_ingest")["asset_events"]
    assert run_id not in {event["source_run_id"] for event in events}
