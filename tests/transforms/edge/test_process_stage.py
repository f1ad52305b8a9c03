"""The process stage on a process pool gives the files of extracting in one process."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pyarrow as pa
import pytest

from transforms.edge.lake import open_lake
from transforms.edge.stages import EXTRACTED_TABLE, process_stage
from transforms.schemas import EXTRACTED, FETCHES, REJECTS
from transforms.sources import parse_sources

WIRE = Path(__file__).parents[2] / "fixtures" / "sites" / "wire"
SOURCES = "sources:\n  - id: wire\n    kind: feed\n    urls: [https://wire.example.cn/rss.xml]\n"
FETCHED = datetime(2026, 4, 17, 8, 0, tzinfo=UTC)

POOLED = """
import sys
from concurrent.futures import ProcessPoolExecutor

from transforms.edge import pool, stages
from transforms.edge.lake import open_lake
from transforms.sources import parse_sources

pools = []


class Counted(ProcessPoolExecutor):
    def __init__(self, *args, **kwargs):
        pools.append(self)
        super().__init__(*args, **kwargs)


pool.ProcessPoolExecutor = Counted
pool.PROCESS_BATCH, pool.PARALLEL_MIN_RECORDS, pool.POOL_BATCHES = 4, 1, 3
result = stages.process_stage(open_lake(sys.argv[1]), parse_sources(sys.argv[2]), "r1", "2026-04-17", workers=2)
print(len(pools), result.counts["articles"], result.counts["rejects"])
"""


def fetches(pages: list[Path]) -> pa.Table:
    """Fetch records of the fixture pages, each several times under its own URL."""
    rows = []
    for k, page in enumerate(pages * 3):
        url = f"https://wire.example.cn/{k}/{page.relative_to(WIRE).as_posix()}"
        rows.append(
            {
                "url": url,
                "final_url": url,
                "redirect_urls": [],
                "role": "article",
                "status": 200,
                "headers": [{"name": "Content-Type", "value": "text/html"}],
                "body": page.read_bytes(),
                "content_type": "text/html",
                "hints": [],
                "fetched_at": FETCHED + timedelta(seconds=k),
                "source_id": "wire",
                "run_id": "r1",
            }
        )
    return pa.Table.from_pylist(rows, schema=FETCHES)


@pytest.mark.slow  # starts process pools in a fresh interpreter
def test_extraction_on_a_pool_replaced_every_few_batches_writes_what_one_process_writes(tmp_path: Path) -> None:
    pages = sorted((WIRE / "news").rglob("*.html")) + sorted((WIRE / "en").rglob("*.html"))
    table = fetches(pages)
    lakes = {name: open_lake(str(tmp_path / name)) for name in ("single", "pooled")}
    for lake in lakes.values():
        lake.commit("fetches", FETCHES, {"dt": "2026-04-17"}, "r1", table, scope={"source": "wire"})
    single = process_stage(lakes["single"], parse_sources(SOURCES), "r1", "2026-04-17", workers=1)

    out = subprocess.run(
        [sys.executable, "-c", POOLED, str(tmp_path / "pooled"), SOURCES],
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    pools, articles, rejects = map(int, out.stdout.split())
    assert pools >= 3  # 3 batches per pool over ceil(rows / 4) batches
    assert (articles, rejects) == (single.counts["articles"], single.counts["rejects"])
    assert articles > 30
    for schema, table_name in ((EXTRACTED, EXTRACTED_TABLE), (REJECTS, "rejects")):
        one, pooled = (lake.read(schema, lake.files(table_name)) for lake in (lakes["single"], lakes["pooled"]))
        assert pooled.equals(one)
