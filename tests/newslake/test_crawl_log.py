"""A crawl task's log: Scrapy's records at their own levels, the crawl's outcome last."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from newslake import airflow_tasks
from newslake.crawl_log import CrawlLogRelay


def test_a_successful_crawl_logs_no_error_and_ends_with_its_outcome(
    wire_sources: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv("NEWSLAKE_SOURCES", str(wire_sources))
    monkeypatch.setenv("NEWSLAKE_LAKE", str(tmp_path / "lake"))
    with caplog.at_level(logging.DEBUG):
        (site,) = airflow_tasks.plan(["wire-rss"])
        result = airflow_tasks.crawl(site, "manual__2026-04-17", "2026-04-17", None)

    assert result["exit_code"] == 0
    crawl_records = [r for r in caplog.records if r.name.startswith("newslake.")]
    scrapy = [r for r in crawl_records if r.name == f"newslake.crawl.{site['site']}"]
    assert len(scrapy) > 10  # Scrapy's own records came through, each at its level
    assert {r.levelname for r in scrapy} <= {"DEBUG", "INFO", "WARNING"}
    # The fixture's page that answers 500 three times is a reject row, so a warning here.
    assert any(r.levelname == "WARNING" and "Gave up retrying" in r.getMessage() for r in scrapy)
    assert [r for r in caplog.records if r.levelno >= logging.ERROR] == []
    assert any("Dumping Scrapy stats" in r.getMessage() and "item_scraped_count" in r.getMessage() for r in scrapy)
    assert crawl_records[-1].getMessage().startswith(f"site {site['label']}: ")


def test_errors_stay_errors_with_their_traceback_and_warnings_stay_warnings(caplog: pytest.LogCaptureFixture) -> None:
    relay = CrawlLogRelay(logging.getLogger("newslake.crawl.test"))
    lines = [
        "2026-04-17 10:00:00 [scrapy.core.engine] INFO: Spider opened",
        "/venv/lib/scrapy/utils.py:12: ScrapyDeprecationWarning: use start()",
        "2026-04-17 10:00:01 [scrapy.core.scraper] ERROR: Spider error processing <GET http://127.0.0.1/a>",
        "Traceback (most recent call last):",
        '  File "spider.py", line 3, in parse',
        "ValueError: bad page",
        "2026-04-17 10:00:02 [scrapy.downloadermiddlewares.retry] ERROR: Gave up retrying <GET http://127.0.0.1/b>",
        "error: source 'wire-rss': none of its start URLs could be fetched",
    ]
    with caplog.at_level(logging.DEBUG, logger="newslake.crawl.test"):
        for line in lines:
            relay.feed(line)
        relay.close()
    assert [(r.levelname, r.getMessage().splitlines()[0]) for r in caplog.records] == [
        ("INFO", "[scrapy.core.engine] Spider opened"),
        ("WARNING", lines[1]),
        ("ERROR", "[scrapy.core.scraper] Spider error processing <GET http://127.0.0.1/a>"),
        ("WARNING", "[scrapy.downloadermiddlewares.retry] Gave up retrying <GET http://127.0.0.1/b>"),
        ("ERROR", lines[-1]),
    ]
    assert caplog.records[2].getMessage().endswith("ValueError: bad page")
