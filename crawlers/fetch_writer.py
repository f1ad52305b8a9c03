"""The raw writer: every fetch record of a crawl, streamed to one Parquet file in the lake.

Rows are written in row groups to a local spool file as they arrive, so memory stays flat
however long the crawl; the finished file is moved into the lake in one atomic step at the
end, named for the run, so a rerun of the run replaces it.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from pathlib import Path
from typing import Any, Self

from scrapy.crawler import Crawler

from transforms.edge.lake import open_lake
from transforms.edge.spool import RowSpool
from transforms.layout import run_key
from transforms.rows import FetchRow
from transforms.schemas import FETCHES

ROW_GROUP = 200
WRITTEN_STAT = "newslake/fetches_file"
logger = logging.getLogger(__name__)


class FetchWriter:
    """Scrapy item pipeline writing fetch records to ``fetches/source=…/dt=…/RUN.parquet``."""

    def __init__(self, crawler: Crawler, lake_uri: str, run_id: str, dt: str, source_id: str) -> None:
        self.crawler = crawler
        self.lake_uri, self.run_id, self.dt, self.source_id = lake_uri, run_id, dt, source_id
        folder = Path(tempfile.mkdtemp(prefix="newslake-fetches-"))
        self._spool = RowSpool(folder / "fetches.parquet", FETCHES, row_group=ROW_GROUP)
        self.path: str | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """Read where to write from the crawl's settings."""
        settings = crawler.settings
        return cls(
            crawler,
            settings["NEWSLAKE_LAKE"],
            settings["NEWSLAKE_RUN_ID"],
            settings["NEWSLAKE_DT"],
            settings["NEWSLAKE_SOURCE"],
        )

    def process_item(self, item: FetchRow) -> dict[str, Any]:
        """Buffer one record; a row group is written when the buffer is full."""
        self._spool.add([item])
        return {"url": item["url"], "role": item["role"], "status": item["status"], "error": item["error"]}

    def close_spider(self) -> None:
        """Finish the file and move it into the lake."""
        try:
            finished = self._spool.finish()
            lake = open_lake(self.lake_uri)
            partitions = {"source": self.source_id, "dt": self.dt}
            self.path = lake.put("fetches", partitions, run_key(self.run_id), finished)
        finally:
            shutil.rmtree(self._spool.path.parent, ignore_errors=True)
        if self.crawler.stats is not None:  # the crawl checks this to know its fetches landed
            self.crawler.stats.set_value(WRITTEN_STAT, lake.display(self.path))
        logger.info("wrote %d fetch records to %s", self.written, lake.display(self.path))

    @property
    def written(self) -> int:
        """Fetch records received so far."""
        return self._spool.rows
