"""The raw writer: every fetch record of a site's crawl, streamed to Parquet files in the lake.

Rows are written in row groups to a local spool file as they arrive, so memory stays flat
however long the crawl. Which sources found a page is only known once the crawl ends (the
sitemap may list a page the feed's fetch already recorded), so at the end the spool is read
back a row group at a time, each record gets its final ``source_ids`` (``source_id`` is the
first of them in the sources file's order), and is committed as its source's rows of the
``fetches`` table's day (``dt=…``, the ``source`` column set). Every source of the site gets
one commit, empty or not, replacing what the run fetched for it before, so a rerun of the run
replaces them all; the crawls of other sites commit to the same day at the same time.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, Self

import pyarrow.parquet as pq
from scrapy.crawler import Crawler

from transforms.edge.lake import open_lake
from transforms.edge.spool import RowSpool
from transforms.rows import FetchRow
from transforms.schemas import FETCHES

ROW_GROUP = 200
WRITTEN_STAT = "newslake/fetches_files"
logger = logging.getLogger(__name__)


class FetchWriter:
    """Scrapy item pipeline committing each source's fetch records to the ``fetches`` table, one commit per source."""

    def __init__(self, crawler: Crawler, lake_uri: str, run_id: str, dt: str, source_ids: list[str]) -> None:
        self.crawler = crawler
        self.lake_uri, self.run_id, self.dt, self.source_ids = lake_uri, run_id, dt, source_ids
        self._folder = Path(tempfile.mkdtemp(prefix="newslake-fetches-"))
        self._spool = RowSpool(self._folder / "spool.parquet", FETCHES, row_group=ROW_GROUP)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """Read where to write from the crawl's settings."""
        settings = crawler.settings
        return cls(
            crawler,
            settings["NEWSLAKE_LAKE"],
            settings["NEWSLAKE_RUN_ID"],
            settings["NEWSLAKE_DT"],
            settings.getlist("NEWSLAKE_SOURCES"),
        )

    def process_item(self, item: FetchRow) -> dict[str, Any]:
        """Buffer one record; a row group is written when the buffer is full."""
        self._spool.add([item])
        return {"url": item["url"], "role": item["role"], "status": item["status"], "error": item["error"]}

    def close_spider(self) -> None:
        """Give each record its finders, split the records by source and commit each source's to the lake."""
        try:
            spooled = self._spool.finish()
            files = self._split(spooled, getattr(self.crawler.spider, "finders", None))
            lake = open_lake(self.lake_uri)
            for source_id, path in files.items():
                lake.commit("fetches", FETCHES, {"dt": self.dt}, self.run_id, path, scope={"source": source_id})
            paths = [lake.display(lake.partition_dir("fetches", {"dt": self.dt}))]
        finally:
            shutil.rmtree(self._folder, ignore_errors=True)
        if self.crawler.stats is not None:  # the crawl checks this to know its fetches landed
            self.crawler.stats.set_value(WRITTEN_STAT, paths)
        logger.info("committed %d fetch records of %d sources", self._spool.rows, len(files))

    def _split(self, spooled: Path, finders: Callable[[str], list[str]] | None) -> dict[str, Path]:
        """One file per source of the site, each record in its first finder's."""
        outputs = {
            source_id: RowSpool(self._folder / f"{source_id}.parquet", FETCHES, row_group=ROW_GROUP)
            for source_id in self.source_ids
        }
        spool = pq.ParquetFile(spooled)
        for group in range(spool.num_row_groups):
            for row in spool.read_row_group(group).to_pylist():
                shared = finders is not None and row["role"] == "article" and row["error"] != "duplicate_url"
                row["source_ids"] = (finders(row["url"]) if shared else []) or [row["source_id"]]  # type: ignore[misc]
                row["source_id"] = row["source_ids"][0]
                outputs[row["source_id"]].add([row])
        return {source_id: output.finish() for source_id, output in outputs.items()}
