"""The ``listing`` kind: section pages whose links to articles match ``article_url_pattern``.

From each start page the spider takes the links matching the pattern as articles, follows
pagination (``rel="next"``, or links matching ``pagination_pattern``) up to
``MAX_PAGINATION`` pages per start page, and, when ``max_depth`` is above 1, follows the
other on-site links that many levels down to find more listing pages. Links are taken
from the page as served; nothing is rendered.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

from scrapy.http import Response, TextResponse

from crawlers.spiders.base import Discoverer, SiteSpider
from transforms.sources import Source
from transforms.urls import normalise_url

MAX_PAGINATION = 20
_NOT_PAGES = re.compile(
    r"\.(?:pdf|jpe?g|png|gif|webp|svg|mp4|mp3|m3u8|zip|gz|docx?|xlsx?|pptx?|css|js|ico)$", re.IGNORECASE
)


class ListingDiscoverer(Discoverer):
    """Collect article links from listing pages, with bounded pagination and depth."""

    def __init__(self, spider: SiteSpider, source: Source) -> None:
        super().__init__(spider, source)
        assert self.source.article_url_pattern, "sources.py requires article_url_pattern for listings"
        self._article = re.compile(self.source.article_url_pattern)
        pagination = self.source.pagination_pattern
        self._pagination = re.compile(pagination) if pagination else None

    def parse(self, response: Response) -> Iterator[Any]:
        """Request the page's article links; queue its next page and, within depth, other sections."""
        if not isinstance(response, TextResponse):
            self.mark_unusable(response, "not an HTML listing page")
            return
        depth: int = response.meta.get("depth_level", 0)
        pages: int = response.meta.get("pagination", 0)
        next_pages = {
            normalise_url(href, response.url)
            for href in response.css("link[rel~=next]::attr(href), a[rel~=next]::attr(href)").getall()
        }
        links = dict.fromkeys(
            normalise_url(href, response.url)
            for href in response.css("a[href]::attr(href)").getall()
            if not href.strip().lower().startswith(("javascript:", "mailto:", "tel:", "#"))
        )
        for url in next_pages - set(links):
            links[url] = None
        for url in links:
            if not url.startswith(("http://", "https://")):
                continue
            if self._article.search(url):
                yield from self.article_request(url, response.url, {})
            elif not self.on_site(url) or _NOT_PAGES.search(urlsplit(url).path):
                continue
            elif url in next_pages or (self._pagination and self._pagination.search(url)):
                if pages < MAX_PAGINATION:
                    yield from self.discovery_request(url, depth_level=depth, pagination=pages + 1)
            elif depth + 1 < self.source.max_depth:
                yield from self.discovery_request(url, depth_level=depth + 1, pagination=0)
