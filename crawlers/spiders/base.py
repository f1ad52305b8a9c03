"""What every newslake spider shares: one source, one run, and an account of every URL.

Discovery kinds differ only in how they find article links; the bookkeeping is the same for
all of them: a link is normalised, then fetched once, or recorded as a duplicate, off-site or
over the page limit. Discovery pages (feeds, sitemaps, listing pages) are fetched once per
run each, conditionally when an earlier run left an ETag or Last-Modified, and at most
``MAX_DISCOVERY_PAGES`` of them. Start URLs are tracked so a crawl that could fetch none of
them fails loudly instead of finishing green with zero rows.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DontCloseSpider
from scrapy.http import Request, Response
from twisted.python.failure import Failure

from crawlers.records import RECEIVED_META, failure_record, response_record, skipped_record
from transforms.rows import FetchRow
from transforms.sources import Source
from transforms.urls import normalise_url

MAX_DISCOVERY_PAGES = 500
# Article requests handed to Scrapy's scheduler at a time; the rest wait as (url, hints) pairs.
# A 50,000-URL urlset would otherwise queue 50,000 Request objects at once (~3 KB each).
ARTICLE_WINDOW = 1000
NOT_MODIFIED = 304


class NewsSpider(scrapy.Spider):
    """Base spider: subclasses implement ``parse_start`` for their discovery kind."""

    name = "news"

    def __init__(
        self,
        source: Source,
        run_id: str,
        max_pages: int | None = None,
        fetched_before: set[str] | None = None,
        validators: dict[str, dict[str, str]] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(name=f"{self.name}:{source.id}", **kwargs)
        self.source = source
        self.run_id = run_id
        self.max_pages = max_pages or source.max_pages
        self.start_outcomes: dict[str, str] = {}
        self._seen: set[str] = set()
        self._seen_discovery: set[str] = set()
        self._fetched_before = fetched_before or set()
        self._validators = validators or {}
        self.requested = 0
        self._waiting: deque[tuple[str, dict[str, str]]] = deque()
        self._in_flight = 0
        self.skipped_seen = 0
        self.discovery_requested = 0
        self.not_modified = 0

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> NewsSpider:
        """The spider, counting body bytes per request so an over-size stream is recognised."""
        spider: NewsSpider = super().from_crawler(crawler, *args, **kwargs)
        crawler.signals.connect(spider._headers_received, signal=signals.headers_received)
        crawler.signals.connect(spider._bytes_received, signal=signals.bytes_received)
        crawler.signals.connect(spider._idle, signal=signals.spider_idle)
        return spider

    def _headers_received(self, request: Request, **_: Any) -> None:
        request.meta[RECEIVED_META] = 0  # a new answer (a retry's meta is a copy of the last try's)

    def _bytes_received(self, data: bytes, request: Request, **_: Any) -> None:
        request.meta[RECEIVED_META] = request.meta.get(RECEIVED_META, 0) + len(data)

    async def start(self) -> Any:  # an async generator of requests (Scrapy ≥ 2.13 API)
        """Request each start URL; ``start_requests`` is not called by Scrapy 2.19."""
        for url in self.source.urls:
            self.start_outcomes[url] = "not fetched"
            for request in self.start_requests_for(url):
                yield request

    def start_requests_for(self, url: str) -> Iterator[Request]:
        """The first request(s) for a configured start URL; kinds may fetch something else first."""
        yield from self.discovery_request(url, start_url=url)

    def parse_start(self, response: Response) -> Iterator[Any]:
        """Find article links (and further discovery pages) in a discovery page."""
        raise NotImplementedError

    def discovery_request(
        self, url: str, *, start_url: str | None = None, conditional: bool = True, **meta: Any
    ) -> Iterator[Any]:
        """Request a feed, sitemap or listing page once per run, conditionally when we can."""
        url = normalise_url(url)
        if url in self._seen_discovery:
            return
        self._seen_discovery.add(url)
        if self.discovery_requested >= MAX_DISCOVERY_PAGES:
            detail = f"the run's limit of {MAX_DISCOVERY_PAGES} discovery pages was reached"
            yield skipped_record(url, "discovery", "page_limit", detail, self.source.id, self.run_id)
            return
        self.discovery_requested += 1
        headers = self._validators.get(url, {}) if conditional else {}
        yield Request(
            url,
            callback=self._discovery_response,
            errback=self._discovery_failed,
            dont_filter=True,
            headers=headers,
            meta={"role": "discovery", "discovered_url": url, "start_url": start_url, **meta},
        )

    def article_request(self, link: str, base_url: str, hints: dict[str, str]) -> Iterator[Any]:
        """Request an article link once, or record why it was not requested."""
        url = normalise_url(link, base_url)
        if url in self._seen:
            yield self._skipped(url, "duplicate_url", "the run already met this URL")
            return
        self._seen.add(url)
        if not self.on_site(url):
            yield self._skipped(url, "offsite", f"{urlsplit(url).hostname} is not among the source's domains")
            return
        if url in self._fetched_before:
            self.skipped_seen += 1
            yield self._skipped(url, "seen_before", "an earlier run fetched this page (use --recrawl to fetch again)")
            return
        if self.requested >= self.max_pages:
            yield self._skipped(url, "page_limit", f"the source's max_pages ({self.max_pages}) was reached")
            return
        self.requested += 1
        self._waiting.append((url, hints))
        yield from self._release()

    def _release(self) -> Iterator[Request]:
        """Article requests for waiting URLs, while fewer than ``ARTICLE_WINDOW`` are in flight."""
        while self._waiting and self._in_flight < ARTICLE_WINDOW:
            url, hints = self._waiting.popleft()
            self._in_flight += 1
            yield Request(
                url,
                callback=self._article_response,
                errback=self._failed,
                # We deduplicate ourselves; Scrapy's filter would silently drop a redirect to a page
                # already fetched, leaving its URL with neither an article nor a reject.
                dont_filter=True,
                meta={"role": "article", "hints": hints, "discovered_url": url},
            )

    def _article_done(self) -> Iterator[Request]:
        self._in_flight -= 1
        yield from self._release()

    def _idle(self) -> None:
        """Should URLs still wait when nothing is in flight (a request dropped without an answer), send them."""
        if not self._waiting:
            return
        self._in_flight = 0
        for request in self._release():
            self.crawler.engine.crawl(request)
        raise DontCloseSpider

    def on_site(self, url: str) -> bool:
        """True when ``url`` is on one of the source's domains (or a subdomain of one)."""
        host = (urlsplit(url).hostname or "").lower()
        return any(host == domain or host.endswith("." + domain) for domain in self.source.domains)

    def _discovery_response(self, response: Response) -> Iterator[Any]:
        start_url = response.meta.get("start_url")
        record = response_record(response, "discovery", self.source.id, self.run_id)
        if response.status == NOT_MODIFIED:
            self.not_modified += 1
            outcome = "ok (not modified since the last run)"
        elif response.status >= 400:
            outcome = f"HTTP {response.status}"
        else:
            found = list(self.parse_start(response))  # bounded: one discovery page's links
            if why := response.meta.get("unusable"):
                record |= {"error": "bad_discovery", "error_detail": why}
            elif start_url:
                self.start_outcomes[start_url] = "ok"
            yield record
            yield from found
            return
        if start_url:
            self.start_outcomes[start_url] = outcome
        yield record

    def _discovery_failed(self, failure: Failure) -> Iterator[Any]:
        record = failure_record(failure, self.source.id, self.run_id, self._max_bytes())
        start_url = failure.request.meta.get("start_url")  # type: ignore[attr-defined]
        if start_url:
            self.start_outcomes[start_url] = record["error_detail"] or record["error"] or "failed"
        yield record

    def _article_response(self, response: Response) -> Iterator[Any]:
        yield response_record(response, "article", self.source.id, self.run_id)
        yield from self._article_done()

    def _failed(self, failure: Failure) -> Iterator[Any]:
        yield failure_record(failure, self.source.id, self.run_id, self._max_bytes())
        yield from self._article_done()

    def _max_bytes(self) -> int:
        return self.settings.getint("DOWNLOAD_MAXSIZE") if hasattr(self, "settings") else 0

    def _skipped(self, url: str, error: str, detail: str) -> FetchRow:
        return skipped_record(url, "article", error, detail, self.source.id, self.run_id)

    def mark_unusable(self, response: Response, why: str) -> None:
        """A discovery page answered but held nothing to crawl (not a feed, say): a reject, and a failed start."""
        response.meta["unusable"] = why
        start_url = response.meta.get("start_url")
        if start_url:
            self.start_outcomes[start_url] = why
