"""The spider a site's crawl runs: the site spider with every discovery kind it can read."""

from __future__ import annotations

from typing import ClassVar

from crawlers.spiders.base import Discoverer, SiteSpider
from crawlers.spiders.feed import FeedDiscoverer
from crawlers.spiders.listing import ListingDiscoverer
from crawlers.spiders.sitemap import SitemapDiscoverer


class NewsSiteSpider(SiteSpider):
    """Feeds, sitemaps and listings of one site, crawled together."""

    discoverers: ClassVar[dict[str, type[Discoverer]]] = {
        "feed": FeedDiscoverer,
        "sitemap": SitemapDiscoverer,
        "listing": ListingDiscoverer,
    }
