"""``news_ingest`` on Airflow's CeleryExecutor: PostgreSQL, Redis, two workers, the lake on S3.

Everything is a separate process bound to 127.0.0.1, as on a cluster: PostgreSQL (metadata and
Celery results), Redis (broker), moto's S3 server (the lake, reached through the Airflow
connection ``newslake_s3``), api-server, scheduler, dag-processor, triggerer and two Celery workers
``worker1`` and ``worker2`` (one task at a time each, so concurrent crawls must spread). The test
triggers a run for four sources through the REST API and checks that it succeeded, that crawl
tasks ran on both workers, and that the articles are in S3; it prints which worker ran which task.

Always skipped by plain ``make test`` (it installs and starts database servers and takes minutes);
``make test-distributed`` runs it with ``NEWSLAKE_DISTRIBUTED=1``.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn
from urllib.parse import quote

import pytest
from distributed_servers import S3, Postgres, Redis, free_port, stop_group

pytestmark = pytest.mark.skipif(
    os.environ.get("NEWSLAKE_DISTRIBUTED") != "1",
    reason="starts PostgreSQL, Redis and a Celery cluster: run `make test-distributed`",
)

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
AIRFLOW = [sys.executable, "-m", "airflow"]  # this interpreter: `uv run --with asyncpg` adds a package
WORKERS = ("worker1", "worker2")
SOURCES = ("wire-rss-a", "wire-rss-b", "wire-atom-a", "wire-atom-b")
RUN_DEADLINE = 600  # seconds from trigger to a finished run; about a minute and a half here


def call(method: str, url: str, body: dict[str, Any] | None = None) -> Any:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read() or b"null")


@dataclass
class Cluster:
    base: str
    logs: Path
    broker: str
    processes: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)
    pids: list[int] = field(default_factory=list)

    def wait_for(self, what: str, probe: Callable[[], Any], seconds: float) -> Any:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            exited = [name for name, process in self.processes.items() if process.poll() is not None]
            if exited:
                self.fail(f"{what}: {', '.join(exited)} exited")
            try:
                found = probe()
            except (urllib.error.URLError, OSError):
                found = None
            if found:
                return found
            time.sleep(1)
        return self.fail(f"{what}: not within {seconds}s")

    def fail(self, message: str) -> NoReturn:
        tails = {p.name: p.read_text("utf-8", "replace")[-3000:] for p in sorted(self.logs.glob("*.log"))}
        pytest.fail(f"{message}; component logs: {json.dumps(tails, indent=1)}")


class MemorySampler:
    """Peak of the summed PSS (shared pages counted once) of the given process trees, every 2 s."""

    def __init__(self, pids: list[int]) -> None:
        self.pids, self.peak_bytes, self.peak_processes = pids, 0, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> MemorySampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=10)

    def _run(self) -> None:
        import psutil  # type: ignore[import-untyped]  # noqa: PLC0415 - dev dependency, only for this figure

        while not self._stop.is_set():
            total, count = 0, 0
            for pid in self.pids:
                try:
                    leader = psutil.Process(pid)
                    for process in [leader, *leader.children(recursive=True)]:
                        total += process.memory_full_info().pss
                        count += 1
                except psutil.Error:
                    continue
            if total > self.peak_bytes:
                self.peak_bytes, self.peak_processes = total, count
            self._stop.wait(2)


@pytest.fixture
def sources_file(tmp_path: Path, wire_site: Any) -> Path:
    """Four sources in two sites: the wire site's RSS and Atom feeds as 127.0.0.1 (-a) and as localhost (-b)."""
    lines = ["sources:"]
    for source_id in SOURCES:
        feed = "rss.xml" if "rss" in source_id else "atom.xml"
        base = wire_site.base_url if source_id.endswith("-a") else wire_site.base_url.replace("127.0.0.1", "localhost")
        lines += [
            f"  - id: {source_id}",
            "    kind: feed",
            f'    urls: ["{base}/{feed}"]',
            "    timezone: Asia/Shanghai",
            "    delay: 0",
            "    concurrency: 4",
        ]
    path = tmp_path / "sources.yaml"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


@pytest.fixture
def cluster(tmp_path: Path, postgres: Postgres, redis: Redis, s3: S3, sources_file: Path) -> Iterator[Cluster]:
    """Airflow on the CeleryExecutor: api-server, scheduler, dag-processor, triggerer, two workers."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    logs = tmp_path / "logs"
    logs.mkdir()
    connection = {
        "conn_type": "aws",
        "login": "testing",
        "password": "testing",
        "extra": {"endpoint_url": s3.endpoint, "region_name": "us-east-1"},
    }
    # No AWS_* variables: the lake must be reached through the Airflow connection alone.
    env = {key: value for key, value in os.environ.items() if not key.startswith(("AIRFLOW", "AWS_"))}
    env.update(
        {
            "AIRFLOW_HOME": str(tmp_path / "airflow"),
            "AIRFLOW__CORE__DAGS_FOLDER": str(ROOT / "dags"),
            "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
            "AIRFLOW__CORE__EXECUTOR": "CeleryExecutor",
            "AIRFLOW__CORE__PARALLELISM": "4",
            "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": postgres.url,
            "AIRFLOW__CELERY__BROKER_URL": redis.url,
            "AIRFLOW__CELERY__RESULT_BACKEND": "db+" + postgres.url,  # +psycopg2: SQLAlchemy 2.1 defaults to psycopg 3
            "AIRFLOW__CELERY__WORKER_CONCURRENCY": "1",
            "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_ALL_ADMINS": "True",
            "AIRFLOW__CORE__EXECUTION_API_SERVER_URL": f"{base}/execution/",
            "AIRFLOW__API__HOST": "127.0.0.1",
            "AIRFLOW__API__PORT": str(port),
            "AIRFLOW__API__WORKERS": "1",
            "AIRFLOW__API_AUTH__JWT_SECRET": secrets.token_hex(48),
            "AIRFLOW__DAG_PROCESSOR__REFRESH_INTERVAL": "5",
            "AIRFLOW__SCHEDULER__SCHEDULER_HEARTBEAT_SEC": "1",
            "AIRFLOW_CONN_NEWSLAKE_S3": json.dumps(connection),
            "AWS_EC2_METADATA_DISABLED": "true",
            "NEWSLAKE_AWS_CONN_ID": "newslake_s3",
            "NEWSLAKE_LAKE": f"s3://{s3.bucket}/news",
            "NEWSLAKE_SOURCES": str(sources_file),
            "NEWSLAKE_SCHEDULE": "none",  # only the run this test triggers
            "NEWSLAKE_AIRFLOW_API_URL": base,
        }
    )
    airflow_cli(["db", "migrate"], env, 300)
    airflow_cli(["pools", "set", "newslake_crawl", "4", "concurrent newslake crawls"], env, 120)
    commands: dict[str, tuple[list[str], dict[str, str]]] = {
        "api-server": ([*AIRFLOW, "api-server", "--host", "127.0.0.1", "--port", str(port)], {}),
        "scheduler": ([*AIRFLOW, "scheduler", "--skip-serve-logs"], {}),
        "dag-processor": ([*AIRFLOW, "dag-processor"], {}),
        "triggerer": ([*AIRFLOW, "triggerer", "--skip-serve-logs"], {}),
    }
    for worker in WORKERS:
        # --skip-serve-logs: the worker's log server would listen on every interface (it has no
        # host setting); the api-server reads the task logs from the shared AIRFLOW_HOME instead.
        command = [*AIRFLOW, "celery", "worker", "--celery-hostname", f"{worker}@%h", "--skip-serve-logs"]
        own = {
            "NEWSLAKE_TEST_WORKER": worker,
            "AIRFLOW__CORE__HOSTNAME_CALLABLE": "worker_hostname.celery_hostname",
            "PYTHONPATH": os.pathsep.join(filter(None, [str(HERE), env.get("PYTHONPATH")])),
        }
        commands[worker] = (command, own)
    processes: dict[str, subprocess.Popen[bytes]] = {}
    try:
        for name, (command, own) in commands.items():
            with (logs / f"{name}.log").open("wb") as log:
                processes[name] = subprocess.Popen(
                    command, env=env | own, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
                )
        pids = [process.pid for process in processes.values()] + [*postgres.pids, *redis.pids, *s3.pids]
        yield Cluster(base, logs, redis.url, processes, pids)
    finally:
        for process in processes.values():
            stop_group(process)


def listeners(pids: list[int]) -> set[str]:
    """``name ip:port`` of every listening TCP socket in the given process trees."""
    import psutil  # noqa: PLC0415 - dev dependency

    found = set()
    for pid in pids:
        leader = psutil.Process(pid)
        for process in [leader, *leader.children(recursive=True)]:
            with contextlib.suppress(psutil.Error):
                for socket in process.net_connections(kind="inet"):
                    if socket.status == psutil.CONN_LISTEN:
                        found.add(f"{process.name()} {socket.laddr.ip}:{socket.laddr.port}")
    return found


def airflow_cli(arguments: list[str], env: dict[str, str], seconds: float) -> None:
    done = subprocess.run([*AIRFLOW, *arguments], env=env, capture_output=True, timeout=seconds, check=False)
    if done.returncode:
        output = (done.stdout + done.stderr).decode("utf-8", "replace")[-4000:]
        pytest.fail(f"airflow {' '.join(arguments)} failed ({done.returncode}): {output}")


def workers_ready(broker: str) -> bool:
    """Both workers answer a Celery ping through the broker."""
    from celery import Celery  # type: ignore[import-untyped]  # noqa: PLC0415

    app = Celery(broker=broker)
    try:
        answers = app.control.ping(timeout=2) or []
    finally:
        app.close()
    names = {name.split("@")[0] for answer in answers for name in answer}
    return set(WORKERS) <= names


def articles_in_s3(s3: S3) -> tuple[list[str], dict[str, int]]:
    """The articles table's data files under the lake prefix, and its article rows per source."""
    import deltalake  # noqa: PLC0415

    options = {
        "AWS_ENDPOINT_URL": s3.endpoint,
        "AWS_ALLOW_HTTP": "true",
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",  # moto accepts any key
        "AWS_REGION": "us-east-1",
    }
    table = deltalake.DeltaTable(f"s3://{s3.bucket}/news/articles", storage_options=options)
    per_source: dict[str, int] = {}
    for source_id in table.to_pyarrow_table(columns=["source_id"]).column("source_id").to_pylist():
        per_source[source_id] = per_source.get(source_id, 0) + 1
    return table.file_uris(), per_source


@pytest.mark.timeout(1200)
def test_news_ingest_runs_on_two_celery_workers(cluster: Cluster, s3: S3) -> None:
    api = f"{cluster.base}/api/v2"
    started = time.monotonic()
    with MemorySampler(cluster.pids) as memory:
        cluster.wait_for("the API server", lambda: call("GET", f"{api}/monitor/health"), 180)
        cluster.wait_for("news_ingest parsed", lambda: call("GET", f"{api}/dags/news_ingest"), 180)
        cluster.wait_for("both Celery workers", lambda: workers_ready(cluster.broker), 180)
        ready = time.monotonic()

        call("PATCH", f"{api}/dags/news_ingest", {"is_paused": False})
        conf: dict[str, Any] = {"sources": [], "max_pages": None, "recrawl": False, "since": None}
        run_id = call("POST", f"{api}/dags/news_ingest/dagRuns", {"logical_date": None, "conf": conf})["dag_run_id"]
        run_url = f"{api}/dags/news_ingest/dagRuns/{quote(run_id, safe='')}"

        def finished() -> dict[str, Any] | None:
            run: dict[str, Any] = call("GET", run_url)
            return run if run["state"] in {"success", "failed"} else None

        run = cluster.wait_for("the triggered run", finished, RUN_DEADLINE)
        done = time.monotonic()
        listening = listeners(cluster.pids)
    instances = call("GET", f"{run_url}/taskInstances?limit=100")["task_instances"]
    keys, per_source = articles_in_s3(s3)

    print(f"\n== news_ingest {run_id} on the CeleryExecutor: {run['state']} ==")
    print(f"cluster up in {ready - started:.0f} s, run took {done - ready:.0f} s")
    print(f"peak memory of all servers: {memory.peak_bytes / 2**20:.0f} MiB PSS in {memory.peak_processes} processes")
    print("listening:", ", ".join(sorted(listening)))
    for ti in sorted(instances, key=lambda ti: (ti["start_date"] or "", ti["task_id"], ti["map_index"])):
        label = ti["task_id"] + (f"[{ti['rendered_map_index'] or ti['map_index']}]" if ti["map_index"] >= 0 else "")
        print(f"  {label:28} {ti['state']:10} on {ti['hostname']}")
    print(f"articles in s3://{s3.bucket}/news/articles/: {len(keys)} file(s), rows per source {per_source}")

    assert all(" 127.0.0.1:" in line for line in listening), listening
    states = {(ti["task_id"], ti["map_index"]): ti["state"] for ti in instances}
    assert run["state"] == "success", states
    crawls = [ti for ti in instances if ti["task_id"] == "crawl.site"]
    assert sorted(ti["rendered_map_index"] for ti in crawls) == [
        "127.0.0.1 (wire-rss-a, wire-atom-a)",
        "localhost (wire-rss-b, wire-atom-b)",
    ]
    assert {ti["hostname"].split("@")[0] for ti in crawls} == set(WORKERS), "crawls did not spread over both workers"
    assert run["note"].splitlines()[0] == f"### Source health: all {len(SOURCES)} sources healthy"
    assert keys, "no article files in S3"
    assert set(per_source) == set(SOURCES)
