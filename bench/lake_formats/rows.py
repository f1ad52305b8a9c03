"""Synthetic rows of one run, shaped like the lake's tables.

Bodies and texts are drawn from a fixed vocabulary so they compress about as well as real HTML
and prose do (zstd), which is what file sizes and write times depend on.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import numpy as np
import pyarrow as pa

from transforms.schemas import ARTICLES, FETCHES, RUNS

_VOCABULARY = np.array([f"w{n:x}" for n in range(4_000)] + ["<p>", "</p>", '<div class="x">', "</div>"])
START = datetime(2026, 11, 1, tzinfo=UTC)

PARTITIONS: dict[str, tuple[str, ...]] = {"fetches": ("source", "dt"), "articles": ("dt",), "runs": ("dt",)}
"""Partition columns per table, as the lake partitions them today."""


@dataclass(frozen=True)
class Shape:
    """How much one hourly run writes, and how many runs a trial makes."""

    sources: int
    fetches_per_source: int
    articles: int
    days: int
    runs_per_day: int
    body_bytes: int = 30_000
    text_bytes: int = 3_000


@dataclass(frozen=True)
class Run:
    """One hourly run: its id and logical date."""

    day: int
    hour: int

    @property
    def run_id(self) -> str:
        return f"run-{self.day:02d}-{self.hour:02d}"

    @property
    def dt(self) -> str:
        return (START + timedelta(days=self.day)).date().isoformat()

    @property
    def started(self) -> datetime:
        return START + timedelta(days=self.day, hours=self.hour)


def all_runs(shape: Shape) -> list[Run]:
    return [Run(day, hour) for day in range(shape.days) for hour in range(shape.runs_per_day)]


def _prose(rng: np.random.Generator, size: int) -> str:
    words = rng.choice(_VOCABULARY, size // 5)
    return " ".join(words.tolist())[:size]


def fetches(run: Run, shape: Shape, seed: int = 0) -> pa.Table:
    """The run's fetches, with ``source`` and ``dt`` columns for the formats that keep them in the data."""
    rng = np.random.default_rng([seed, run.day, run.hour])
    rows = []
    for s in range(shape.sources):
        source = f"source-{s:02d}"
        for i in range(shape.fetches_per_source):
            url = f"https://{source}.example/{run.run_id}/{i}"
            rows.append(
                {
                    "url": url,
                    "final_url": url,
                    "redirect_urls": [],
                    "role": "article",
                    "status": 200,
                    "headers": [{"name": "content-type", "value": "text/html; charset=utf-8"}],
                    "body": _prose(rng, shape.body_bytes).encode(),
                    "content_type": "text/html",
                    "used_encoding": "utf-8",
                    "hints": [("lastmod", run.started.isoformat())],
                    "fetched_at": run.started,
                    "source_id": source,
                    "source_ids": [source],
                    "run_id": run.run_id,
                }
            )
    table = pa.Table.from_pylist(rows, schema=FETCHES)
    return table.append_column("source", table["source_id"]).append_column("dt", pa.array([run.dt] * len(rows)))


def articles(run: Run, shape: Shape, seed: int = 0) -> pa.Table:
    rng = np.random.default_rng([seed, run.day, run.hour, 1])
    rows = [
        {
            "article_id": f"{run.run_id}-{i:05d}",
            "url": f"https://source-00.example/{run.run_id}/{i}",
            "source_id": "source-00",
            "source_ids": ["source-00"],
            "title": f"Story {i} of {run.run_id}",
            "text": _prose(rng, shape.text_bytes),
            "published_at": run.started,
            "authors": ["A. Writer"],
            "language": "en",
            "fetched_at": run.started,
            "content_hash": f"{run.run_id}-{i:05d}",
            "cluster_id": f"{run.run_id}-{i:05d}",
            "is_canonical": True,
            "run_id": run.run_id,
        }
        for i in range(shape.articles)
    ]
    table = pa.Table.from_pylist(rows, schema=ARTICLES)
    return table.append_column("dt", pa.array([run.dt] * len(rows)))


def runs(run: Run, shape: Shape) -> pa.Table:
    rows = [
        {
            "run_id": run.run_id,
            "source_id": f"source-{s:02d}",
            "fetched": shape.fetches_per_source,
            "articles": shape.articles // shape.sources,
            "rejects_by_reason": [("not_article", 1)],
            "started_at": run.started,
            "finished_at": run.started + timedelta(minutes=5),
            "stage_seconds": [("crawl", 30.0)],
            "newslake_version": "bench",
        }
        for s in range(shape.sources)
    ]
    table = pa.Table.from_pylist(rows, schema=RUNS)
    return table.append_column("dt", pa.array([run.dt] * len(rows)))


def run_tables(run: Run, shape: Shape) -> dict[str, pa.Table]:
    """Everything one run writes, by table name."""
    return {"fetches": fetches(run, shape), "articles": articles(run, shape), "runs": runs(run, shape)}
