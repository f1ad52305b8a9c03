"""The pipeline stages over the lake: process, dedup, publish.

Each stage reads what the stage before it wrote for one run (``run_id``) and logical date
(``dt``), and replaces its own output file for that run, so any stage can be re-run alone.
The CLI and the Airflow DAG call these same functions.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

import pyarrow as pa
import pyarrow.fs as pafs

from transforms.dedup import HISTORY_COLUMNS, INDEX_TABLE, mark_duplicates, relevant_history, within_window
from transforms.lake import Lake, run_key
from transforms.process import Outcome, process_records
from transforms.runs import run_rows
from transforms.schemas import ARTICLES, EXTRACTED, FETCHES, REJECTS, RUNS
from transforms.sources import SourcesFile

EXTRACTED_TABLE = "_work/extracted"


@dataclass(frozen=True)
class StageResult:
    """What a stage wrote: counts an operator reads, and the files."""

    counts: dict[str, int]
    files: list[str] = field(default_factory=list)


def process_stage(lake: Lake, sources: SourcesFile, run_id: str, dt: str) -> StageResult:
    """Extract every article fetch of the run; write extracted articles and rejects."""
    by_id = {source.id: source for source in sources.sources}
    outcome = Outcome()
    for path in lake.files("fetches", run_id=run_id, partitions={"dt": dt}):
        part = process_records(lake.iter_rows(path), by_id)
        outcome.articles.extend(part.articles)
        outcome.rejects.extend(part.rejects)
    name = run_key(run_id)
    files = [
        lake.write(EXTRACTED_TABLE, {"dt": dt}, name, pa.Table.from_pylist(outcome.articles, schema=EXTRACTED)),
        lake.write("rejects", {"dt": dt}, name, pa.Table.from_pylist(outcome.rejects, schema=REJECTS)),
    ]
    counts = {"articles": len(outcome.articles), "rejects": len(outcome.rejects)}
    counts |= {f"rejects.{reason}": n for reason, n in Counter(r["reason"] for r in outcome.rejects).items()}
    return StageResult(counts, files)


def dedup_stage(lake: Lake, run_id: str, dt: str, history_days: int | None = None) -> StageResult:
    """Mark the run's articles, exact then near duplicates, against earlier articles and each other.

    Writes the articles table file and the run's ``dedup_index`` file. History is every other
    run's files (only those at most ``history_days`` before ``dt`` when given): the articles'
    URL and hash columns for exact marking, the index's band keys (joined in DuckDB) for near.
    """
    new = lake.read(EXTRACTED, lake.files(EXTRACTED_TABLE, run_id=run_id, partitions={"dt": dt})).to_pylist()
    own = set(lake.files("articles", run_id=run_id)) | set(lake.files(INDEX_TABLE, run_id=run_id))
    earlier = within_window([path for path in lake.files("articles") if path not in own], dt, history_days)
    history = relevant_history(lake.read(ARTICLES, earlier, columns=HISTORY_COLUMNS), new).to_pylist()
    index = within_window([path for path in lake.files(INDEX_TABLE) if path not in own], dt, history_days)
    filesystem = None if lake.is_local else pafs.PyFileSystem(pafs.FSSpecHandler(lake.fs))
    marked = mark_duplicates(new, history, index, filesystem=filesystem, one_run=True)
    files = [
        lake.write("articles", {"dt": dt}, run_key(run_id), pa.Table.from_pylist(marked.rows, schema=ARTICLES)),
        lake.write(INDEX_TABLE, {"dt": dt}, run_key(run_id), marked.index_rows),
    ]
    kinds = Counter(row["dup_kind"] for row in marked.rows)
    counts = {
        "articles": len(marked.rows),
        "duplicates": kinds["exact"] + kinds["near"],
        "near": kinds["near"],
        "clusters": len({row["cluster_id"] for row in marked.rows}),
    }
    return StageResult(counts, files)


def publish_stage(
    lake: Lake,
    sources: SourcesFile,
    run_id: str,
    dt: str,
    started_at: datetime,
    finished_at: datetime,
    stage_seconds: Mapping[str, float] | None = None,
) -> StageResult:
    """Write the run's row per source to the runs table (``stage_seconds``: wall time per stage)."""
    fetch_files = lake.files("fetches", run_id=run_id, partitions={"dt": dt})
    fetches = lake.read(FETCHES, fetch_files, columns=["source_id", "role", "status", "error"]).to_pylist()
    article_files = lake.files("articles", run_id=run_id, partitions={"dt": dt})
    articles = lake.read(ARTICLES, article_files, columns=["source_id", "dup_kind"]).to_pylist()
    reject_files = lake.files("rejects", run_id=run_id, partitions={"dt": dt})
    rejects = lake.read(REJECTS, reject_files, columns=["source_id", "reason"]).to_pylist()
    source_ids = {row["source_id"] for row in fetches} or {source.id for source in sources.sources}
    rows = run_rows(run_id, source_ids, fetches, articles, rejects, started_at, finished_at, stage_seconds)
    path = lake.write("runs", {"dt": dt}, run_key(run_id), pa.Table.from_pylist(rows, schema=RUNS))
    return StageResult({"sources": len(rows), "articles": len(articles), "rejects": len(rejects)}, [path])
