"""Back off before every retry: a site that says so is paused, a failing page waits longer each time.

Scrapy's retry middleware re-sends a failed request at once. This middleware sits just below
it and sees every answer and download failure first. When one will be retried:

- a 429 or 503 pauses the whole host for the ``Retry-After`` the answer gives (seconds or an
  HTTP date), else for the exponential backoff below; every request to that host, the retry
  included, waits out the pause;
- any other retried status (500, 502, 504, …) and any retried failure (a timeout, a reset or
  truncated connection) holds only that request's retry back, for ``NEWSLAKE_RETRY_BACKOFF``
  × 2^attempt seconds (1 s, 2 s, … by default).

No wait is ever longer than ``NEWSLAKE_RETRY_MAX_WAIT``. The retry is a copy of the request
(meta included), so the time it may leave travels with it in ``meta``.
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
from scrapy.utils.misc import load_object

BACKOFF_SETTING = "NEWSLAKE_RETRY_BACKOFF"
MAX_WAIT_SETTING = "NEWSLAKE_RETRY_MAX_WAIT"
PAUSE_STAT = "newslake/retry_after/pauses"
PAUSED_SECONDS_STAT = "newslake/retry_after/seconds"
BACKOFF_STAT = "newslake/retry_backoff/waits"
BACKOFF_MS_STAT = "newslake/retry_backoff/milliseconds"
NOT_BEFORE_META = "newslake_retry_not_before"  # monotonic time a retry may leave
HOST_PAUSE_STATUSES = frozenset({429, 503})
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


def backoff_seconds(attempt: int, base: float, max_wait: float) -> float:
    """The wait before retry number ``attempt + 1``: ``base`` × 2^attempt, at most ``max_wait``."""
    return float(min(base * 2 ** min(attempt, 30), max_wait))


class RetryAfterMiddleware:
    """Downloader middleware delaying every retry: host pauses for 429/503, exponential backoff otherwise."""

    def __init__(
        self,
        crawler: Crawler,
        retry_times: int,
        backoff: float,
        max_wait: float,
        retry_statuses: frozenset[int] = frozenset(),
        retry_exceptions: tuple[type[BaseException], ...] = (),
    ) -> None:
        self.crawler = crawler
        self.retry_times = retry_times
        self.backoff = backoff
        self.max_wait = max_wait
        self.retry_statuses = retry_statuses | HOST_PAUSE_STATUSES
        self.retry_exceptions = retry_exceptions
        self._paused_until: dict[str, float] = {}  # host → monotonic time the pause ends

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """Read the retry count, what is retried (as RetryMiddleware reads it) and the backoff settings."""
        settings = crawler.settings
        exceptions = tuple(
            load_object(name) if isinstance(name, str) else name for name in settings.getlist("RETRY_EXCEPTIONS")
        )
        return cls(
            crawler,
            settings.getint("RETRY_TIMES"),
            settings.getfloat(BACKOFF_SETTING, 1.0),
            settings.getfloat(MAX_WAIT_SETTING, 120.0),
            frozenset(int(code) for code in settings.getlist("RETRY_HTTP_CODES")),
            exceptions,
        )

    async def process_request(self, request: Request) -> None:
        """Hold a request until its host's pause and its own backoff have passed."""
        until = max(
            self._paused_until.get(urlparse_cached(request).netloc, 0.0), request.meta.get(NOT_BEFORE_META, 0.0)
        )
        if (remaining := until - time.monotonic()) > 0:
            await asyncio.sleep(remaining)

    def process_response(self, request: Request, response: Response) -> Response:
        """Schedule the wait before the retry of an answer that the retry middleware will retry."""
        if response.status not in self.retry_statuses or not self._will_retry(request):
            return response
        attempt = request.meta.get("retry_times", 0)
        netloc = urlparse_cached(request).netloc
        if response.status in HOST_PAUSE_STATUSES:
            header = response.headers.get(b"Retry-After")
            asked = retry_after_seconds(header.decode("latin-1") if header else None, time.time())
            wait = min(asked, self.max_wait) if asked is not None else self._backoff(attempt)
            self._paused_until[netloc] = max(self._paused_until.get(netloc, 0.0), time.monotonic() + wait)
            if self.crawler.stats is not None:
                self.crawler.stats.inc_value(PAUSE_STAT)
                self.crawler.stats.inc_value(PAUSED_SECONDS_STAT, round(wait))
            logger.info("%s answered %d; pausing %s for %.1f s", request.url, response.status, netloc, wait)
        else:
            wait = self._hold_retry(request, attempt)
            logger.info("%s answered %d; retrying it in %.1f s", request.url, response.status, wait)
        return response

    def process_exception(self, request: Request, exception: Exception) -> None:
        """Schedule the wait before the retry of a failed download (a timeout, a dropped connection)."""
        if isinstance(exception, self.retry_exceptions) and self._will_retry(request):
            wait = self._hold_retry(request, request.meta.get("retry_times", 0))
            logger.info("%s failed (%s); retrying it in %.1f s", request.url, type(exception).__name__, wait)

    def _will_retry(self, request: Request) -> bool:
        if request.meta.get("dont_retry"):
            return False
        return bool(request.meta.get("retry_times", 0) < request.meta.get("max_retry_times", self.retry_times))

    def _backoff(self, attempt: int) -> float:
        return backoff_seconds(attempt, self.backoff, self.max_wait)

    def _hold_retry(self, request: Request, attempt: int) -> float:
        wait = self._backoff(attempt)
        request.meta[NOT_BEFORE_META] = time.monotonic() + wait  # copied into the retry
        if self.crawler.stats is not None:
            self.crawler.stats.inc_value(BACKOFF_STAT)
            self.crawler.stats.inc_value(BACKOFF_MS_STAT, round(wait * 1000))
        return wait
