"""Honour robots.txt ``Crawl-delay``: requests to a host leave at least that many seconds apart.

Scrapy's robots.txt middleware obeys ``Disallow`` but not ``Crawl-delay``, and AutoThrottle
would lower any delay put on a download slot. So this middleware keeps its own schedule per
host, from the parsed robots.txt (the ``robots_parsed`` signal), and holds each request until
its turn. A delay above ``NEWSLAKE_MAX_CRAWL_DELAY`` seconds is capped, with a warning.
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any, Self

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.http import Request
from scrapy.robotstxt import RobotParser
from scrapy.utils.httpobj import urlparse_cached

MAX_DELAY_SETTING = "NEWSLAKE_MAX_CRAWL_DELAY"
DELAY_STAT = "newslake/crawl_delay/seconds"
WAIT_STAT = "newslake/crawl_delay/waits"
logger = logging.getLogger(__name__)


class CrawlDelayMiddleware:
    """Downloader middleware spacing requests to each host by its robots.txt Crawl-delay."""

    def __init__(self, crawler: Crawler, user_agent: str, max_delay: float) -> None:
        self.crawler = crawler
        self.user_agent = user_agent
        self.max_delay = max_delay
        self.delays: dict[str, float] = {}
        self._next: dict[str, float] = {}  # host → monotonic time its next request may leave
        crawler.signals.connect(self._robots_parsed, signal=signals.robots_parsed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """Read the user agent robots.txt rules are matched against, and the cap."""
        settings = crawler.settings
        user_agent = settings.get("ROBOTSTXT_USER_AGENT") or settings.get("USER_AGENT") or "*"
        return cls(crawler, user_agent, settings.getfloat(MAX_DELAY_SETTING, 30.0))

    def _robots_parsed(self, robotparser: RobotParser, request: Request, **_: Any) -> None:
        delay = robotparser.crawl_delay(self.user_agent)
        if not delay:
            return
        netloc = urlparse_cached(request).netloc
        if delay > self.max_delay:
            logger.warning("%s asks for a Crawl-delay of %s s; using %s s", netloc, delay, self.max_delay)
            delay = self.max_delay
        self.delays[netloc] = delay
        if self.crawler.stats is not None:
            self.crawler.stats.set_value(DELAY_STAT, delay)

    async def process_request(self, request: Request) -> None:
        """Hold the request until the host's Crawl-delay since the previous one has passed."""
        netloc = urlparse_cached(request).netloc
        delay = self.delays.get(netloc)
        if not delay:
            return
        now = time.monotonic()
        turn = max(now, self._next.get(netloc, now))
        self._next[netloc] = turn + delay
        if turn > now:
            if self.crawler.stats is not None:
                self.crawler.stats.inc_value(WAIT_STAT)
            await asyncio.sleep(turn - now)
