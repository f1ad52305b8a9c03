"""The ``feed`` kind: RSS 2.0, RDF and Atom feeds list the articles to fetch.

With ``discover_feeds: true`` a start URL may also be a site's home page: the feeds it
announces with ``<link rel="alternate" type="application/rss+xml">`` (or Atom) are fetched.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from scrapy.http import Response, TextResponse

from crawlers.spiders.base import NewsSpider
from transforms.feeds import NotAFeed, parse_feed

FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml")


class FeedSpider(NewsSpider):
    """Fetch each feed, then each article it links, passing the feed's title and date on as hints."""

    name = "feed"

    def parse_start(self, response: Response) -> Iterator[Any]:
        """Request every entry of the feed, or the feeds a home page announces."""
        try:
            entries = parse_feed(response.body, response.url)
        except NotAFeed as error:
            if self.source.discover_feeds and not response.meta.get("announced") and _is_html(response):
                assert isinstance(response, TextResponse)  # _is_html checked it
                yield from self._announced_feeds(response)
                return
            self.mark_unusable(response, f"not a feed: {error}")
            self.logger.error("source %s: %s is not a feed (%s)", self.source.id, response.url, error)
            return
        if not entries:
            self.logger.warning("source %s: the feed %s lists no entries", self.source.id, response.url)
        for entry in entries:
            yield from self.article_request(entry.url, response.url, entry.hints())

    def _announced_feeds(self, response: TextResponse) -> Iterator[Any]:
        links = [
            response.urljoin(href)
            for link in response.css("link[rel~=alternate][href]")
            if (link.attrib.get("type") or "").split(";")[0].strip().lower() in FEED_TYPES
            and (href := link.attrib.get("href"))
        ]
        feeds = [url for url in dict.fromkeys(links) if self.on_site(url)]
        if not feeds:
            self.mark_unusable(response, "neither a feed nor a page announcing one")
            self.logger.error("source %s: %s announces no feed", self.source.id, response.url)
            return
        self.logger.info("source %s: %s announces %d feeds", self.source.id, response.url, len(feeds))
        for url in feeds:
            yield from self.discovery_request(url, announced=True)


def _is_html(response: Response) -> bool:
    content_type = (response.headers.get(b"Content-Type") or b"").decode("latin-1").lower()
    return isinstance(response, TextResponse) and ("html" in content_type or b"<html" in response.body[:2048].lower())
