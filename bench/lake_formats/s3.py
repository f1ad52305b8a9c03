"""Delta and plain Parquet on S3: moto's server on 127.0.0.1, reached as AWS or MinIO would be.

Delta commits on S3 with conditional writes (put-if-absent on the log entry); this checks that
concurrent appends from spawned processes land whole through a real HTTP endpoint, and that
DuckDB reads the table through httpfs with a secret, offline.
"""

from __future__ import annotations

import logging
import statistics
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import boto3
import pyarrow.compute as pc
from deltalake import write_deltalake
from moto.server import ThreadedMotoServer

from bench.lake_formats.formats import PARQUET_OPTIONS, Delta
from bench.lake_formats.readers import connect
from bench.lake_formats.rows import Shape, all_runs, articles
from bench.lake_formats.trials import SPAWN, _one_run_of_articles

KEY, SECRET, REGION = "testing", "testing", "us-east-1"


class _RequestCount(logging.Handler):
    """Counts the HTTP requests moto's server answers (its access log)."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


@contextmanager
def moto_endpoint() -> Iterator[str]:
    access_log = logging.getLogger("werkzeug")
    access_log.setLevel(logging.INFO)
    access_log.propagate = False
    access_log.handlers = [REQUESTS]

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    try:
        yield f"http://{host}:{port}"
    finally:
        server.stop()


REQUESTS = _RequestCount()


def put_if_absent_honoured(client: Any) -> bool:
    """Whether the endpoint refuses a second put-if-absent of one key, which Delta's S3 commit relies on."""
    client.put_object(Bucket="lake", Key="probe", Body=b"1", IfNoneMatch="*")
    try:
        client.put_object(Bucket="lake", Key="probe", Body=b"2", IfNoneMatch="*")
    except client.exceptions.ClientError as error:
        return "PreconditionFailed" in str(error) or "412" in str(error)
    return False


def storage_options(endpoint: str) -> dict[str, str]:
    return {
        "AWS_ENDPOINT_URL": endpoint,
        "AWS_ALLOW_HTTP": "true",
        "AWS_ACCESS_KEY_ID": KEY,
        "AWS_SECRET_ACCESS_KEY": SECRET,
        "AWS_REGION": REGION,
    }


def _s3_writer(uri: str, endpoint: str, worker: int, commits: int, barrier: Any, results: Any) -> None:
    layout = Delta(uri, storage_options(endpoint))
    batches = [(f"w{worker}-c{c}", _one_run_of_articles(f"w{worker}-c{c}", 20)) for c in range(commits)]
    barrier.wait()
    retries = errors = 0
    messages: list[str] = []
    for run_id, data in batches:
        try:
            retries += layout.write("articles", data, run_id, replace=False)
        except Exception as error:  # every failure is a measured outcome here
            errors += 1
            messages.append(f"{type(error).__name__}: {str(error).splitlines()[0][:160]}")
    results.put({"retries": retries, "errors": errors, "messages": messages})


def s3_trial(shape: Shape, writers: int, commits: int) -> dict[str, Any]:
    """Sequential run commits, a rerun, concurrent appends and a DuckDB read, all against moto."""
    with moto_endpoint() as endpoint:
        client = boto3.client(
            "s3", endpoint_url=endpoint, aws_access_key_id=KEY, aws_secret_access_key=SECRET, region_name=REGION
        )
        client.create_bucket(Bucket="lake")
        honoured = put_if_absent_honoured(client)
        layout = Delta("s3://lake/delta", storage_options(endpoint))
        wall, requests = [], []
        runs = all_runs(shape)
        for run in runs:
            data = articles(run, shape)
            started, before = time.perf_counter(), REQUESTS.count
            layout.write("articles", data, run.run_id, replace=False)
            wall.append(time.perf_counter() - started)
            requests.append(REQUESTS.count - before)
        started = time.perf_counter()
        layout.write("articles", articles(runs[-1], shape), runs[-1].run_id, replace=True)
        rerun_ms = 1000 * (time.perf_counter() - started)
        sequential_rows = layout.read("articles", ["article_id"]).num_rows

        concurrent = Delta("s3://lake/concurrent", storage_options(endpoint))
        empty = _one_run_of_articles("seed", 1).slice(0, 0)
        write_deltalake(
            concurrent.uri("articles"),
            empty,
            partition_by=["dt"],
            mode="append",
            storage_options=storage_options(endpoint),
            writer_properties=PARQUET_OPTIONS,
        )
        barrier, results = SPAWN.Barrier(writers + 1), SPAWN.Queue()
        processes = [
            SPAWN.Process(target=_s3_writer, args=("s3://lake/concurrent", endpoint, w, commits, barrier, results))
            for w in range(writers)
        ]
        for process in processes:
            process.start()
        barrier.wait()
        started = time.perf_counter()
        outcomes = [results.get(timeout=600) for _ in processes]
        concurrent_s = time.perf_counter() - started
        for process in processes:
            process.join()
        ids = concurrent.read("articles", ["article_id"])["article_id"]

        connection = connect("httpfs", "delta")
        host = endpoint.removeprefix("http://")
        connection.execute(
            f"CREATE SECRET lake (TYPE s3, KEY_ID '{KEY}', SECRET '{SECRET}', REGION '{REGION}', "
            f"ENDPOINT '{host}', URL_STYLE 'path', USE_SSL false)"
        )
        started = time.perf_counter()
        duckdb_rows = connection.execute("SELECT count(*) FROM delta_scan('s3://lake/delta/articles')").fetchone()
        duckdb_ms = 1000 * (time.perf_counter() - started)
        return {
            "runs": len(runs),
            "median_ms": 1000 * statistics.median(wall),
            "put_if_absent_honoured": honoured,
            "median_requests": statistics.median(requests),
            "rerun_ms": rerun_ms,
            "rows": sequential_rows,
            "expected_rows": len(runs) * shape.articles,
            "concurrent_s": concurrent_s,
            "concurrent_retries": sum(o["retries"] for o in outcomes),
            "concurrent_errors": sum(o["errors"] for o in outcomes),
            "concurrent_messages": sorted({m for o in outcomes for m in o["messages"]})[:3],
            "concurrent_rows": len(ids),
            "concurrent_distinct": len(pc.unique(ids)),
            "concurrent_expected": writers * commits * 20,
            "duckdb_rows": duckdb_rows[0] if duckdb_rows else None,
            "duckdb_ms": duckdb_ms,
        }


def smoke() -> None:
    print(s3_trial(Shape(sources=2, fetches_per_source=2, articles=20, days=1, runs_per_day=3), 2, 2))


if __name__ == "__main__":
    smoke()
