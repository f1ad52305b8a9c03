"""A crawl child's log, re-logged line by line at the level each line was written at.

An Airflow task shows whatever a task writes to stderr as errors, so a crawl child's log
relayed raw turns every Scrapy INFO line into an error and buries a real failure among them.
Here each Scrapy record (``2026-04-17 10:00:00 [scrapy.core.engine] INFO: Spider opened``)
keeps its level, our crawl's own ``error: …`` lines are errors, Python warnings are warnings,
and the lines that follow a record without a header of their own (a traceback, the stats
dump) travel with it as one multi-line record.
"""

from __future__ import annotations

import logging
import re

_RECORD = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \[(?P<name>[^\]]+)\] (?P<level>[A-Z]+): (?P<message>.*)$")
_WARNING = re.compile(r"^\S+:\d+: \w*Warning: ")
_LEVELS = {"DEBUG": logging.DEBUG, "INFO": logging.INFO, "WARNING": logging.WARNING}
# Scrapy logs a page it gave up on as an error, but for the run that page is an outcome: it
# becomes a reject row with its reason (http_error, timeout, …) and the crawl goes on. Such
# records are warnings here; spider errors (a bug in our code) stay errors.
_PAGE_GIVEN_UP = re.compile(r"^(Gave up retrying|Error downloading) <")


class CrawlLogRelay:
    """Feed it the child's stderr lines; it logs each record to ``logger`` at the record's level."""

    def __init__(self, logger: logging.Logger) -> None:
        self.logger = logger
        self._level = logging.INFO
        self._lines: list[str] = []

    def feed(self, line: str) -> None:
        """Take one line: a new record flushes the one before it; any other line continues it."""
        level, text = line_level(line)
        if level is None:
            if line.strip():
                self._lines.append(line)
            return
        self.close()
        self._level, self._lines = level, [text]

    def close(self) -> None:
        """Log the record still being collected."""
        if self._lines:
            self.logger.log(self._level, "%s", "\n".join(self._lines))
        self._lines = []


def line_level(line: str) -> tuple[int | None, str]:
    """The level of a line that starts a record and its text; (None, line) for a continuation."""
    record = _RECORD.match(line)
    if record:
        level = _LEVELS.get(record["level"], logging.ERROR)
        if level == logging.ERROR and _PAGE_GIVEN_UP.match(record["message"]):
            level = logging.WARNING
        return level, f"[{record['name']}] {record['message']}"
    if line.startswith("error: "):
        return logging.ERROR, line
    if _WARNING.match(line):
        return logging.WARNING, line
    return None, line
