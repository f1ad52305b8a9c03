"""The pipeline stages over the lake: process, since, dedup, publish, health.

Each stage reads what the stage before it wrote for one run (``run_id``) and logical date
(``dt``), and replaces its own output rows for that run in one commit per table, so any stage
can be re-run alone.
The CLI and the Airflow DAG call these same functions.
"""

from __future__ import annotations

import tempfile
from collections import Counter
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from transforms.dedup import (
    HISTORY_COLUMNS,
    INDEX_TABLE,
    SIGN_BATCH,
    Match,
    NearMatch,
    cluster_columns,
    exact_copies,
    first_seen_positions,
    relevant_history,
    within_window,
)
from transforms.edge.band_index import SIGNATURE_ROW_GROUP, commit_index, run_history
from transforms.edge.lake import Lake
from transforms.edge.near_pass import NearPass
from transforms.edge.pool import extract_outcomes
from transforms.edge.spool import RowSpool, SignatureSpool, concat_files
from transforms.edge.versions import run_versions
from transforms.health import SourceHealth, check_sources
from transforms.layout import partition_values
from transforms.neardup import INDEX_SCHEMA, NUM_PERM, signatures
from transforms.recency import split_by_date
from transforms.rows import ArticleRow, ExactKeyRow
from transforms.runs import run_rows
from transforms.schemas import ARTICLES, CLUSTER_FIELDS, EXTRACTED, FETCHES, REJECTS, RUNS
from transforms.sources import SourcesFile

EXTRACTED_TABLE = "_work/extracted"
CLUSTER_SCHEMA = pa.schema(CLUSTER_FIELDS)


@dataclass(frozen=True)
class StageResult:
    """What a stage wrote: counts an operator reads, and the files."""

    counts: dict[str, int]
    files: list[str] = field(default_factory=list)


def process_stage(lake: Lake, sources: SourcesFile, run_id: str, dt: str, workers: int | None = None) -> StageResult:
    """Extract every article fetch of the run; write extracted articles and rejects.

    Rows stream to local spool files a row group at a time and move into the lake at the
    end, so memory stays flat however many pages the run fetched. A run of at least
    ``PARALLEL_MIN_RECORDS`` records is extracted by ``workers`` processes (default: one per
    core, or ``$NEWSLAKE_PROCESS_WORKERS``), in order, so the files are the same either way.
    """
    by_id = {source.id: source for source in sources.sources}
    paths = lake.files("fetches", partitions={"dt": dt}, run_id=run_id)
    counts: Counter[str] = Counter()
    with tempfile.TemporaryDirectory(prefix="newslake-process-") as spool:
        articles = RowSpool(Path(spool) / "articles.parquet", EXTRACTED)
        rejects = RowSpool(Path(spool) / "rejects.parquet", REJECTS)
        for part in extract_outcomes(lake, paths, run_id, by_id, workers):
            articles.add(part.articles)
            rejects.add(part.rejects)
            counts.update(f"rejects.{row['reason']}" for row in part.rejects)
            counts.update(_rule_misses(part.articles))
        lake.commit(EXTRACTED_TABLE, EXTRACTED, {"dt": dt}, run_id, articles.finish())
        lake.commit("rejects", REJECTS, {"dt": dt}, run_id, rejects.finish())
    tables = [_shown(lake, EXTRACTED_TABLE, dt), _shown(lake, "rejects", dt)]
    return StageResult({"articles": articles.rows, "rejects": rejects.rows} | dict(counts), tables)


def _shown(lake: Lake, table: str, dt: str) -> str:
    """Where a stage's rows for a day went, as the user would look for them."""
    return lake.display(f"{lake.partition_dir(table, {'dt': dt})}")


def _rule_misses(articles: Iterable[ArticleRow]) -> Iterator[str]:
    """``fallback.SOURCE.FIELD`` once per article whose source's extract: rule for FIELD did not
    give the value (matched nothing, or no date): after a site redesign the run's summary says
    so, not only the rows."""
    for row in articles:
        for name, outcome in row["source_rules"] or ():
            if outcome != "matched":
                yield f"fallback.{row['source_id']}.{name}"


def dedup_stage(
    lake: Lake, run_id: str, dt: str, history_days: int | None = None, hidden_runs: Collection[str] = ()
) -> StageResult:
    """Mark the run's articles, exact then near duplicates, against earlier articles and each other.

    Commits the run's articles and its ``dedup_index`` rows. History is every other run's rows
    (only in partitions at most ``history_days`` before ``dt`` when given; never those of
    ``hidden_runs``): the articles' URL and hash columns for exact marking, the index's band
    keys (found through the bucketed band index, :mod:`transforms.edge.band_index`) for near.

    The run streams through so memory does not grow with its size: exact marking reads only
    the key columns; texts are read a few hundred at a time and signed into a local spool
    file; near matching reads the signatures back in first-seen order a chunk at a time; the
    articles are written a batch at a time in the order the process stage wrote them. What is
    kept per article is its keys and a hashed copy of them; per duplicate, its match.
    """
    extracted = lake.files(EXTRACTED_TABLE, partitions={"dt": dt}, run_id=run_id)
    earlier = within_window(lake.files("articles"), dt, history_days)
    hidden = pa.array(sorted({run_id, *hidden_runs}), pa.string())
    index = within_window(lake.files(INDEX_TABLE), dt, history_days)
    keys = lake.read(EXTRACTED, extracted, columns=KEY_COLUMNS, run_id=run_id)
    order = first_seen_positions(keys)
    start = pc.min(keys["fetched_at"]).as_py()
    stored = lake.read(ARTICLES, earlier, columns=[*HISTORY_COLUMNS, "run_id"], exclude_run=run_id)
    stored = stored.filter(pc.invert(pc.is_in(stored["run_id"], value_set=hidden))).drop_columns(["run_id"])
    history = relevant_history(stored, keys).to_pylist()
    exact: dict[int, Match] = {}  # by row position: a page re-fetched in the run repeats its id
    fresh = np.zeros(keys.num_rows, dtype=np.bool_)
    for row, match in exact_copies(_ranked_rows(keys, order, start), history):
        if match is None:
            fresh[row["position"]] = True
        else:
            exact[row["position"]] = match
    keys = keys.select(["article_id"])
    pa.default_memory_pool().release_unused()  # the key columns and the URL work are done with
    with tempfile.TemporaryDirectory(prefix="newslake-dedup-") as tmp:
        spool = Path(tmp)
        signed = _sign_fresh(lake, extracted, run_id, fresh, spool / "signatures.u32")
        pa.default_memory_pool().release_unused()  # the texts read for signing
        ranks = np.flatnonzero(fresh[order])
        history = run_history(lake, index, hidden.to_pylist(), signed, order[ranks])
        near = NearPass(history, spool)
        for part in range(0, ranks.size, SIGN_BATCH):
            chunk = ranks[part : part + SIGN_BATCH]
            positions = order[chunk]
            near.add(
                keys["article_id"].take(pa.array(positions)).to_pylist(),
                [start + timedelta(microseconds=int(rank)) for rank in chunk],
                signed.read(positions),
            )
        index_file = commit_index(lake, run_id, concat_files(near.finish(), spool / "index.parquet", INDEX_SCHEMA))
        joined = {cluster_columns("", match, near.near)["cluster_id"] for match in exact.values()}
        joined |= {match.cluster_id for match in near.near.values()}
        articles_file, canonical, joined_here = _write_articles(
            lake, extracted, run_id, spool / "articles.parquet", exact, near.near, joined
        )
        lake.commit("articles", ARTICLES, {"dt": dt}, run_id, articles_file)
        lake.commit(INDEX_TABLE, INDEX_SCHEMA, {"dt": dt}, run_id, index_file, row_group_rows=SIGNATURE_ROW_GROUP)
    files = [_shown(lake, "articles", dt), _shown(lake, INDEX_TABLE, dt)]
    counts = {
        "articles": keys.num_rows,
        "duplicates": len(exact) + len(near.near),
        "near": len(near.near),
        "clusters": canonical + len(joined) - joined_here,
    }
    return StageResult(counts, files)


KEY_COLUMNS = ["article_id", "canonical_url", "content_hash", "fetched_at", "published_at"]
"""What dedup holds of every article of a run (never the text)."""


class RankedKeys(ExactKeyRow):
    """A run article's keys (``KEY_COLUMNS``) and its row position over the run's extracted files."""

    published_at: datetime | None
    position: int


def _ranked_rows(keys: pa.Table, order: npt.NDArray[np.int64], start: datetime) -> Iterator[RankedKeys]:
    """Key rows in first-seen order, one microsecond apart from the run's first fetch."""
    for part in range(0, len(order), SIGN_BATCH):
        positions = order[part : part + SIGN_BATCH]
        for k, row in enumerate(keys.take(pa.array(positions)).to_pylist()):
            yield {
                "article_id": row["article_id"],
                "canonical_url": row["canonical_url"],
                "content_hash": row["content_hash"],
                "fetched_at": start + timedelta(microseconds=part + k),
                "published_at": row["published_at"],
                "position": int(positions[k]),
            }


def _sign_fresh(
    lake: Lake, files: list[str], run_id: str, fresh: npt.NDArray[np.bool_], target: Path
) -> SignatureSpool:
    """Sign the texts of the ``fresh`` rows (positions over the run's rows of ``files``), a batch at a time."""
    n_shingles = np.zeros(fresh.size, dtype=np.int32)
    position = 0
    with target.open("wb") as out:
        for path in files:
            for batch in lake.iter_batches(path, columns=["text"], batch_size=SIGN_BATCH, run_id=run_id):
                wanted = fresh[position : position + batch.num_rows]
                values = np.zeros((batch.num_rows, NUM_PERM), dtype="<u4")
                if wanted.any():
                    texts = [text or "" for text, keep in zip(batch["text"].to_pylist(), wanted, strict=True) if keep]
                    signed = signatures(texts)
                    values[wanted] = signed.values
                    n_shingles[position : position + batch.num_rows][wanted] = signed.n_shingles
                out.write(values.tobytes())
                position += batch.num_rows
    return SignatureSpool(target, n_shingles)


def _write_articles(
    lake: Lake,
    files: list[str],
    run_id: str,
    target: Path,
    exact: Mapping[int, Match],
    near: Mapping[str, NearMatch],
    joined: set[str],
) -> tuple[Path, int, int]:
    """The articles file: the run's rows with their cluster columns.

    Also returns how many rows are canonical, and how many of those head a cluster in
    ``joined`` (the clusters duplicates joined), for counting the run's clusters.
    """
    canonical = joined_here = position = 0
    with pq.ParquetWriter(target, ARTICLES, compression="zstd") as writer:
        for path in files:
            for batch in lake.iter_batches(path, batch_size=SIGN_BATCH, run_id=run_id):
                table = pa.Table.from_batches([batch]).select(EXTRACTED.names).cast(EXTRACTED, safe=False)
                ids = table["article_id"].to_pylist()
                columns = [
                    cluster_columns(article_id, exact.get(position + k), near) for k, article_id in enumerate(ids)
                ]
                position += len(ids)
                heads = [c["cluster_id"] for c in columns if c["is_canonical"]]
                canonical += len(heads)
                joined_here += sum(1 for head in heads if head in joined)
                clusters = pa.Table.from_pylist(columns, schema=CLUSTER_SCHEMA)
                for field in CLUSTER_SCHEMA:
                    table = table.append_column(field, clusters[field.name])
                writer.write_table(table.select(ARTICLES.names))
    return target, canonical, joined_here


def since_stage(lake: Lake, run_id: str, dt: str, since: date) -> StageResult:
    """Move the run's articles published before ``since`` from its extracted rows to its rejects."""
    extracted_files = lake.files(EXTRACTED_TABLE, partitions={"dt": dt}, run_id=run_id)
    kept, too_old = split_by_date(lake.read(EXTRACTED, extracted_files, run_id=run_id).to_pylist(), since)
    if not too_old:
        return StageResult({"too_old": 0})
    reject_files = lake.files("rejects", partitions={"dt": dt}, run_id=run_id)
    moved = {row["url"] for row in too_old}  # a stage interrupted after its first commit must not add them twice
    earlier = [row for row in lake.read(REJECTS, reject_files, run_id=run_id).to_pylist() if row["url"] not in moved]
    rejects = earlier + too_old
    lake.commit("rejects", REJECTS, {"dt": dt}, run_id, pa.Table.from_pylist(rejects, schema=REJECTS))
    lake.commit(EXTRACTED_TABLE, EXTRACTED, {"dt": dt}, run_id, pa.Table.from_pylist(kept, schema=EXTRACTED))
    return StageResult({"too_old": len(too_old)}, [_shown(lake, "rejects", dt), _shown(lake, EXTRACTED_TABLE, dt)])


def publish_stage(
    lake: Lake,
    sources: SourcesFile,
    run_id: str,
    dt: str,
    started_at: datetime,
    finished_at: datetime,
    stage_seconds: Mapping[str, float] | None = None,
    planned: Collection[str] | None = None,
) -> StageResult:
    """Write the run's row per source to the runs table (``stage_seconds``: wall time per stage).

    ``planned`` are the sources the run set out to crawl: each gets a row, fetched or not, and
    no other source does (a run that crawled one source says nothing about the rest). Without
    it: the sources that have fetches, else every source in the file.
    """
    day = {"dt": dt}
    columns = ["source_id", "source_ids", "role", "status", "error"]
    fetches = lake.read(FETCHES, lake.files("fetches", day, run_id), columns, run_id=run_id).to_pylist()
    columns = ["source_id", "source_ids", "dup_kind"]
    articles = lake.read(ARTICLES, lake.files("articles", day, run_id), columns, run_id=run_id).to_pylist()
    columns = ["source_id", "source_ids", "reason"]
    rejects = lake.read(REJECTS, lake.files("rejects", day, run_id), columns, run_id=run_id).to_pylist()
    found = {source_id for row in fetches for source_id in row["source_ids"] or [row["source_id"]]}
    source_ids = set(planned) if planned is not None else found
    source_ids = source_ids or {source.id for source in sources.sources}
    rows = run_rows(
        run_id, source_ids, fetches, articles, rejects, started_at, finished_at, stage_seconds, versions=run_versions()
    )
    lake.commit("runs", RUNS, day, run_id, pa.Table.from_pylist(rows, schema=RUNS))
    counts = {"sources": len(rows), "articles": len(articles), "rejects": len(rejects)}
    return StageResult(counts, [_shown(lake, "runs", dt)])


HEALTH_HISTORY_DAYS = 14
"""How far back a run's yield and rejects are compared."""


def health_stage(lake: Lake, run_id: str, dt: str) -> list[SourceHealth]:
    """Each source's health verdict for the published run, against the runs of the last two weeks."""
    day = {"dt": dt}
    current = lake.read(RUNS, lake.files("runs", day, run_id), run_id=run_id).to_pylist()
    oldest = (date.fromisoformat(dt) - timedelta(days=HEALTH_HISTORY_DAYS)).isoformat()
    recent = [path for path in lake.files("runs") if partition_values(path).get("dt", "") >= oldest]
    history = lake.read(RUNS, recent, columns=["run_id", "source_id", "articles", "started_at"]).to_pylist()
    columns = ["source_id", "source_ids", "url", "stage", "reason", "detail", "http_status"]
    rejects = lake.read(REJECTS, lake.files("rejects", day, run_id), columns, run_id=run_id).to_pylist()
    recent = [p for p in lake.files("rejects") if partition_values(p).get("dt", "") >= oldest]
    known = {
        (source_id, row["url"])  # every source that found the URL: a page another source fetched counts for both
        for row in lake.read(REJECTS, recent, ["source_id", "source_ids", "url"], exclude_run=run_id).to_pylist()
        for source_id in row["source_ids"] or [row["source_id"]]
    }
    return check_sources(current, history, rejects, known)
