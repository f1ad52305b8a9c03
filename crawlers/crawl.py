"""Crawl one site's sources in this process: ``python -m crawlers.crawl --source ID [--source ID …] …``.

The sources given are crawled together as one site (one frontier, one duplicate filter, one
politeness slot per host; see ``transforms/sites.py``), so they must share a host. Each site
runs in a process of its own: Twisted's reactor cannot be restarted inside one interpreter,
and a crash or leak in one site must not take the other sites down. The last line on stdout is
a JSON summary for the caller; the exit code says whether the crawl could start at all (2: bad
arguments or config, 3: a source could fetch none of its start URLs, 4: the fetched pages
could not be written to the lake).
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from scrapy.crawler import AsyncCrawlerProcess

from crawlers.fetch_writer import WRITTEN_STAT
from crawlers.settings import crawl_settings
from crawlers.spiders.site import NewsSiteSpider
from transforms.edge.incremental import discovery_validators, fetched_before
from transforms.edge.lake import LakeError, open_lake
from transforms.edge.sources_file import load_sources
from transforms.sites import group_sites
from transforms.sources import SourcesError

EXIT_CONFIG = 2
EXIT_START_FAILED = 3
EXIT_WRITE_FAILED = 4


def main(argv: list[str] | None = None) -> int:
    """Run the crawl and print its JSON summary."""
    parser = argparse.ArgumentParser(prog="python -m crawlers.crawl", description=__doc__)
    parser.add_argument("--sources", required=True)
    parser.add_argument("--source", required=True, action="append", help="a source id (repeat for each of the site)")
    parser.add_argument("--lake", required=True)
    parser.add_argument("--run-id", required=True)
    parser.add_argument("--dt", required=True, help="the run's logical date, YYYY-MM-DD")
    parser.add_argument("--max-pages", type=int, default=None)
    parser.add_argument("--recrawl", action="store_true", help="fetch pages earlier runs already fetched")
    parser.add_argument("--log-level", default="INFO")
    args = parser.parse_args(argv)
    try:
        sources = load_sources(args.sources)
        sites = group_sites(sources, args.source)
        lake = open_lake(args.lake)
    except (SourcesError, LakeError) as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_CONFIG
    if len(sites) != 1:
        named = "; ".join(site.label() for site in sites)
        print(f"error: the sources given are {len(sites)} sites ({named}); crawl each site on its own", file=sys.stderr)
        return EXIT_CONFIG
    (site,) = sites
    try:
        settings = crawl_settings(site, sources.user_agent)
    except ValueError as error:  # an environment override that is not a number of seconds
        print(f"error: {error}", file=sys.stderr)
        return EXIT_CONFIG
    settings |= {
        "NEWSLAKE_LAKE": args.lake,
        "NEWSLAKE_RUN_ID": args.run_id,
        "NEWSLAKE_DT": args.dt,
        "NEWSLAKE_SOURCES": list(site.source_ids),
        "LOG_LEVEL": args.log_level,
    }
    # What any source of the site fetched before counts: a page fetched through the RSS feed
    # in one run is not fetched again through the sitemap in the next.
    known: set[str] = set()
    validators: dict[str, dict[str, str]] = {}
    if not args.recrawl:
        for source_id in site.source_ids:
            known |= fetched_before(lake, source_id, args.run_id)
            validators |= discovery_validators(lake, source_id, args.run_id)
    process = AsyncCrawlerProcess(settings)
    crawler = process.create_crawler(NewsSiteSpider)
    process.crawl(
        crawler, site=site, run_id=args.run_id, max_pages=args.max_pages, fetched_before=known, validators=validators
    )
    process.start()
    spider: NewsSiteSpider = crawler.spider  # type: ignore[assignment]
    stats = crawler.stats.get_stats() if crawler.stats else {}
    summary = _summary(site.name, spider, stats)
    print(json.dumps(summary, ensure_ascii=False, default=str))
    if WRITTEN_STAT not in stats:
        print(
            f"error: site {site.label()}: the fetched pages could not be written to {args.lake} "
            "(see the traceback above)",
            file=sys.stderr,
        )
        return EXIT_WRITE_FAILED
    failed = [
        source_id
        for source_id, outcomes in spider.start_outcomes.items()
        if not any(outcome.startswith("ok") for outcome in outcomes.values())
    ]
    for source_id in failed:
        why = "; ".join(f"{url}: {outcome}" for url, outcome in spider.start_outcomes[source_id].items())
        print(f"error: source '{source_id}': none of its start URLs could be fetched ({why})", file=sys.stderr)
    return EXIT_START_FAILED if failed else 0


def _summary(site_name: str, spider: NewsSiteSpider, stats: dict[str, Any]) -> dict[str, Any]:
    return {
        "site": site_name,
        "sources": {
            source_id: {
                "start_urls": spider.start_outcomes[source_id],
                "articles_found": spider.found[source_id],
                "articles_requested": spider.requested[source_id],
                "fetched_before": spider.skipped_seen[source_id],
                "not_modified": spider.not_modified[source_id],
                "discovery_pages": spider.discovery_requested[source_id],
            }
            for source_id in spider.sources
        },
        "articles_requested": sum(spider.requested.values()),
        "fetched_before": sum(spider.skipped_seen.values()),
        "discovery_pages": sum(spider.discovery_requested.values()),
        "records": stats.get("item_scraped_count", 0),
        "responses": stats.get("response_received_count", 0),
        "finish_reason": stats.get("finish_reason"),
        "fetches_files": stats.get(WRITTEN_STAT),
        "politeness": {
            key: value for key, value in stats.items() if key.startswith("newslake/") and key != WRITTEN_STAT
        },
    }


if __name__ == "__main__":
    sys.exit(main())
