from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import boto3
import pyarrow as pa
import pytest

from transforms.edge.lake import LakeError, open_lake
from transforms.layout import run_key
from transforms.schemas import REJECTS


def rejects(n: int, run_id: str = "r1") -> pa.Table:
    return pa.Table.from_pylist(
        [
            {"url": f"https://x.cn/{i}", "source_id": "s", "stage": "crawl", "reason": "http_error", "run_id": run_id}
            for i in range(n)
        ],
        schema=REJECTS,
    )


@pytest.mark.parametrize("where", ["local", pytest.param("s3", marks=pytest.mark.s3)])
def test_rewriting_a_runs_file_replaces_it_and_never_duplicates_rows(
    where: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    uri = str(tmp_path / "lake") if where == "local" else request.getfixturevalue("s3_lake")
    lake = open_lake(uri)
    lake.write("rejects", {"dt": "2026-04-17"}, "r1", rejects(3))
    lake.write("rejects", {"dt": "2026-04-17"}, "r1", rejects(2))
    lake.write("rejects", {"dt": "2026-04-17"}, "r2", rejects(1, "r2"))
    files = lake.files("rejects")
    assert [f.rsplit("/", 2)[-2:] for f in files] == [["dt=2026-04-17", "r1.parquet"], ["dt=2026-04-17", "r2.parquet"]]
    assert lake.read(REJECTS, files).num_rows == 3
    assert lake.read(REJECTS, lake.files("rejects", run_id="r1")).num_rows == 2


def test_a_local_write_leaves_no_temporary_files(tmp_path: Path) -> None:
    lake = open_lake(str(tmp_path))
    lake.write("rejects", {"dt": "2026-04-17"}, "r1", rejects(1))
    assert [p.name for p in (tmp_path / "rejects" / "dt=2026-04-17").iterdir()] == ["r1.parquet"]


def test_s3_writes_no_directory_marker_objects(s3_lake: str, s3_endpoint: str) -> None:
    lake = open_lake(s3_lake)
    lake.write("rejects", {"dt": "2026-04-17"}, "r1", rejects(1))
    bucket, prefix = s3_lake.removeprefix("s3://").split("/", 1)
    keys = [o["Key"] for o in boto3.client("s3", endpoint_url=s3_endpoint).list_objects_v2(Bucket=bucket)["Contents"]]
    assert keys == [f"{prefix}/rejects/dt=2026-04-17/r1.parquet"]


def test_a_missing_bucket_is_named_with_the_fix(s3_endpoint: str) -> None:
    with pytest.raises(LakeError, match=r"bucket 'no-such-bucket' does not exist .*fix NEWSLAKE_LAKE"):
        open_lake("s3://no-such-bucket/lake")


@pytest.mark.slow  # waits out the store client's connection attempts in a fresh interpreter
def test_an_unreachable_store_fails_fast_with_one_line(tmp_path: Path) -> None:
    code = (
        "from transforms.edge.lake import open_lake, LakeError\n"
        "try:\n    open_lake('s3://news/lake')\nexcept LakeError as e:\n    print(e)\n"
    )
    env = {
        "PATH": "/usr/bin:/bin",
        "AWS_ENDPOINT_URL": "http://127.0.0.1:9",
        "AWS_ACCESS_KEY_ID": "x",
        "AWS_SECRET_ACCESS_KEY": "y",
        "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_EC2_METADATA_DISABLED": "true",
    }
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120, check=True)
    assert "cannot reach the object store at http://127.0.0.1:9" in out.stdout
    assert "check AWS_ENDPOINT_URL" in out.stdout


def test_airflow_run_ids_become_safe_file_names() -> None:
    assert run_key("scheduled__2026-04-17T08:00:00.123+00:00") == "scheduled__2026-04-17T08_00_00.123_00_00"


def test_a_runs_files_are_found_by_its_airflow_run_id(tmp_path: Path) -> None:
    lake = open_lake(str(tmp_path))
    run_id = "manual__2026-11-22T03:17:52.432309+00:00"
    lake.write("rejects", {"dt": "2026-11-22"}, run_key(run_id), rejects(2, run_id))
    assert len(lake.files("rejects", run_id=run_id)) == 1
