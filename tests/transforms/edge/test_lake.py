from __future__ import annotations

import multiprocessing
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from deltalake import DeltaTable

from tests.support.delta_rows import commit_fetches, fetch_rows
from transforms.edge.lake import CHECKPOINT_INTERVAL, SCHEMA_VERSION, SCHEMA_VERSION_PROPERTY, LakeError, open_lake
from transforms.layout import run_key
from transforms.schemas import FETCHES, REJECTS

DAY = {"dt": "2026-04-17"}


def rejects(n: int, run_id: str = "r1", start: int = 0) -> pa.Table:
    return pa.Table.from_pylist(
        [
            {"url": f"https://x.cn/{i}", "source_id": "s", "stage": "crawl", "reason": "http_error", "run_id": run_id}
            for i in range(start, start + n)
        ],
        schema=REJECTS,
    )


def urls(table: pa.Table) -> list[str]:
    return sorted(table.column("url").to_pylist())


@pytest.fixture(params=["local", pytest.param("s3", marks=pytest.mark.s3)])
def lake_uri(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    return str(tmp_path / "lake") if request.param == "local" else str(request.getfixturevalue("s3_lake"))


def test_a_rerun_of_a_run_id_replaces_its_rows_and_leaves_other_runs(lake_uri: str) -> None:
    lake = open_lake(lake_uri)
    lake.commit("rejects", REJECTS, DAY, "r1", rejects(3))
    lake.commit("rejects", REJECTS, DAY, "r2", rejects(1, "r2", start=10))
    lake.commit("rejects", REJECTS, DAY, "r1", rejects(2, start=5))
    files = lake.files("rejects")
    assert urls(lake.read(REJECTS, files)) == ["https://x.cn/10", "https://x.cn/5", "https://x.cn/6"]
    assert urls(lake.read(REJECTS, lake.files("rejects", run_id="r1"), run_id="r1")) == [
        "https://x.cn/5",
        "https://x.cn/6",
    ]
    assert urls(lake.read(REJECTS, files, exclude_run="r1")) == ["https://x.cn/10"]
    assert all("/rejects/dt=2026-04-17/" in path for path in files)


def test_an_empty_commit_removes_what_the_run_wrote_before(lake_uri: str) -> None:
    lake = open_lake(lake_uri)
    lake.commit("rejects", REJECTS, DAY, "r1", rejects(3))
    lake.commit("rejects", REJECTS, DAY, "r2", rejects(1, "r2", start=10))
    lake.commit("rejects", REJECTS, DAY, "r1", REJECTS.empty_table())
    assert urls(lake.read(REJECTS, lake.files("rejects"))) == ["https://x.cn/10"]


def test_a_first_empty_commit_creates_the_table_with_its_version_and_columns(tmp_path: Path) -> None:
    lake = open_lake(str(tmp_path))
    version = lake.commit("rejects", REJECTS, DAY, "r1", REJECTS.empty_table())
    table = lake.delta("rejects")
    assert table is not None
    assert table.version() == version
    assert table.metadata().configuration[SCHEMA_VERSION_PROPERTY] == str(SCHEMA_VERSION)
    assert table.metadata().partition_columns == ["dt"]
    assert lake.read(REJECTS, lake.files("rejects")).num_rows == 0
    assert table.history(1)[0]["run_id"] == "r1"


def test_a_table_is_checkpointed_every_few_commits_so_a_commit_replays_a_short_log(tmp_path: Path) -> None:
    lake = open_lake(str(tmp_path))
    for run in range(CHECKPOINT_INTERVAL + 1):
        lake.commit("rejects", REJECTS, DAY, f"r{run}", rejects(1, f"r{run}", start=run))
    log = tmp_path / "rejects" / "_delta_log"
    assert len(list(log.glob("*.checkpoint.parquet"))) == 1  # Delta's default (100 commits) would have none yet
    assert len(lake.read(REJECTS, lake.files("rejects"))) == CHECKPOINT_INTERVAL + 1


def test_files_are_pruned_by_partition_and_by_run(tmp_path: Path) -> None:
    lake = open_lake(str(tmp_path))
    lake.commit("rejects", REJECTS, DAY, "r1", rejects(1))
    lake.commit("rejects", REJECTS, {"dt": "2026-04-18"}, "r2", rejects(1, "r2"))
    assert len(lake.files("rejects")) == 2
    assert ["dt=2026-04-18" in path for path in lake.files("rejects", partitions={"dt": "2026-04-18"})] == [True]
    assert ["dt=2026-04-17" in path for path in lake.files("rejects", run_id="r1")] == [True]
    assert lake.files("rejects", run_id="r3") == []
    assert lake.files("runs") == []


def test_a_local_parquet_file_streams_into_the_commit_and_is_removed(tmp_path: Path) -> None:
    lake = open_lake(str(tmp_path / "lake"))
    spooled = tmp_path / "spool.parquet"
    pq.write_table(rejects(5000), spooled, row_group_size=700)
    lake.commit("rejects", REJECTS, DAY, "r1", spooled)
    assert not spooled.exists()
    assert lake.read(REJECTS, lake.files("rejects"), run_id="r1").num_rows == 5000


def test_a_table_read_by_row_group_gets_small_row_groups(tmp_path: Path) -> None:
    lake = open_lake(str(tmp_path / "lake"))
    lake.commit("rejects", REJECTS, DAY, "r1", rejects(3000), row_group_rows=1024)
    (path,) = lake.files("rejects")
    parquet = pq.ParquetFile(path)
    assert [parquet.metadata.row_group(g).num_rows for g in range(parquet.num_row_groups)] == [1024, 1024, 952]
    # The Delta writer does not keep the input's row order; readers of row groups go by their statistics.
    assert urls(parquet.read(columns=["url"])) == urls(rejects(3000))


def test_a_scope_column_narrows_what_a_commit_replaces_without_partitioning_by_it(tmp_path: Path) -> None:
    lake = open_lake(str(tmp_path))
    lake.commit("rejects", REJECTS, DAY, "r1", rejects(2), scope={"source": "wire"})
    lake.commit("rejects", REJECTS, DAY, "r1", rejects(1, start=5), scope={"source": "post"})
    lake.commit("rejects", REJECTS, DAY, "r1", rejects(1, start=9), scope={"source": "wire"})  # wire's rerun
    table = lake.delta("rejects")
    assert table is not None and table.metadata().partition_columns == ["dt"]
    wire = {"source": "wire"}
    assert urls(lake.read(REJECTS, lake.files("rejects", where=wire), where=wire)) == ["https://x.cn/9"]
    assert urls(lake.read(REJECTS, lake.files("rejects", run_id="r1"), run_id="r1")) == [
        "https://x.cn/5",
        "https://x.cn/9",
    ]
    assert len(lake.files("rejects", where={"source": "post"})) == 1  # each run's file holds one source
    assert lake.files("rejects", where={"source": "other"}) == []


UNSIGNED = pa.schema(
    [
        ("key", pa.uint64()),
        ("keys", pa.list_(pa.uint64())),
        ("signature", pa.binary(4)),
        ("body", pa.large_binary()),
        ("text", pa.large_string()),
        ("run_id", pa.string()),
    ]
)


def test_unsigned_and_fixed_size_columns_round_trip_bit_exact(lake_uri: str) -> None:
    lake = open_lake(lake_uri)
    rows = [
        {"key": 2**64 - 1, "keys": [2**63, 1, 0], "signature": b"\x00\xff\x10\x01", "body": b"\x00x", "text": "新闻"},
        {"key": 0, "keys": [], "signature": b"abcd", "body": b"", "text": ""},
    ]
    data = pa.Table.from_pylist([row | {"run_id": "r1"} for row in rows], schema=UNSIGNED)
    lake.commit("dedup_index", UNSIGNED, DAY, "r1", data)
    assert lake.read(UNSIGNED, lake.files("dedup_index")).equals(data)


def _commit_runs(uri: str, writer: int, runs: int) -> None:
    lake = open_lake(uri)
    for run in range(runs):
        run_id = f"w{writer}-{run}"
        lake.commit("rejects", REJECTS, DAY, run_id, rejects(2, run_id, start=10 * writer + run))


def test_two_processes_committing_at_once_to_a_new_table_both_land(lake_uri: str) -> None:
    context = multiprocessing.get_context("spawn")
    writers = [context.Process(target=_commit_runs, args=(lake_uri, writer, 3)) for writer in range(2)]
    for process in writers:
        process.start()
    for process in writers:
        process.join(timeout=120)
    assert [process.exitcode for process in writers] == [0, 0]
    lake = open_lake(lake_uri)
    stored = lake.read(REJECTS, lake.files("rejects"))
    assert sorted(set(stored.column("run_id").to_pylist())) == [f"w{w}-{r}" for w in range(2) for r in range(3)]
    assert stored.num_rows == 12


def _commit_sources(uri: str, source: str, runs: list[str], start: Any) -> None:
    lake = open_lake(uri)
    start.wait()
    for run_id in runs:
        rows = fetch_rows(run_id, source, "2026-04-17", 30).drop_columns(["source", "dt"])
        lake.commit("fetches", FETCHES, DAY, run_id, rows, scope={"source": source})


@pytest.mark.parametrize("compacted", [False, True], ids=["open day", "rerun into a compacted day"])
def test_sources_of_a_run_committing_at_once_from_several_processes_land_exactly(
    tmp_path: Path, compacted: bool
) -> None:
    """Each source's commit replaces ``dt AND run_id AND source``. Into a day of one file per run and
    source, delta-rs' conflict check prunes the other sources' new files by their statistics; a rerun
    into a compacted day rewrites a file every source shares, which conflicts, and the commit retries."""
    uri, sources = str(tmp_path), ["a", "b", "c", "d"]
    if compacted:
        for source in sources:
            commit_fetches(tmp_path, "r1", source, "2026-04-17", 30)
        DeltaTable(f"{uri}/fetches").optimize.z_order(["source"])
    context = multiprocessing.get_context("spawn")
    start = context.Barrier(len(sources))
    runs = ["r1", "r2", "r1", "r3"]  # r1 twice: a rerun of every source, at the same time
    writers = [context.Process(target=_commit_sources, args=(uri, source, runs, start)) for source in sources]
    for process in writers:
        process.start()
    for process in writers:
        process.join(timeout=300)
    assert [process.exitcode for process in writers] == [0] * len(sources)
    stored = DeltaTable(f"{uri}/fetches").to_pyarrow_table(columns=["run_id", "source", "url"])
    counts = Counter(zip(stored["run_id"].to_pylist(), stored["source"].to_pylist(), strict=True))
    assert counts == {(run_id, source): 30 for run_id in ("r1", "r2", "r3") for source in sources}
    assert len(set(stored["url"].to_pylist())) == stored.num_rows


def _use_lake_in_forked_child(uri: str, answer: multiprocessing.SimpleQueue[str]) -> None:
    try:
        open_lake(uri).files("rejects")
        answer.put("no error")
    except LakeError as error:
        answer.put(str(error))


def test_a_forked_child_gets_a_clear_error_instead_of_a_crash(tmp_path: Path) -> None:
    lake = open_lake(str(tmp_path))
    lake.commit("rejects", REJECTS, DAY, "r1", rejects(1))
    context = multiprocessing.get_context("fork")
    answer: multiprocessing.SimpleQueue[str] = context.SimpleQueue()
    child = context.Process(target=_use_lake_in_forked_child, args=(str(tmp_path), answer))
    child.start()
    child.join(timeout=60)
    assert "forked after its parent used it" in answer.get()


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


def test_an_airflow_run_id_with_quotes_and_colons_is_replaced_by_its_rerun(tmp_path: Path) -> None:
    lake = open_lake(str(tmp_path))
    run_id = "manual__2026-11-22T03:17:52.432309+00:00 it's"
    lake.commit("rejects", REJECTS, {"dt": "2026-11-22"}, run_id, rejects(2, run_id))
    lake.commit("rejects", REJECTS, {"dt": "2026-11-22"}, run_id, rejects(1, run_id))
    assert lake.read(REJECTS, lake.files("rejects", run_id=run_id), run_id=run_id).num_rows == 1
