"""Faults a production run meets: killed processes, a store that goes away, leaked secrets."""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import boto3
import duckdb
import pytest
from support.tcp_proxy import SwitchableProxy

from newslake.cli import main
from newslake.site_server import serve_site
from transforms.edge.lake import LakeError, open_lake
from transforms.edge.stages import process_stage
from transforms.sources import load_sources

WIRE = Path(__file__).resolve().parents[1] / "fixtures" / "sites" / "wire"
NEWSLAKE = str(Path(sys.executable).with_name("newslake"))


def article_rows(lake: Path) -> list[tuple[Any, ...]]:
    return sorted(
        duckdb.sql(
            f"SELECT article_id, url, text, cluster_id, is_canonical FROM read_parquet('{lake}/articles/*/*.parquet')"
        ).fetchall()
    )


def test_a_run_killed_at_any_point_and_rerun_leaves_the_same_lake_as_an_uninterrupted_run(
    wire_sources: Path, tmp_path: Path
) -> None:
    with serve_site(WIRE) as site:
        sources = tmp_path / "sources.yaml"
        sources.write_text(wire_sources.read_text("utf-8").replace(_base_of(wire_sources), site.base_url), "utf-8")
        args = ["run", "--sources", str(sources), "--run-id", "r1", "--dt", "2026-04-17"]
        assert main([*args, "--lake", str(tmp_path / "clean")]) == 0
        expected = article_rows(tmp_path / "clean")
        for seconds in (1.0, 2.5, 4.0):
            lake = tmp_path / f"killed-{seconds}"
            site.delay_seconds = 0.15  # slow enough that the kill lands mid-crawl or mid-process
            child = subprocess.Popen(
                [NEWSLAKE, *args, "--lake", str(lake)],
                start_new_session=True,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            time.sleep(seconds)
            os.killpg(child.pid, signal.SIGKILL)
            child.wait()
            site.delay_seconds = 0
            assert not list(lake.rglob("*.tmp-*")), "a killed run must leave no partial files"
            assert main([*args, "--lake", str(lake)]) == 0
            rows = article_rows(lake)
            assert rows == expected
            assert len({row[0] for row in rows}) == len(rows)
    report_peak_memory(f"CLI run killed at 1.0/2.5/4.0 s, {len(expected)} articles each time")


def report_peak_memory(what: str) -> None:
    """Print the peak resident memory of this process and of its largest child so far (for docs/reliability.md)."""
    self_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"{what}: peak RSS {self_mb:.0f} MB in the test process, {child_mb:.0f} MB in its largest child")


def _base_of(sources: Path) -> str:
    url = sources.read_text("utf-8").split('urls: ["', 1)[1].split('"', 1)[0]
    return url.rsplit("/", 1)[0]


@pytest.fixture
def proxy(s3_endpoint: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[SwitchableProxy]:
    relay = SwitchableProxy(s3_endpoint)
    monkeypatch.setenv("AWS_ENDPOINT_URL", relay.url)
    yield relay
    relay.close()


def test_a_store_that_goes_down_mid_run_fails_cleanly_and_the_rerun_completes(
    wire_sources: Path, s3_lake: str, s3_endpoint: str, proxy: SwitchableProxy, capsys: pytest.CaptureFixture[str]
) -> None:
    common = ["--sources", str(wire_sources), "--lake", s3_lake, "--run-id", "r1", "--dt", "2026-04-17"]
    assert main(["crawl", *common]) == 0
    lake = open_lake(s3_lake)
    proxy.cut()
    with pytest.raises(LakeError, match=r"failed .*re-run the same run id once the store is reachable"):
        process_stage(lake, load_sources(wire_sources), "r1", "2026-04-17")
    assert main(["process", *common]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"newslake: lake {s3_lake}: cannot reach the object store")
    assert len(err.splitlines()) == 1
    bucket = s3_lake.removeprefix("s3://").split("/", 1)[0]
    keys = [o["Key"] for o in boto3.client("s3", endpoint_url=s3_endpoint).list_objects_v2(Bucket=bucket)["Contents"]]
    assert not [key for key in keys if "/articles/" in key or "/_work/" in key]
    proxy.up = True
    assert main(["process", *common]) == 0
    assert main(["dedup", *common]) == 0


def test_a_store_down_at_the_start_stops_the_run_with_nothing_written(
    wire_sources: Path, wire_site: Any, tmp_path: Path
) -> None:
    env = {
        **os.environ,
        "AWS_ENDPOINT_URL": "http://127.0.0.1:9",
        "AWS_ACCESS_KEY_ID": "k",
        "AWS_SECRET_ACCESS_KEY": "s",
    }
    wire_site.requests.clear()
    workdir = tmp_path / "work"
    workdir.mkdir()
    out = subprocess.run(
        [NEWSLAKE, "run", "--sources", str(wire_sources), "--lake", "s3://news/lake"],
        capture_output=True,
        text=True,
        env=env,
        timeout=180,
        cwd=workdir,
        check=False,
    )
    assert out.returncode == 2
    assert out.stderr.startswith("newslake: lake s3://news/lake: cannot reach the object store at http://127.0.0.1:9")
    assert wire_site.requests == []
    assert list(workdir.iterdir()) == []


def test_credentials_never_reach_the_lake_or_the_output(wire_sources: Path, s3_lake: str, s3_endpoint: str) -> None:
    canary = f"canary-{uuid.uuid4().hex}"
    env = {**os.environ, "AWS_SECRET_ACCESS_KEY": canary, "AWS_ACCESS_KEY_ID": f"id-{canary}"}
    out = subprocess.run(
        [NEWSLAKE, "run", "--sources", str(wire_sources), "--lake", s3_lake],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=True,
    )
    assert canary not in out.stdout + out.stderr
    bucket = s3_lake.removeprefix("s3://").split("/", 1)[0]
    s3 = boto3.client("s3", endpoint_url=s3_endpoint)
    keys = [o["Key"] for o in s3.list_objects_v2(Bucket=bucket)["Contents"]]
    assert len(keys) >= 5
    for key in keys:
        assert canary.encode() not in s3.get_object(Bucket=bucket, Key=key)["Body"].read(), key


AIRFLOW_TASKS = ("crawl", "process", "dedup")
# What an Airflow worker runs for one try of each task of news_ingest, in order; a line per task done.
TASK_SCRIPT = """
import sys
from newslake import airflow_tasks as tasks
run_id, dt = sys.argv[1], sys.argv[2]
steps = {
    "crawl": lambda: tasks.crawl(tasks.plan(["wire-rss"])[0], run_id, dt, None),
    "process": lambda: tasks.process(run_id, dt),
    "dedup": lambda: tasks.dedup(run_id, dt),
}
for name in sys.argv[3:]:
    steps[name]()
    print("done", name, flush=True)
"""


def _run_tasks(names: list[str], env: dict[str, str], out: Path) -> subprocess.Popen[bytes]:
    run_id = "scheduled__2026-04-17T00:00:00+00:00"  # an Airflow run id, ':' and '+' included
    with out.open("ab") as log:
        return subprocess.Popen(
            [sys.executable, "-c", TASK_SCRIPT, run_id, "2026-04-17", *names],
            env=env,
            stdout=log,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )


def test_an_airflow_task_killed_and_retried_leaves_the_lake_an_uninterrupted_run_leaves(
    wire_sources: Path, tmp_path: Path
) -> None:
    with serve_site(WIRE) as site:
        sources = tmp_path / "sources.yaml"
        sources.write_text(wire_sources.read_text("utf-8").replace(_base_of(wire_sources), site.base_url), "utf-8")
        env = {**os.environ, "NEWSLAKE_SOURCES": str(sources), "NEWSLAKE_LAKE": str(tmp_path / "clean")}
        assert _run_tasks(list(AIRFLOW_TASKS), env, tmp_path / "clean.out").wait(timeout=120) == 0
        expected = article_rows(tmp_path / "clean")
        killed_in = []
        for seconds in (1.0, 3.0, None):  # None: just after the crawl task finished
            lake = tmp_path / f"killed-{seconds}"
            out = tmp_path / f"killed-{seconds}.out"
            env["NEWSLAKE_LAKE"] = str(lake)
            site.delay_seconds = 0.15
            worker = _run_tasks(list(AIRFLOW_TASKS), env, out)
            deadline = time.monotonic() + (seconds or 60)
            while time.monotonic() < deadline and worker.poll() is None:
                if seconds is None and "done crawl" in out.read_text():
                    break
                time.sleep(0.02)
            os.killpg(worker.pid, signal.SIGKILL)  # the worker and its crawl child, as a lost worker would be
            worker.wait()
            site.delay_seconds = 0
            done = [line.split()[1] for line in out.read_text().splitlines() if line.startswith("done ")]
            remaining = [name for name in AIRFLOW_TASKS if name not in done]
            killed_in.append(remaining[0] if remaining else "-")
            assert not list(lake.rglob("*.tmp-*")), "a killed task must leave no partial files"
            # Airflow retries the killed task, then runs the ones after it; finished tasks are not re-run.
            assert _run_tasks(remaining, env, out).wait(timeout=120) == 0
            rows = article_rows(lake)
            assert rows == expected
            assert len({row[0] for row in rows}) == len(rows)
        report_peak_memory(f"Airflow tasks killed during {killed_in}, {len(expected)} articles each time")
