"""One site configured as four overlapping sources (RSS, Atom, sitemap, listing), over real HTTP.

The sources share a host, so they are one site: one crawl fetches each article once, records
every source that found it, and keeps to one politeness budget for the host.
"""

from __future__ import annotations

import shutil
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from string import Template
from typing import Any

import pytest

from crawlers.settings import crawl_settings
from newslake.pipeline import RunOptions, RunReport, run_pipeline
from newslake.site_server import SiteServer, serve_site
from transforms.edge.lake import Lake, open_lake
from transforms.edge.sources_file import load_sources
from transforms.health import check_sources
from transforms.schemas import ARTICLES, FETCHES, REJECTS, RUNS
from transforms.sites import group_sites

COURIER = Path(__file__).resolve().parents[1] / "fixtures" / "sites" / "courier"
PATHS = [  # oldest first, as in the README
    "/news/2026/05/11/ferry-timetable-summer.html",
    "/news/2026/05/11/library-reopens.html",
    "/news/2026/05/12/harbour-dredging-approved.html",
    "/news/2026/05/12/county-final-preview.html",
    "/news/2026/05/13/bus-fares-freeze.html",
    "/news/2026/05/13/hospital-wing-delay.html",
    "/news/2026/05/14/market-square-traffic.html",
    "/news/2026/05/14/oyster-festival-returns.html",
    "/news/2026/05/15/school-solar-panels.html",
    "/news/2026/05/15/coastguard-rescue.html",
]
FOUND_BY = {
    "courier-rss": set(PATHS[3:10]),
    "courier-atom": set(PATHS[2:9]),
    "courier-sitemap": set(PATHS),
    "courier-listing": set(PATHS),
}
SOURCE_ORDER = ["courier-rss", "courier-atom", "courier-sitemap", "courier-listing"]


def sources_yaml(base: str, sites_block: str = "", rss_concurrency: int = 1) -> str:
    """The courier site as four sources; the RSS source asks for ``rss_concurrency``, the others for 1."""
    template = (COURIER / "sources.template.yaml").read_text(encoding="utf-8")
    return sites_block + Template(template).substitute(base=base, rss_concurrency=rss_concurrency)


@dataclass
class Run:
    """What one run wrote, and what the site saw of it."""

    report: RunReport
    requests: list[str]
    peak: int
    fetches: list[dict[str, Any]]
    articles: list[dict[str, Any]]
    rejects: list[dict[str, Any]]
    runs: list[dict[str, Any]]


@pytest.fixture(scope="module")
def courier_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SiteServer]:
    """The courier site on 127.0.0.1, each answer held 50 ms so requests sent together overlap."""
    root = tmp_path_factory.mktemp("courier") / "site"
    shutil.copytree(COURIER, root)
    with serve_site(root) as site:
        site.delay_seconds = 0.05
        yield site


def crawl_run(site: SiteServer, sources_path: Path, lake: Lake, run_id: str, only: tuple[str, ...] = ()) -> Run:
    """One ``newslake run`` and what it left behind."""
    site.clear()
    choice = RunOptions(sources=only)
    report = run_pipeline(load_sources(sources_path), lake, run_id, "2026-05-16", choice, progress=lambda _: None)

    def rows(table: str, schema: Any) -> list[dict[str, Any]]:
        found = lake.read(schema, lake.files(table, run_id=run_id), run_id=run_id).to_pylist()
        for row in found:
            if "url" in row:
                row["url"] = row["url"].removeprefix(site.base_url)
        return found

    return Run(
        report,
        list(site.requests),
        max(site.peak_in_flight.values()),
        rows("fetches", FETCHES),
        rows("articles", ARTICLES),
        rows("rejects", REJECTS),
        rows("runs", RUNS),
    )


@pytest.fixture(scope="module")
def first(courier_site: SiteServer, tmp_path_factory: pytest.TempPathFactory) -> Run:
    folder = tmp_path_factory.mktemp("courier-run")
    sources = folder / "sources.yaml"
    sources.write_text(sources_yaml(courier_site.base_url, rss_concurrency=4), "utf-8")
    return crawl_run(courier_site, sources, open_lake(str(folder / "lake")), "run-1")


def test_the_four_sources_are_one_crawl(first: Run) -> None:
    (crawl,) = first.report.crawls
    assert crawl.ok, crawl
    assert (crawl.site, crawl.source_ids) == ("127.0.0.1", tuple(SOURCE_ORDER))


def test_each_article_url_is_requested_once(first: Run) -> None:
    counts = Counter(first.requests)
    assert {path: counts[path] for path in PATHS} == dict.fromkeys(PATHS, 1)
    discovery = {path: count for path, count in counts.items() if path not in PATHS and path != "/robots.txt"}
    assert discovery == {"/feed/rss.xml": 1, "/feed/atom.xml": 1, "/sitemap.xml": 1, "/news/": 1, "/news/page/2/": 1}


def test_one_article_row_per_url_listing_every_source_that_found_it(first: Run) -> None:
    assert sorted(row["url"] for row in first.articles) == sorted(PATHS)
    for row in first.articles:
        finders = [source_id for source_id in SOURCE_ORDER if row["url"] in FOUND_BY[source_id]]
        assert row["source_ids"] == finders, row["url"]
        assert row["source_id"] == finders[0]
    fetched = [row for row in first.fetches if row["role"] == "article"]
    assert sorted(row["url"] for row in fetched) == sorted(PATHS)  # no duplicate records either
    assert not first.rejects


def test_the_host_never_sees_more_requests_at_once_than_the_strictest_source_allows(first: Run) -> None:
    assert first.peak == 1  # the RSS source asks for 4, the three others for 1


def test_per_source_counts_and_health_credit_every_source_that_found_a_page(first: Run) -> None:
    counts = {row["source_id"]: (row["discovered"], row["fetched"], row["articles"]) for row in first.runs}
    expected = {source_id: (len(paths), len(paths), len(paths)) for source_id, paths in FOUND_BY.items()}
    assert counts == expected
    verdicts = check_sources(first.runs, [], first.rejects)
    assert [verdict.line for verdict in verdicts] == [
        f"{source_id}: ok, {len(FOUND_BY[source_id])} articles (no earlier runs)" for source_id in sorted(FOUND_BY)
    ]


def test_a_sites_block_sets_the_hosts_politeness(courier_site: SiteServer, tmp_path: Path) -> None:
    sources = tmp_path / "sources.yaml"
    block = 'sites:\n  "127.0.0.1": {concurrency: 3, delay: 0}\n'
    sources.write_text(sources_yaml(courier_site.base_url, block), "utf-8")
    (site,) = group_sites(load_sources(sources))
    settings = crawl_settings(site, "ua", environ={})
    assert settings["DOWNLOAD_SLOTS"] == {"127.0.0.1": {"concurrency": 3, "delay": 0.0}}
    assert (settings["CONCURRENT_REQUESTS_PER_DOMAIN"], settings["AUTOTHROTTLE_TARGET_CONCURRENCY"]) == (1, 3.0)
    run = crawl_run(courier_site, sources, open_lake(str(tmp_path / "lake")), "run-1")
    assert run.report.crawls[0].ok
    assert run.peak <= 3
    assert Counter(path for path in run.requests if path in PATHS) == dict.fromkeys(PATHS, 1)


def test_a_page_fetched_through_one_source_is_not_fetched_through_another_next_run(
    courier_site: SiteServer, tmp_path: Path
) -> None:
    sources = tmp_path / "sources.yaml"
    sources.write_text(sources_yaml(courier_site.base_url), "utf-8")
    lake = open_lake(str(tmp_path / "lake"))
    rss_only = crawl_run(courier_site, sources, lake, "run-1", only=("courier-rss",))
    assert {path for path in rss_only.requests if path in PATHS} == FOUND_BY["courier-rss"]
    everything = crawl_run(courier_site, sources, lake, "run-2")
    assert {path for path in everything.requests if path in PATHS} == set(PATHS) - FOUND_BY["courier-rss"]
    assert sorted(row["url"] for row in everything.articles) == sorted(set(PATHS) - FOUND_BY["courier-rss"])
    skipped = [row for row in everything.fetches if row["error"] == "seen_before"]
    assert sorted(row["url"] for row in skipped) == sorted(FOUND_BY["courier-rss"])
    (sitemap,) = [row for row in everything.runs if row["source_id"] == "courier-sitemap"]
    assert (sitemap["discovered"], sitemap["seen_before"]) == (10, len(FOUND_BY["courier-rss"]))
