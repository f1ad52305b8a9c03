"""A connection dropped half-way through a commit to S3 is retried and the rows land whole.

The store is moto's S3 server on 127.0.0.1 behind a TCP relay that drops exactly one
connection once enough request bytes have passed through it, as a flaky network does. The
commit goes through ``Lake.commit`` unchanged, so Delta's object store client decides on
its own how to retry (a large data file goes up in parts).
"""

from __future__ import annotations

import hashlib
import random
import resource
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

import boto3
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from support.tcp_proxy import SwitchableProxy

from transforms.edge.lake import open_lake

MIB = 1024 * 1024


@pytest.fixture
def flaky_network(s3_endpoint: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[SwitchableProxy]:
    relay = SwitchableProxy(s3_endpoint)
    monkeypatch.setenv("AWS_ENDPOINT_URL", relay.url)
    yield relay
    relay.close()


def parquet_of(path: Path, mebibytes: int) -> Path:
    """A Parquet file of about ``mebibytes`` MiB of incompressible bodies, as a big fetches file is."""
    noise = random.Random(mebibytes)  # noqa: S311 - filler bytes, not a secret
    schema = pa.schema([("body", pa.large_binary())])
    with pq.ParquetWriter(path, schema, compression="zstd") as writer:
        for _ in range(mebibytes):  # a row group at a time, never the whole file in memory
            writer.write_table(pa.table({"body": pa.array([noise.randbytes(MIB)], pa.large_binary())}))
    return path


def sha256(chunks: Iterable[bytes]) -> str:
    digest = hashlib.sha256()
    for chunk in chunks:
        digest.update(chunk)
    return digest.hexdigest()


BODIES = pa.schema([("body", pa.large_binary())])


@pytest.mark.parametrize(
    ("mebibytes", "drop_after"),
    [(2, 512 * 1024), (101, 3 * MIB)],
    ids=["small", "large"],
)
def test_a_commit_whose_connection_drops_is_retried_and_lands_whole(
    mebibytes: int,
    drop_after: int,
    flaky_network: SwitchableProxy,
    s3_lake: str,
    s3_endpoint: str,
    tmp_path: Path,
) -> None:
    local = parquet_of(tmp_path / "fetches.parquet", mebibytes)
    expected = sha256(row.as_py() for batch in pq.ParquetFile(local).iter_batches() for row in batch["body"])
    lake = open_lake(s3_lake)
    flaky_network.drop_once_after(drop_after)
    started = time.monotonic()
    lake.commit("fetches", BODIES, {"dt": "2026-05-02"}, "r1", local, scope={"source": "s"})
    seconds = time.monotonic() - started
    assert flaky_network.dropped == 1, "the fault was not injected"
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{mebibytes} MiB commit, one connection dropped: {seconds:.2f} s, "
        f"{flaky_network.connections} connections, peak RSS of the test process {peak_mb:.0f} MB"
    )
    stored = open_lake(s3_lake)
    files = stored.files("fetches", run_id="r1")
    bodies = (row["body"] for path in files for row in stored.iter_rows(path, batch_size=1, run_id="r1"))
    assert sha256(bodies) == expected
    bucket = s3_lake.removeprefix("s3://").split("/", 1)[0]
    s3 = boto3.client("s3", endpoint_url=s3_endpoint)  # straight to the store, not through the relay
    assert not s3.list_multipart_uploads(Bucket=bucket).get("Uploads"), "no upload may be left half-done"
