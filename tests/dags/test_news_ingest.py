"""A full ``dag.test()`` of news_ingest: real Airflow, real crawl over HTTP, lake on S3."""

from __future__ import annotations

import io
import json
from pathlib import Path

import boto3
import pyarrow.parquet as pq
import pytest

DAGS = Path(__file__).resolve().parents[2] / "dags"
WIRE = Path(__file__).resolve().parents[1] / "fixtures" / "sites" / "wire"


@pytest.mark.usefixtures("airflow_db")
def test_news_ingest_crawls_the_site_into_s3(
    wire_sources: Path, s3_lake: str, s3_endpoint: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEWSLAKE_SOURCES", str(wire_sources))
    monkeypatch.setenv("NEWSLAKE_LAKE", s3_lake)
    from airflow.dag_processing.dagbag import DagBag  # noqa: PLC0415

    dag = DagBag(dag_folder=str(DAGS / "news_ingest.py")).dags["news_ingest"]
    run = dag.test()
    assert run.state == "success"

    bucket, prefix = s3_lake.removeprefix("s3://").split("/", 1)
    s3 = boto3.client("s3", endpoint_url=s3_endpoint)
    keys = [o["Key"] for o in s3.list_objects_v2(Bucket=bucket)["Contents"]]
    (articles_key,) = [k for k in keys if k.startswith(f"{prefix}/articles/")]
    table = pq.read_table(io.BytesIO(s3.get_object(Bucket=bucket, Key=articles_key)["Body"].read()))
    expected = json.loads((WIRE / "expected.json").read_text("utf-8"))
    assert table.num_rows == len(expected["articles"])
    assert set(table.column("run_id").to_pylist()) == {run.run_id}
    assert any(k.startswith(f"{prefix}/runs/") for k in keys)
    assert sorted(k.split("/")[2] for k in keys if k.startswith(f"{prefix}/fetches/")) == [
        "source=wire-atom",
        "source=wire-rss",
    ]
