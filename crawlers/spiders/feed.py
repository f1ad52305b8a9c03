"""The ``feed`` kind: RSS 2.0, RDF and Atom feeds list the articles to fetch."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from scrapy.http import Response

from crawlers.spiders.base import NewsSpider
from transforms.feeds import NotAFeed, parse_feed


class FeedSpider(NewsSpider):
    """Fetch each feed, then each article it links, passing the feed's title and date on as hints."""

    name = "feed"

    def parse_start(self, response: Response) -> Iterator[Any]:
        """Request every entry of the feed."""
        try:
            entries = parse_feed(response.body, response.url)
        except NotAFeed as error:
            self.mark_start_unusable(response, f"not a feed: {error}")
            self.logger.error("source %s: %s is not a feed (%s)", self.source.id, response.url, error)
            return
        if not entries:
            self.logger.warning("source %s: the feed %s lists no entries", self.source.id, response.url)
        for entry in entries:
            yield from self.article_request(entry.url, response.url, entry.hints())
