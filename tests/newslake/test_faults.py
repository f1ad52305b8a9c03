"""Faults a production run meets: killed processes, a store that goes away, leaked secrets."""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import Any

import boto3
import pytest
from support.lake_tables import duck
from support.tcp_proxy import SwitchableProxy

from newslake.cli import main
from newslake.site_server import serve_site
from transforms.edge.lake import LakeError, open_lake
from transforms.edge.sources_file import load_sources
from transforms.edge.stages import process_stage

WIRE = Path(__file__).resolve().parents[1] / "fixtures" / "sites" / "wire"
NEWSLAKE = str(Path(sys.executable).with_name("newslake"))


def article_rows(lake: Path) -> list[tuple[Any, ...]]:
    return sorted(
        duck(lake)
        .sql(f"SELECT article_id, url, text, cluster_id, is_canonical FROM delta_scan('{lake}/articles')")
        .fetchall()
    )


def kill_when(child: subprocess.Popen[Any], ready: Callable[[], bool], moment: str) -> None:
    """SIGKILL the child's process group as soon as ``ready()`` holds, and never after the child ended.

    A kill that comes after the run finished would test nothing, so a child that ends before the
    moment fails the test instead of being killed late.
    """
    deadline = time.monotonic() + 120
    while not ready():
        assert child.poll() is None, f"the run ended before {moment}: the kill would not have landed mid-run"
        assert time.monotonic() < deadline, f"{moment} did not come within 120 s"
        time.sleep(0.01)
    assert child.poll() is None, f"the run ended before it could be killed at {moment}"
    os.killpg(child.pid, signal.SIGKILL)
    child.wait()


def parquet_files(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.parquet"))


def test_a_run_killed_at_any_point_and_rerun_leaves_the_same_lake_as_an_uninterrupted_run(
    wire_sources: Path, tmp_path: Path
) -> None:
    with serve_site(WIRE) as site:
        sources = tmp_path / "sources.yaml"
        sources.write_text(wire_sources.read_text("utf-8").replace(_base_of(wire_sources), site.base_url), "utf-8")
        args = ["run", "--sources", str(sources), "--run-id", "r1", "--dt", "2026-04-17"]
        site.requests.clear()
        assert main([*args, "--lake", str(tmp_path / "clean")]) == 0
        expected = article_rows(tmp_path / "clean")
        requests, crawls = len(site.requests), len(parquet_files(tmp_path / "clean" / "fetches"))
        # Two moments: half the crawls' pages fetched, and both crawls written (processing).
        moments: dict[str, Callable[[Path], bool]] = {
            "half-way through the crawls": lambda lake: len(site.requests) >= requests // 2,
            "processing": lambda lake: len(parquet_files(lake / "fetches")) == crawls,
        }
        for number, (moment, ready) in enumerate(moments.items()):
            lake = tmp_path / f"killed-{number}"
            site.requests.clear()
            # Pages slow enough that a kill mid-crawl lands before the crawl ends; the processing
            # moment waits for the crawls to end anyway, so its pages come at full speed.
            site.delay_seconds = 0.15 if moment != "processing" else 0
            child = subprocess.Popen(
                [NEWSLAKE, *args, "--lake", str(lake)],
                start_new_session=True,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            kill_when(child, partial(ready, lake), moment)
            site.delay_seconds = 0
            # The kill landed mid-run: the run had started (pages were served) and never published.
            assert len(site.requests) > 0, moment
            if moment != "processing":
                assert len(site.requests) < requests and len(parquet_files(lake / "fetches")) < crawls, moment
            assert not parquet_files(lake / "runs") and not parquet_files(lake / "articles"), moment
            assert not list(lake.rglob("*.tmp-*")), "a killed run must leave no partial files"
            assert main([*args, "--lake", str(lake)]) == 0
            rows = article_rows(lake)
            assert rows == expected
            assert len({row[0] for row in rows}) == len(rows)
    report_peak_memory(f"CLI run killed {', '.join(moments)}, {len(expected)} articles each time")


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
        site.requests.clear()
        assert _run_tasks(list(AIRFLOW_TASKS), env, tmp_path / "clean.out").wait(timeout=120) == 0
        expected = article_rows(tmp_path / "clean")
        requests = len(site.requests)
        # The crawl task under way, half its pages fetched, and just after it finished (in process).
        moments: dict[str, tuple[str, Callable[[Path], bool]]] = {
            "crawling": ("crawl", lambda out: len(site.requests) >= 2),
            "half-way through the crawl": ("crawl", lambda out: len(site.requests) >= requests // 2),
            "processing": ("process", lambda out: "done crawl" in out.read_text()),
        }
        killed_in = []
        for number, (moment, (task, ready)) in enumerate(moments.items()):
            lake = tmp_path / f"killed-{number}"
            out = tmp_path / f"killed-{number}.out"
            env["NEWSLAKE_LAKE"] = str(lake)
            site.requests.clear()
            site.delay_seconds = 0.15 if task == "crawl" else 0
            worker = _run_tasks(list(AIRFLOW_TASKS), env, out)
            # The worker and its crawl child together, as a lost worker would be.
            kill_when(worker, partial(ready, out), moment)
            site.delay_seconds = 0
            done = [line.split()[1] for line in out.read_text().splitlines() if line.startswith("done ")]
            remaining = [name for name in AIRFLOW_TASKS if name not in done]
            # The kill landed in the task the moment names, with pages served and nothing published.
            assert remaining and remaining[0] == task, (moment, done)
            assert len(site.requests) > 0 and not parquet_files(lake / "articles"), moment
            killed_in.append(task)
            assert not list(lake.rglob("*.tmp-*")), "a killed task must leave no partial files"
            # Airflow retries the killed task, then runs the ones after it; finished tasks are not re-run.
            assert _run_tasks(remaining, env, out).wait(timeout=120) == 0
            rows = article_rows(lake)
            assert rows == expected
            assert len({row[0] for row in rows}) == len(rows)
        report_peak_memory(f"Airflow tasks killed during {killed_in}, {len(expected)} articles each time")
