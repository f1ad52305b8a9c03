"""One site, three discovery kinds, two runs: every URL met is an article or a reject with a reason.

The Southern Portal fixture site is crawled over HTTP on 127.0.0.1 with a sitemap source
(through robots.txt), a paginated listing source and a feed source (feeds found on the home
page), processed and deduplicated into a lake; then the same sources run again. Assertions
are on the lake tables and on the server's request log.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from crawlers.launch import crawl_site
from newslake.pipeline import RunReport, run_pipeline
from newslake.site_server import SiteServer
from transforms.edge.lake import Lake, open_lake
from transforms.edge.sources_file import load_sources
from transforms.schemas import ARTICLES, FETCHES, REJECTS, RUNS

PORTAL = Path(__file__).resolve().parents[1] / "fixtures" / "sites" / "portal"
EXPECTED = json.loads((PORTAL / "expected.json").read_text("utf-8"))
KIND = {"portal-sitemap": "sitemap", "portal-listing": "listing", "portal-feed": "feed"}


@dataclass
class Run:
    """What one run wrote, and what the site saw of it."""

    report: RunReport
    requests: list[str]
    fetches: list[dict[str, Any]]
    articles: list[dict[str, Any]]
    rejects: list[dict[str, Any]]
    runs: list[dict[str, Any]]
    lake_uri: str


@pytest.fixture(scope="module")
def runs(
    portal_site: SiteServer, portal_sources: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[dict[str, Run]]:
    lake = open_lake(str(tmp_path_factory.mktemp("portal-lake")))
    sources = load_sources(portal_sources)
    done: dict[str, Run] = {}
    for run_id in ("run-1", "run-2"):
        portal_site.requests.clear()
        report = run_pipeline(sources, lake, run_id, "2026-05-05", progress=lambda _: None)
        done[run_id] = _read(lake, run_id, report, list(portal_site.requests), portal_site.base_url)
    yield done


def _read(lake: Lake, run_id: str, report: RunReport, requests: list[str], base: str) -> Run:
    def rows(table: str, schema: Any) -> list[dict[str, Any]]:
        found = lake.read(schema, lake.files(table, run_id=run_id), run_id=run_id).to_pylist()
        for row in found:
            for key in ("url", "final_url"):
                if row.get(key):
                    row[key] = row[key].removeprefix(base)
        return found

    return Run(
        report,
        requests,
        rows("fetches", FETCHES),
        rows("articles", ARTICLES),
        rows("rejects", REJECTS),
        rows("runs", RUNS),
        lake.uri,
    )


def test_all_three_kinds_together_find_every_article_with_its_text(runs: dict[str, Run]) -> None:
    first = runs["run-1"]
    assert all(crawl.ok for crawl in first.report.crawls), first.report.crawls
    by_url = {row["url"]: row for row in first.articles if row["is_canonical"]}
    assert set(by_url) == set(EXPECTED["articles"])
    for path, expected in EXPECTED["articles"].items():
        article = by_url[path]
        assert article["title"] == expected["title"], path
        assert expected["contains"] in article["text"], path
        assert "�" not in article["text"], path


def test_each_discovery_kind_finds_its_articles(runs: dict[str, Run]) -> None:
    found: dict[str, set[str]] = {kind: set() for kind in KIND.values()}
    for row in runs["run-1"].articles:
        for source_id in row["source_ids"]:
            found[KIND[source_id]].add(row["url"])
    for kind, paths in found.items():
        assert paths == {p for p, item in EXPECTED["articles"].items() if kind in item["found_by"]}, kind


def test_every_bad_url_is_a_reject_with_its_reason(runs: dict[str, Run]) -> None:
    rejects = {row["url"]: row for row in runs["run-1"].rejects if row["source_id"] == "portal-sitemap"}
    for path, expected in EXPECTED["rejects"].items():
        url = path.split("?")[0] if expected["reason"] == "duplicate_url" else path
        assert (rejects[url]["reason"], rejects[url]["http_status"]) == (expected["reason"], expected["http_status"]), (
            path
        )


def test_every_article_url_a_run_met_is_an_article_or_a_reject(runs: dict[str, Run]) -> None:
    for run in runs.values():
        for source_id in KIND:
            met = [f for f in run.fetches if f["source_id"] == source_id and f["role"] == "article"]
            met = [f for f in met if f["error"] != "seen_before"]
            articles = [a for a in run.articles if a["source_id"] == source_id]
            rejects = [r for r in run.rejects if r["source_id"] == source_id and r["stage"] != "discover"]
            assert len(met) == len(articles) + len(rejects), (run.report.run_id, source_id)
            (row,) = [r for r in run.runs if r["source_id"] == source_id]
            assert row["articles"] == len([a for a in run.articles if source_id in a["source_ids"]])
            assert sum(dict(row["rejects_by_reason"]).values()) == row["rejects"]


def test_robots_disallowed_paths_are_never_requested(runs: dict[str, Run]) -> None:
    for run in runs.values():
        assert "/robots.txt" in run.requests
        assert not [path for path in run.requests if path.startswith("/private/")]
    listing = [r for r in runs["run-1"].rejects if r["source_id"] == "portal-listing"]
    assert {"url": "/private/staff-memo.html", "stage": "discover", "reason": "robots_disallowed"}.items() <= next(
        r for r in listing if r["url"] == "/private/staff-memo.html"
    ).items()


def test_encodings_are_recorded_and_decoded(runs: dict[str, Run]) -> None:
    fetches = {f["url"]: f for f in runs["run-1"].fetches if f["source_id"] == "portal-sitemap"}
    assert (
        fetches["/news/2026/0501/night-market.html"]["declared_encoding"],
        fetches["/news/2026/0501/night-market.html"]["used_encoding"],
    ) == ("gbk", "gb18030")
    assert (
        fetches["/news/2026/0502/nanhan-tombs.html"]["declared_encoding"],
        fetches["/news/2026/0502/nanhan-tombs.html"]["used_encoding"],
    ) == ("gb18030", "gb18030")
    assert fetches["/news/2026/0502/cross-border-bus.html"]["used_encoding"] == "big5hkscs"
    assert (
        fetches["/news/2026/0503/dragon-boat.html"]["declared_encoding"],
        fetches["/news/2026/0503/dragon-boat.html"]["used_encoding"],
    ) == ("utf-8", "gb18030")
    assert fetches["/files/annual-report.pdf"]["used_encoding"] is None
    texts = {a["url"]: a["text"] for a in runs["run-1"].articles}
    assert "刘䶮" in texts["/news/2026/0502/nanhan-tombs.html"]


def test_redirects_are_followed_and_recorded_and_private_targets_refused(
    runs: dict[str, Run], portal_site: SiteServer
) -> None:
    fetches = {f["url"]: f for f in runs["run-1"].fetches if f["source_id"] == "portal-sitemap"}
    moved = fetches["/news/old/library.html"]
    assert (moved["status"], moved["final_url"]) == (200, "/news/2026/0504/library-hours.html")
    assert moved["redirect_urls"] == [f"{portal_site.base_url}/news/old/library.html"]
    for path in ("/go/metadata.html", "/go/intranet.html"):
        assert fetches[path]["error"] == "private_address"
        assert fetches[path]["redirect_urls"] == [f"{portal_site.base_url}{path}"]
    assert "169.254.169.254" in fetches["/go/metadata.html"]["error_detail"]


def test_google_news_fields_travel_as_hints(runs: dict[str, Run]) -> None:
    fetches = {f["url"]: f for f in runs["run-1"].fetches if f["source_id"] == "portal-sitemap"}
    assert dict(fetches["/news/2026/0503/metro-line.html"]["hints"]) == {
        "title": "地铁十八号线北延段完成全线洞通 计划年内开通",
        "published": "2026-05-03T15:05:00+08:00",
        "language": "zh-cn",
    }


def test_politeness_crawl_delay_and_retry_after(runs: dict[str, Run]) -> None:
    first = runs["run-1"]
    sitemap = next(crawl for crawl in first.report.crawls if "portal-sitemap" in crawl.source_ids)
    politeness = sitemap.summary["politeness"]
    assert politeness["newslake/crawl_delay/seconds"] == 0.05
    assert politeness["newslake/retry_after/pauses"] == 2  # busy.html: two retries, each after Retry-After: 1
    assert Counter(first.requests)["/news/2026/0502/busy.html"] == 3
    assert politeness["newslake/private_address/refused"] == 2


def test_a_second_run_requests_no_article_page_again(runs: dict[str, Run]) -> None:
    second = runs["run-2"]
    assert all(crawl.ok for crawl in second.report.crawls)
    articles = set(EXPECTED["articles"]) | {"/news/old/library.html"}
    assert not articles & set(second.requests)
    discovery = {path for paths in EXPECTED["discovery"].values() for path in paths}
    retried = {"/news/2026/0504/huge.html", "/go/metadata.html", "/go/intranet.html"}  # no 2xx answer last time
    assert set(second.requests) <= discovery | retried
    assert second.articles == []


def test_unchanged_feeds_and_sitemaps_answer_304(runs: dict[str, Run]) -> None:
    second = {(f["source_id"], f["url"]): f["status"] for f in runs["run-2"].fetches if f["role"] == "discovery"}
    assert second[("portal-feed", "/feeds/rss.xml")] == 304
    assert second[("portal-feed", "/feeds/atom.xml")] == 304
    assert second[("portal-sitemap", "/sitemaps/articles.xml")] == 304
    assert second[("portal-sitemap", "/sitemap-index.xml")] == 200  # no validators: fetched in full
    assert not [r for r in runs["run-2"].rejects if r["stage"] == "discover" and r["http_status"] == 304]


def test_recrawl_fetches_feeds_and_articles_in_full_again(
    runs: dict[str, Run], portal_site: SiteServer, portal_sources: Path
) -> None:
    portal_site.requests.clear()
    lake_uri = runs["run-2"].lake_uri
    result = crawl_site(
        str(portal_sources), "127.0.0.1", ["portal-feed"], lake_uri, "run-3", "2026-05-05", recrawl=True
    )
    assert result.ok
    assert result.summary["sources"]["portal-feed"]["not_modified"] == 0
    feed_articles = {p for p, item in EXPECTED["articles"].items() if "feed" in item["found_by"]}
    assert feed_articles <= set(portal_site.requests)
