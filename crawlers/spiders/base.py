"""The site spider: every source of one site in one crawl, and an account of every URL.

A site's sources (an RSS feed, an Atom feed, a sitemap, a section listing…) each find article
links their own way, through a :class:`Discoverer` of their kind; the spider owns what they
share: one frontier and one duplicate filter on normalised URLs, so a page several sources
list is fetched once, and Scrapy's per-host politeness over all of them. Every source that
found a page is remembered (:meth:`SiteSpider.finders`); the fetch writer records them on the
page's one fetch record. A link the same source lists twice is recorded as a duplicate.

Discovery pages (feeds, sitemaps, listing pages) are fetched once per run and source each,
conditionally when an earlier run left an ETag or Last-Modified, and at most
``MAX_DISCOVERY_PAGES`` of them per source. Start URLs are tracked per source so a source that
could fetch none of them fails loudly instead of finishing green with zero rows.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from typing import Any, ClassVar
from urllib.parse import urlsplit

import scrapy
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DontCloseSpider
from scrapy.http import Request, Response
from twisted.python.failure import Failure

from crawlers.records import RECEIVED_META, failure_record, response_record, skipped_record
from transforms.rows import FetchRow
from transforms.sites import Site
from transforms.sources import Source
from transforms.urls import normalise_url

MAX_DISCOVERY_PAGES = 500
# Article requests handed to Scrapy's scheduler at a time; the rest wait as (url, source) pairs.
# A 50,000-URL urlset would otherwise queue 50,000 Request objects at once (~3 KB each).
ARTICLE_WINDOW = 1000
NOT_MODIFIED = 304


class Discoverer:
    """How one source finds article links; subclasses implement ``parse`` for their kind."""

    def __init__(self, spider: SiteSpider, source: Source) -> None:
        self.spider = spider
        self.source = source

    def start_requests_for(self, url: str) -> Iterator[Any]:
        """The first request(s) for a configured start URL; kinds may fetch something else first."""
        yield from self.discovery_request(url, start_url=url)

    def parse(self, response: Response) -> Iterator[Any]:
        """Find article links (and further discovery pages) in a discovery page."""
        raise NotImplementedError

    def discovery_request(self, url: str, **meta: Any) -> Iterator[Any]:
        """Request a discovery page for this source (see :meth:`SiteSpider.discovery_request`)."""
        yield from self.spider.discovery_request(self.source, url, **meta)

    def article_request(self, link: str, base_url: str, hints: dict[str, str]) -> Iterator[Any]:
        """Request an article link this source found (see :meth:`SiteSpider.article_request`)."""
        yield from self.spider.article_request(self.source, link, base_url, hints)

    def on_site(self, url: str) -> bool:
        """True when ``url`` is on one of the source's domains (or a subdomain of one)."""
        host = (urlsplit(url).hostname or "").lower()
        return any(host == domain or host.endswith("." + domain) for domain in self.source.domains)

    def mark_unusable(self, response: Response, why: str) -> None:
        """A discovery page answered but held nothing to crawl (not a feed, say): a reject, and a failed start."""
        response.meta["unusable"] = why
        start_url = response.meta.get("start_url")
        if start_url:
            self.spider.start_outcomes[self.source.id][start_url] = why

    @property
    def logger(self) -> Any:
        """The spider's logger."""
        return self.spider.logger


class SiteSpider(scrapy.Spider):
    """One crawl of a site's sources; ``discoverers`` maps each source kind to its :class:`Discoverer`."""

    name = "site"
    discoverers: ClassVar[dict[str, type[Discoverer]]] = {}

    def __init__(
        self,
        site: Site,
        run_id: str,
        max_pages: int | None = None,
        fetched_before: set[str] | None = None,
        validators: dict[str, dict[str, str]] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(name=f"{self.name}:{site.name}", **kwargs)
        self.site = site
        self.run_id = run_id
        self.sources = {source.id: source for source in site.sources}
        self._kinds = {source.id: self.discoverers[source.kind](self, source) for source in site.sources}
        self.max_pages = {source.id: max_pages or source.max_pages for source in site.sources}
        self.start_outcomes: dict[str, dict[str, str]] = {source.id: {} for source in site.sources}
        self.requested = dict.fromkeys(self.sources, 0)  # article pages each source was first to find
        self.found = dict.fromkeys(self.sources, 0)  # article links each source found, shared ones included
        self.skipped_seen = dict.fromkeys(self.sources, 0)
        self.not_modified = dict.fromkeys(self.sources, 0)
        self.discovery_requested = dict.fromkeys(self.sources, 0)
        self._found: dict[str, tuple[list[str], dict[str, str]]] = {}  # URL → its finders, its hints
        self._seen_discovery: set[tuple[str, str]] = set()
        self._fetched_before = fetched_before or set()
        self._validators = validators or {}
        self._waiting: deque[tuple[str, dict[str, str]]] = deque()
        self._in_flight = 0

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> SiteSpider:
        """The spider, counting body bytes per request so an over-size stream is recognised."""
        spider: SiteSpider = super().from_crawler(crawler, *args, **kwargs)
        crawler.signals.connect(spider._headers_received, signal=signals.headers_received)
        crawler.signals.connect(spider._bytes_received, signal=signals.bytes_received)
        crawler.signals.connect(spider._idle, signal=signals.spider_idle)
        return spider

    def _headers_received(self, request: Request, **_: Any) -> None:
        request.meta[RECEIVED_META] = 0  # a new answer (a retry's meta is a copy of the last try's)

    def _bytes_received(self, data: bytes, request: Request, **_: Any) -> None:
        request.meta[RECEIVED_META] = request.meta.get(RECEIVED_META, 0) + len(data)

    async def start(self) -> Any:  # an async generator of requests (Scrapy ≥ 2.13 API)
        """Request each source's start URLs; ``start_requests`` is not called by Scrapy 2.19."""
        for source_id, kind in self._kinds.items():
            for url in kind.source.urls:
                self.start_outcomes[source_id][url] = "not fetched"
                for request in kind.start_requests_for(url):
                    yield request

    def finders(self, url: str) -> list[str]:
        """The sources that found article ``url`` in this run, in the sources file's order."""
        found = self._found.get(url)
        if found is None:
            return []
        order = list(self.sources)
        return sorted(found[0], key=order.index)

    def discovery_request(
        self, source: Source, url: str, *, start_url: str | None = None, conditional: bool = True, **meta: Any
    ) -> Iterator[Any]:
        """Request a feed, sitemap or listing page once per run and source, conditionally when we can."""
        url = normalise_url(url)
        if (source.id, url) in self._seen_discovery:
            return
        self._seen_discovery.add((source.id, url))
        if self.discovery_requested[source.id] >= MAX_DISCOVERY_PAGES:
            detail = f"the run's limit of {MAX_DISCOVERY_PAGES} discovery pages was reached"
            yield skipped_record(url, "discovery", "page_limit", detail, source.id, self.run_id)
            return
        self.discovery_requested[source.id] += 1
        headers = self._validators.get(url, {}) if conditional else {}
        yield Request(
            url,
            callback=self._discovery_response,
            errback=self._discovery_failed,
            dont_filter=True,
            headers=headers,
            meta={"role": "discovery", "discovered_url": url, "start_url": start_url, "source": source.id, **meta},
        )

    def article_request(self, source: Source, link: str, base_url: str, hints: dict[str, str]) -> Iterator[Any]:
        """Request an article link once per site, or record why it was not requested.

        A link another source found first is not requested again: this source joins its
        finders, and hints it knows that the first did not (a feed's title for a sitemap's
        link) are added while the page is still waiting or in flight.
        """
        url = normalise_url(link, base_url)
        found = self._found.get(url)
        if found is not None:
            finders, known = found
            if source.id in finders:
                yield self._skipped(source, url, "duplicate_url", "the run already met this URL")
                return
            finders.append(source.id)
            self.found[source.id] += 1
            for key, value in hints.items():
                known.setdefault(key, value)
            return
        self._found[url] = ([source.id], dict(hints))
        self.found[source.id] += 1
        if not self._kinds[source.id].on_site(url):
            yield self._skipped(source, url, "offsite", f"{urlsplit(url).hostname} is not among the source's domains")
            return
        if url in self._fetched_before:
            self.skipped_seen[source.id] += 1
            yield self._skipped(
                source, url, "seen_before", "an earlier run fetched this page (use --recrawl to fetch again)"
            )
            return
        if self.requested[source.id] >= self.max_pages[source.id]:
            detail = f"the source's max_pages ({self.max_pages[source.id]}) was reached"
            yield self._skipped(source, url, "page_limit", detail)
            return
        self.requested[source.id] += 1
        self._waiting.append((url, self._found[url][1]))
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

    def _discovery_response(self, response: Response) -> Iterator[Any]:
        source_id: str = response.meta["source"]
        start_url = response.meta.get("start_url")
        outcomes = self.start_outcomes[source_id]
        record = response_record(response, "discovery", source_id, self.run_id)
        if response.status == NOT_MODIFIED:
            self.not_modified[source_id] += 1
            outcome = "ok (not modified since the last run)"
        elif response.status >= 400:
            outcome = f"HTTP {response.status}"
        else:
            found = list(self._kinds[source_id].parse(response))  # bounded: one discovery page's links
            if why := response.meta.get("unusable"):
                record |= {"error": "bad_discovery", "error_detail": why}
            elif start_url:
                outcomes[start_url] = "ok"
            yield record
            yield from found
            return
        if start_url:
            outcomes[start_url] = outcome
        yield record

    def _discovery_failed(self, failure: Failure) -> Iterator[Any]:
        meta = failure.request.meta  # type: ignore[attr-defined]
        record = failure_record(failure, meta["source"], self.run_id, self._max_bytes())
        if start_url := meta.get("start_url"):
            self.start_outcomes[meta["source"]][start_url] = record["error_detail"] or record["error"] or "failed"
        yield record

    def _article_response(self, response: Response) -> Iterator[Any]:
        yield response_record(response, "article", self._first(response.meta["discovered_url"]), self.run_id)
        yield from self._article_done()

    def _failed(self, failure: Failure) -> Iterator[Any]:
        url = failure.request.meta["discovered_url"]  # type: ignore[attr-defined]
        yield failure_record(failure, self._first(url), self.run_id, self._max_bytes())
        yield from self._article_done()

    def _first(self, url: str) -> str:
        return self._found[url][0][0]

    def _max_bytes(self) -> int:
        return self.settings.getint("DOWNLOAD_MAXSIZE") if hasattr(self, "settings") else 0

    def _skipped(self, source: Source, url: str, error: str, detail: str) -> FetchRow:
        return skipped_record(url, "article", error, detail, source.id, self.run_id)
