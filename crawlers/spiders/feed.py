"""The ``feed`` kind: RSS 2.0, RDF, Atom and JSON feeds list the articles to fetch.

With ``discover_feeds: true`` a start URL may also be a site's home page: the feeds it
announces with ``<link rel="alternate" type="application/rss+xml">`` (or Atom, or JSON Feed)
are fetched.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from scrapy.http import Response, TextResponse

from crawlers.spiders.base import Discoverer
from transforms.feeds import NotAFeed, parse_feed

FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/feed+json")


class FeedDiscoverer(Discoverer):
    """Fetch each feed, then each article it links, passing the feed's title and date on as hints."""

    def parse(self, response: Response) -> Iterator[Any]:
        """Request every entry of the feed, or the feeds a home page announces."""
        try:
            entries = parse_feed(response.body, response.url, content_type(response))
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


def content_type(response: Response) -> str | None:
    """The response's ``Content-Type`` header, whose charset decides how a feed or sitemap is decoded."""
    value = response.headers.get(b"Content-Type")
    return value.decode("latin-1") if value else None


def _is_html(response: Response) -> bool:
    kind = (content_type(response) or "").lower()
    return isinstance(response, TextResponse) and ("html" in kind or b"<html" in response.body[:2048].lower())
