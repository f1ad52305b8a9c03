"""Crawl one source in this process: ``python -m crawlers.crawl --source ID …``.

Each source runs in a process of its own: Twisted's reactor cannot be restarted inside one
interpreter, and a crash or leak in one site must not take the other sources down. The last
line on stdout is a JSON summary for the caller; the exit code says whether the crawl could
start at all (2: bad arguments or config, 3: none of the start URLs could be fetched, 4: the
fetched pages could not be written to the lake).
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from scrapy.crawler import AsyncCrawlerProcess

from crawlers.fetch_writer import WRITTEN_STAT
from crawlers.settings import crawl_settings
from crawlers.spiders.base import NewsSpider
from crawlers.spiders.feed import FeedSpider
from crawlers.spiders.listing import ListingSpider
from crawlers.spiders.sitemap import SitemapSpider
from transforms.edge.incremental import discovery_validators, fetched_before
from transforms.edge.lake import LakeError, open_lake
from transforms.edge.sources_file import load_sources
from transforms.sources import SourcesError

SPIDERS: dict[str, type[NewsSpider]] = {"feed": FeedSpider, "sitemap": SitemapSpider, "listing": ListingSpider}
EXIT_CONFIG = 2
EXIT_START_FAILED = 3
EXIT_WRITE_FAILED = 4


def main(argv: list[str] | None = None) -> int:
    """Run the crawl and print its JSON summary."""
    parser = argparse.ArgumentParser(prog="python -m crawlers.crawl", description=__doc__)
    parser.add_argument("--sources", required=True)
    parser.add_argument("--source", required=True, help="the source id")
    parser.add_argument("--lake", required=True)
    parser.add_argument("--run-id", required=True)
    parser.add_argument("--dt", required=True, help="the run's logical date, YYYY-MM-DD")
    parser.add_argument("--max-pages", type=int, default=None)
    parser.add_argument("--recrawl", action="store_true", help="fetch pages earlier runs already fetched")
    parser.add_argument("--log-level", default="INFO")
    args = parser.parse_args(argv)
    try:
        sources = load_sources(args.sources)
        source = sources.get(args.source)
        lake = open_lake(args.lake)
    except (SourcesError, LakeError) as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_CONFIG
    spider_class = SPIDERS.get(source.kind)
    if spider_class is None:
        print(f"error: source '{source.id}': kind '{source.kind}' is not supported yet (use 'feed')", file=sys.stderr)
        return EXIT_CONFIG
    try:
        settings = crawl_settings(source, sources.user_agent)
    except ValueError as error:  # an environment override that is not a number of seconds
        print(f"error: {error}", file=sys.stderr)
        return EXIT_CONFIG
    settings |= {
        "NEWSLAKE_LAKE": args.lake,
        "NEWSLAKE_RUN_ID": args.run_id,
        "NEWSLAKE_DT": args.dt,
        "NEWSLAKE_SOURCE": source.id,
        "LOG_LEVEL": args.log_level,
    }
    known = set() if args.recrawl else fetched_before(lake, source.id, args.run_id)
    validators = {} if args.recrawl else discovery_validators(lake, source.id, args.run_id)
    process = AsyncCrawlerProcess(settings)
    crawler = process.create_crawler(spider_class)
    process.crawl(
        crawler,
        source=source,
        run_id=args.run_id,
        max_pages=args.max_pages,
        fetched_before=known,
        validators=validators,
    )
    process.start()
    spider: NewsSpider = crawler.spider  # type: ignore[assignment]
    stats = crawler.stats.get_stats() if crawler.stats else {}
    summary = _summary(source.id, spider, stats)
    print(json.dumps(summary, ensure_ascii=False, default=str))
    if WRITTEN_STAT not in stats:
        print(
            f"error: source '{source.id}': the fetched pages could not be written to {args.lake} "
            "(see the traceback above)",
            file=sys.stderr,
        )
        return EXIT_WRITE_FAILED
    if not any(outcome.startswith("ok") for outcome in spider.start_outcomes.values()):
        failed = "; ".join(f"{url}: {why}" for url, why in spider.start_outcomes.items())
        print(f"error: source '{source.id}': none of its start URLs could be fetched ({failed})", file=sys.stderr)
        return EXIT_START_FAILED
    return 0


def _summary(source_id: str, spider: NewsSpider, stats: dict[str, Any]) -> dict[str, Any]:
    return {
        "source": source_id,
        "start_urls": spider.start_outcomes,
        "articles_requested": spider.requested,
        "fetched_before": spider.skipped_seen,
        "discovery_pages": spider.discovery_requested,
        "not_modified": spider.not_modified,
        "records": stats.get("item_scraped_count", 0),
        "responses": stats.get("response_received_count", 0),
        "finish_reason": stats.get("finish_reason"),
        "fetches_file": stats.get(WRITTEN_STAT),
        "politeness": {
            key: value for key, value in stats.items() if key.startswith("newslake/") and key != WRITTEN_STAT
        },
    }


if __name__ == "__main__":
    sys.exit(main())
