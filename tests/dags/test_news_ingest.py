"""Full ``dag.test()`` runs of the DAGs: real Airflow, real crawls over HTTP, the lake on S3 or a folder."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import boto3
import pytest
from support.lake_tables import table_rows

from newslake.site_server import serve_site

DAGS = Path(__file__).resolve().parents[2] / "dags"
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "sites"
EXPECTED = json.loads((FIXTURES / "wire" / "expected.json").read_text("utf-8"))
LOGICAL = datetime(2026, 4, 17, 10, tzinfo=UTC)
BROKEN_LOGICAL = datetime(2026, 4, 17, 11, tzinfo=UTC)  # another run: the metadata DB lives for the session
# Columns that record when something happened; everything else must be equal after a rerun.
MOMENTS = {"fetched_at", "started_at", "finished_at", "stage_seconds", "headers"}


def load_dag(dag_id: str) -> Any:
    from airflow.dag_processing.dagbag import DagBag  # noqa: PLC0415 - after conftest set AIRFLOW_HOME

    return DagBag(dag_folder=str(DAGS)).dags[dag_id]


def task_states(run: Any) -> dict[str, str]:
    return {
        ti.task_id if ti.map_index < 0 else f"{ti.task_id}[{ti.map_index}]": ti.state for ti in run.get_task_instances()
    }


TABLES = ("fetches", "_work/extracted", "rejects", "articles", "dedup_index", "runs")


def snapshot(lake: str) -> dict[str, list[dict[str, Any]]]:
    """Every table's rows as a reader sees them, without time columns, in a stable order."""
    return {
        table: sorted(({k: v for k, v in row.items() if k not in MOMENTS} for row in table_rows(lake, table)), key=repr)
        for table in TABLES
    }


def by_id(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(rows, key=lambda row: row["article_id"])


@pytest.mark.usefixtures("airflow_db")
def test_ingest_rerun_reprocess_and_the_analyst_digest_on_s3(
    wire_sources: Path,
    s3_lake: str,
    s3_endpoint: str,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    monkeypatch.setenv("NEWSLAKE_SOURCES", str(wire_sources))
    monkeypatch.setenv("NEWSLAKE_LAKE", s3_lake)
    bucket, prefix = s3_lake.removeprefix("s3://").split("/", 1)
    s3 = boto3.client("s3", endpoint_url=s3_endpoint)
    ingest = load_dag("news_ingest")

    run = ingest.test(logical_date=LOGICAL, run_after=LOGICAL)
    assert run.state == "success", task_states(run)
    first = snapshot(s3_lake)
    assert len(first["articles"]) == len(EXPECTED["articles"])
    assert {row["run_id"] for row in first["articles"]} == {run.run_id}
    assert {row["dt"] for row in first["articles"]} == {"2026-04-17"}
    assert sorted({row["source"] for row in first["fetches"]}) == ["wire-atom", "wire-rss"]
    assert {row["run_id"] for table in TABLES for row in first[table]} == {run.run_id}
    keys = [o["Key"] for o in s3.list_objects_v2(Bucket=bucket)["Contents"]]
    (report_key,) = [k for k in keys if k.startswith(f"{prefix}/reports/dt=2026-04-17/")]
    assert report_key.endswith(".html")
    runs = table_rows(s3_lake, "runs")
    assert {row["source_id"]: row["articles"] for row in runs} == {"wire-atom": 3, "wire-rss": 10}
    assert {stage for stage, _ in runs[0]["stage_seconds"]} == {"crawl", "process", "dedup"}

    # Clear and run the same DAG run again: the same rows, none twice.
    again = ingest.test(logical_date=LOGICAL, run_after=LOGICAL)
    assert (again.run_id, again.state) == (run.run_id, "success")
    assert snapshot(s3_lake) == first

    # Reprocess the day from the stored fetches: nothing crawled, articles unchanged.
    articles_before = by_id(table_rows(s3_lake, "articles"))
    # The form's defaults (empty dates): the latest day that has fetches, said in the log.
    with caplog.at_level("INFO", logger="newslake.reprocess_tasks"):
        reprocessed = load_dag("news_reprocess").test()
    assert reprocessed.state == "success", task_states(reprocessed)
    assert "reprocessing dt=2026-04-17 (1 runs)" in caplog.messages
    assert snapshot(s3_lake) == first
    assert by_id(table_rows(s3_lake, "articles")) == articles_before

    # The analyst's DAG reads the latest day with DuckDB's delta_scan over S3.
    digest_run = load_dag("example_analyst_daily_digest").test()
    assert digest_run.state == "success", task_states(digest_run)
    from newslake.analyst_digest import daily_digest  # noqa: PLC0415

    digest = daily_digest()
    assert (digest["dt"], digest["copies"]) == ("2026-04-17", len(EXPECTED["articles"]))
    assert digest["copies_by_source"] == {"wire-rss": 10, "wire-atom": 3}
    assert digest["stories"] == sum(row["is_canonical"] for row in articles_before) <= digest["copies"]

    # The freshness check reads the articles Asset's latest update: just now, so fresh...
    with caplog.at_level("INFO"):
        fresh = load_dag("news_freshness").test()
    assert fresh.state == "success", task_states(fresh)
    assert any(m.startswith("articles are fresh: last updated") and "0 h 0" in m for m in caplog.messages)
    # ...and late once the limit is shorter than its age.
    monkeypatch.setenv("NEWSLAKE_MAX_STALENESS_HOURS", "0")
    late = load_dag("news_freshness").test(logical_date=datetime.now(UTC))
    assert late.state == "failed", task_states(late)


@pytest.mark.usefixtures("airflow_db")
def test_health_fails_the_run_naming_each_broken_source_and_its_likely_cause(
    tmp_path: Path, wire_sources: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with serve_site(FIXTURES / "broken") as broken:
        sources = tmp_path / "broken-sources.yaml"
        wire_rss = wire_sources.read_text("utf-8").split("  - id: wire-atom")[0]
        sources.write_text(
            wire_rss
            + "".join(
                f'  - id: {name}\n    kind: feed\n    urls: ["{broken.base_url}/{name}.xml"]\n    delay: 0\n'
                for name in ("empty", "redesigned", "blocked")
            ),
            "utf-8",
        )
        monkeypatch.setenv("NEWSLAKE_SOURCES", str(sources))
        monkeypatch.setenv("NEWSLAKE_LAKE", str(tmp_path / "lake"))
        run = load_dag("news_ingest").test(logical_date=BROKEN_LOGICAL, run_after=BROKEN_LOGICAL)

    states = task_states(run)
    assert run.state == "failed"
    assert states["check.health"] == "failed"
    assert states["check.crawls"] == "success"  # every crawl worked: only the yield tells
    assert states["publish.report"] == "success"
    (report,) = (tmp_path / "lake" / "reports" / "dt=2026-04-17").glob("*.html")
    html = report.read_text("utf-8")
    lines = sorted({line for line in html.replace("</li>", "\n").split(">") if "FAILED" in line})
    assert [line.split("\n")[0] for line in lines] == [
        "blocked: FAILED, 0 articles (no earlier runs): HTTP 403 on 2 requests — blocked?",
        "empty: FAILED, 0 articles (no earlier runs): feed empty: no article links discovered",
        "redesigned: FAILED, 0 articles (no earlier runs): "
        "all 3 fetched pages rejected as not_article — template change?",
    ]
    assert "wire-rss: ok, 10 articles (no earlier runs)" in html


UNKNOWN_LOGICAL = datetime(2026, 4, 17, 13, tzinfo=UTC)  # a run of its own (test_run_plan takes 12:00)


@contextmanager
def webhook() -> Iterator[tuple[str, list[dict[str, Any]]]]:
    """An HTTP endpoint on 127.0.0.1 that records the JSON bodies POSTed to it."""
    received: list[dict[str, Any]] = []

    class Receiver(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            received.append(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", received
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.usefixtures("airflow_db")
def test_an_unknown_source_id_fails_the_plan_once_and_nothing_after_it_runs(
    tmp_path: Path, wire_sources: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from airflow.models.asset import AssetEvent  # noqa: PLC0415
    from airflow.utils.session import create_session  # noqa: PLC0415

    monkeypatch.setenv("NEWSLAKE_SOURCES", str(wire_sources))
    monkeypatch.setenv("NEWSLAKE_LAKE", str(tmp_path / "lake"))
    conf = {"sources": ["wire-rss", "morning-breeze-fr"]}
    with webhook() as (url, received), caplog.at_level("INFO"):
        # A failed run alerts through Airflow's HTTP notifier (docs/operations.md), here to a local receiver.
        monkeypatch.setenv("NEWSLAKE_ALERT_HTTP_CONN_ID", "newslake_alerts")
        monkeypatch.setenv("AIRFLOW_CONN_NEWSLAKE_ALERTS", url)
        run = load_dag("news_ingest").test(logical_date=UNKNOWN_LOGICAL, run_after=UNKNOWN_LOGICAL, run_conf=conf)
    assert [body["text"] for body in received] == [
        f"newslake: news_ingest run {run.run_id} failed (task_failure); its note and failed tasks are in Airflow"
    ]

    instances = {ti.task_id: ti for ti in run.get_task_instances()}
    assert run.state == "failed"
    assert (instances["plan"].state, instances["plan"].try_number) == ("failed", 1)  # a typo is not retried
    ran = {task_id: ti.state for task_id, ti in instances.items() if ti.state not in {"upstream_failed", "skipped"}}
    assert ran == {"plan": "failed"}
    assert not (tmp_path / "lake" / "runs").exists()
    assert not (tmp_path / "lake" / "fetches").exists()
    with create_session() as session:
        events = session.query(AssetEvent).filter(AssetEvent.source_run_id == run.run_id).all()
    assert events == []
    # The plan's log names the unknown id (the run note, written through the API, is checked in test_rest_trigger).
    assert any("plan failed" in r.getMessage() and "'morning-breeze-fr'" in r.getMessage() for r in caplog.records)
