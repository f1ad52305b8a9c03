"""The ``sitemap`` kind: robots.txt ``Sitemap:`` lines, sitemap indexes, urlsets, Google News.

A start URL that is a site root (``https://example.com/``) or its robots.txt starts from the
``Sitemap:`` lines of robots.txt; any other start URL is a sitemap itself. Indexes are
followed to their sitemaps (each fetched once, conditionally after the first run); urlset
entries become article requests, a Google News entry's title, date and language riding along
as hints. With ``article_url_pattern`` set, only matching entries are taken.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from scrapy.http import Response

from crawlers.spiders.base import Discoverer
from crawlers.spiders.feed import content_type
from transforms.sitemaps import NotASitemap, parse_sitemap, robots_sitemaps


class SitemapDiscoverer(Discoverer):
    """Walk robots.txt → sitemap index → urlsets, then fetch the pages they list."""

    def start_requests_for(self, url: str) -> Iterator[Any]:
        """A site root is read through its robots.txt; anything else is a sitemap."""
        parts = urlsplit(url)
        if parts.path in ("", "/", "/robots.txt") and not parts.query:
            robots = urlunsplit((parts.scheme, parts.netloc, "/robots.txt", "", ""))
            # robots.txt itself is always allowed; it is fetched fresh so new sitemaps are seen
            yield from self.discovery_request(robots, start_url=url, conditional=False, robots=True)
            return
        yield from self.discovery_request(url, start_url=url)

    def parse(self, response: Response) -> Iterator[Any]:
        """Follow robots.txt's sitemaps, an index's sitemaps, or a urlset's pages."""
        if response.meta.get("robots"):
            sitemaps = [url for url in robots_sitemaps(response.body, response.url) if self.on_site(url)]
            if not sitemaps:
                self.mark_unusable(response, "robots.txt names no sitemap on the source's domains")
                self.logger.error("source %s: %s names no sitemap", self.source.id, response.url)
            for url in sitemaps:
                yield from self.discovery_request(url)
            return
        max_bytes = self.spider.settings.getint("DOWNLOAD_MAXSIZE") or 50 * 1024 * 1024
        try:
            sitemap = parse_sitemap(response.body, response.url, max_bytes, content_type(response))
        except NotASitemap as error:
            self.mark_unusable(response, f"not a sitemap: {error}")
            self.logger.error("source %s: %s is not a sitemap (%s)", self.source.id, response.url, error)
            return
        for url in sitemap.sitemaps:
            if self.on_site(url):
                yield from self.discovery_request(url)
            else:
                self.logger.warning("source %s: skipping off-site sitemap %s", self.source.id, url)
        pattern = re.compile(self.source.article_url_pattern) if self.source.article_url_pattern else None
        for entry in sitemap.entries:
            if pattern is None or pattern.search(entry.url):
                yield from self.article_request(entry.url, response.url, entry.hints())
