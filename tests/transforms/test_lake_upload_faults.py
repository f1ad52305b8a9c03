"""A connection dropped half-way through an upload to S3 is retried and the object lands whole.

The store is moto's S3 server on 127.0.0.1 behind a TCP relay that drops exactly one
connection once enough request bytes have passed through it, as a flaky network does. The
upload goes through ``Lake.put`` unchanged, so s3fs and botocore decide on their own how to
retry. A file over twice s3fs's 50 MiB part size is sent as a multipart upload.
"""

from __future__ import annotations

import hashlib
import random
import time
from collections.abc import Iterator
from pathlib import Path

import boto3
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from support.tcp_proxy import SwitchableProxy

from transforms.lake import open_lake

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
    bodies = [noise.randbytes(MIB) for _ in range(mebibytes)]
    pq.write_table(pa.table({"body": pa.array(bodies, pa.large_binary())}), path, compression="zstd")
    return path


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@pytest.mark.parametrize(
    ("mebibytes", "drop_after", "multipart"),
    [(2, 512 * 1024, False), (101, 20 * MIB, True)],
    ids=["single-put", "multipart"],
)
def test_an_upload_whose_connection_drops_is_retried_and_lands_whole(
    mebibytes: int,
    drop_after: int,
    multipart: bool,
    flaky_network: SwitchableProxy,
    s3_lake: str,
    s3_endpoint: str,
    tmp_path: Path,
) -> None:
    local = parquet_of(tmp_path / "fetches.parquet", mebibytes)
    expected = sha256(local.read_bytes())
    lake = open_lake(s3_lake)
    flaky_network.drop_once_after(drop_after)
    started = time.monotonic()
    target = lake.put("fetches", {"source": "s", "dt": "2026-05-02"}, "r1", local)
    seconds = time.monotonic() - started
    assert flaky_network.dropped == 1, "the fault was not injected"
    print(f"{mebibytes} MiB upload, one connection dropped: {seconds:.1f} s, {flaky_network.connections} connections")
    s3 = boto3.client("s3", endpoint_url=s3_endpoint)  # straight to the store, not through the relay
    bucket, key = target.split("/", 1)
    stored = s3.get_object(Bucket=bucket, Key=key)
    assert sha256(stored["Body"].read()) == expected
    assert ("-" in stored["ETag"]) is multipart  # a multipart object's ETag is "md5-of-parts-N"
    assert not s3.list_multipart_uploads(Bucket=bucket).get("Uploads"), "no upload may be left half-done"
    assert pq.read_table(target, filesystem=lake.fs).num_rows == mebibytes
