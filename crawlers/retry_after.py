"""Back off when a site says so: 429 and 503 answers pause the host before the retry.

Scrapy's retry middleware re-sends a 429/503 at once. This middleware sits just below it:
when a 429 or 503 will be retried, the host is paused for the ``Retry-After`` the answer
gives (seconds or an HTTP date), else for an exponential backoff
(``NEWSLAKE_RETRY_BACKOFF`` × 2^attempt), never longer than ``NEWSLAKE_RETRY_MAX_WAIT``;
every request to that host, the retry included, waits out the pause.
"""

from __future__ import annotations

import asyncio
import logging
import time
from email.utils import parsedate_to_datetime
from typing import Self

from scrapy.crawler import Crawler
from scrapy.http import Request, Response
from scrapy.utils.httpobj import urlparse_cached

BACKOFF_SETTING = "NEWSLAKE_RETRY_BACKOFF"
MAX_WAIT_SETTING = "NEWSLAKE_RETRY_MAX_WAIT"
PAUSE_STAT = "newslake/retry_after/pauses"
PAUSED_SECONDS_STAT = "newslake/retry_after/seconds"
BACKOFF_STATUSES = frozenset({429, 503})
logger = logging.getLogger(__name__)


def retry_after_seconds(value: str | None, now: float) -> float | None:
    """Seconds a ``Retry-After`` value asks to wait (``now`` is the Unix time); None if unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - now)
    except (TypeError, ValueError, IndexError):
        return None


class RetryAfterMiddleware:
    """Downloader middleware pausing a host after a 429 or 503 that will be retried."""

    def __init__(self, crawler: Crawler, retry_times: int, backoff: float, max_wait: float) -> None:
        self.crawler = crawler
        self.retry_times = retry_times
        self.backoff = backoff
        self.max_wait = max_wait
        self._paused_until: dict[str, float] = {}  # host → monotonic time the pause ends

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """Read the retry count and the backoff settings."""
        settings = crawler.settings
        return cls(
            crawler,
            settings.getint("RETRY_TIMES"),
            settings.getfloat(BACKOFF_SETTING, 1.0),
            settings.getfloat(MAX_WAIT_SETTING, 120.0),
        )

    async def process_request(self, request: Request) -> None:
        """Hold a request to a paused host until the pause ends."""
        until = self._paused_until.get(urlparse_cached(request).netloc)
        if until is not None and (remaining := until - time.monotonic()) > 0:
            await asyncio.sleep(remaining)

    def process_response(self, request: Request, response: Response) -> Response:
        """Pause the host when the answer is a 429/503 that the retry middleware will retry."""
        if response.status not in BACKOFF_STATUSES or request.meta.get("dont_retry"):
            return response
        attempt = request.meta.get("retry_times", 0)
        if attempt >= request.meta.get("max_retry_times", self.retry_times):
            return response
        header = response.headers.get(b"Retry-After")
        asked = retry_after_seconds(header.decode("latin-1") if header else None, time.time())
        wait = min(asked if asked is not None else self.backoff * 2**attempt, self.max_wait)
        netloc = urlparse_cached(request).netloc
        self._paused_until[netloc] = max(self._paused_until.get(netloc, 0.0), time.monotonic() + wait)
        if self.crawler.stats is not None:
            self.crawler.stats.inc_value(PAUSE_STAT)
            self.crawler.stats.inc_value(PAUSED_SECONDS_STAT, round(wait))
        logger.info("%s answered %d; pausing %s for %.1f s", request.url, response.status, netloc, wait)
        return response
