"""One site configured as four overlapping sources: what a ``newslake run`` asks of the site.

Run from the repository root::

    .venv/bin/python -m bench.site_crawl

The Lakeside Courier fixture site (``tests/fixtures/sites/courier``: 10 articles, an RSS feed, an
Atom feed, a robots.txt sitemap and a two-page listing, each finding an overlapping share of the
articles) is served on 127.0.0.1, each answer held ``--delay`` seconds so that requests made at
the same time overlap at the server. One ``newslake run`` crawls it as four sources configured
with ``concurrency: 1`` and ``delay: 0``, then processes and dedups. Printed: the requests the
site saw, how many repeated a request already made in the run, the most requests in flight at
once on the host (the configured limit is 1), the article rows in the lake and rows per
article URL.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from collections import Counter
from pathlib import Path
from string import Template

from newslake.pipeline import RunOptions, run_pipeline
from newslake.site_server import serve_site
from transforms.edge.lake import open_lake
from transforms.edge.sources_file import load_sources
from transforms.schemas import ARTICLES

COURIER = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "sites" / "courier"


def four_sources(base: str) -> str:
    """The courier site as four sources, each asking for concurrency 1: the fixture's own sources file."""
    template = (COURIER / "sources.template.yaml").read_text(encoding="utf-8")
    return Template(template).substitute(base=base, rss_concurrency=1)


def main() -> None:
    """Serve the site, run the pipeline once, print what the site saw and what the lake holds."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--delay", type=float, default=0.05, help="seconds the server holds each answer")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="newslake-site-crawl-"))
    try:
        with serve_site(COURIER) as site:
            site.delay_seconds = args.delay
            sources_path = work / "sources.yaml"
            sources_path.write_text(four_sources(site.base_url), "utf-8")
            lake = open_lake(str(work / "lake"))
            started = time.perf_counter()
            run_pipeline(load_sources(sources_path), lake, "bench-run", "2026-05-16", RunOptions(), lambda _: None)
            seconds = time.perf_counter() - started
            requests = Counter(site.requests)
            peaks = dict(site.peak_in_flight)
        rows = lake.read(ARTICLES, lake.files("articles"), columns=["url"]).to_pylist()
        per_url = Counter(row["url"] for row in rows)
        total, distinct = sum(requests.values()), len(requests)
        articles = {path: count for path, count in requests.items() if path.startswith("/news/2026/")}
        most = max(per_url.values(), default=0)
        print(f"requests {total} ({distinct} distinct, {total - distinct} repeats)")
        print(f"article requests {sum(articles.values())} for {len(articles)} article URLs")
        print(f"peak in flight per host {peaks}")
        print(f"article rows {len(rows)} for {len(per_url)} URLs (most rows for one URL: {most})")
        print(f"run wall {seconds:.1f} s")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
