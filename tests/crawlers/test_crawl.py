"""Crawls over real HTTP against the fixture site on 127.0.0.1, one child process per crawl."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from crawlers.launch import crawl_site
from newslake.site_server import SiteServer
from transforms.edge.lake import open_lake
from transforms.schemas import FETCHES

WIRE = Path(__file__).resolve().parents[1] / "fixtures" / "sites" / "wire"
EXPECTED = json.loads((WIRE / "expected.json").read_text("utf-8"))


@pytest.fixture
def crawled(wire_site: SiteServer, wire_sources: Path, tmp_path: Path) -> dict[str, dict[str, object]]:
    wire_site.requests.clear()
    result = crawl_site(str(wire_sources), "127.0.0.1", ["wire-rss"], str(tmp_path / "lake"), "run-1", "2026-04-17")
    assert result.ok, result
    lake = open_lake(str(tmp_path / "lake"))
    (path,) = lake.files("fetches")
    assert "/fetches/dt=2026-04-17/" in path
    rows = lake.read(FETCHES, [path], run_id="run-1").to_pylist()
    return {row["url"].removeprefix(wire_site.base_url): row for row in rows}


def test_every_feed_link_is_recorded_once_fetched_or_with_a_reason(crawled: dict[str, dict[str, object]]) -> None:
    rss_articles = {path for path, item in EXPECTED["articles"].items() if item["feed"] == "/rss.xml"}
    assert rss_articles | set(EXPECTED["rejects"]) | {"/rss.xml"} == set(crawled)
    assert all(crawled[path]["status"] == 200 for path in rss_articles)
    assert crawled["/admin/drafts/embargoed-policy.html"]["error"] == "robots_disallowed"
    assert crawled["/news/20260417/markets-live.html"]["status"] == 500


def test_robots_disallowed_pages_are_never_requested(
    crawled: dict[str, dict[str, object]], wire_site: SiteServer
) -> None:
    assert wire_site.requests[0] == "/robots.txt"
    assert not [path for path in wire_site.requests if path.startswith("/admin/")]


def test_responses_are_stored_byte_exact_with_headers_and_encodings(
    crawled: dict[str, dict[str, object]], wire_site: SiteServer
) -> None:
    page = "/news/20260416/beijing-film-festival.html"
    row = crawled[page]
    served = (WIRE / page.lstrip("/")).read_bytes().replace(b"__BASE__", wire_site.base_url.encode())
    assert row["body"] == served
    assert {"name": "Content-Type", "value": "text/html; charset=gb18030"} in row["headers"]  # type: ignore[operator]
    assert (row["declared_encoding"], row["used_encoding"]) == ("gb18030", "gb18030")
    assert crawled["/news/20260416/yunnan-spring-drought.html"]["used_encoding"] == "gb18030"


def test_feed_titles_and_dates_travel_with_the_article_as_hints(crawled: dict[str, dict[str, object]]) -> None:
    hints = dict(crawled["/news/20260415/ev-exports.html"]["hints"])  # type: ignore[call-overload]
    assert hints["published"].startswith("2026-04-15T")


def test_a_second_run_does_not_fetch_article_pages_again(
    wire_site: SiteServer, wire_sources: Path, tmp_path: Path
) -> None:
    lake = str(tmp_path / "lake")
    assert crawl_site(str(wire_sources), "127.0.0.1", ["wire-rss"], lake, "run-1", "2026-04-17").ok
    wire_site.requests.clear()
    second = crawl_site(str(wire_sources), "127.0.0.1", ["wire-rss"], lake, "run-2", "2026-04-18")
    assert second.ok
    assert set(wire_site.requests) <= {
        "/robots.txt",
        "/rss.xml",
        "/news/20260416/removed-correction.html",
        "/news/20260417/markets-live.html",
    }
    assert (
        second.summary["sources"]["wire-rss"]["fetched_before"]
        == len([p for p, i in EXPECTED["articles"].items() if i["feed"] == "/rss.xml"]) + 3
    )


def test_a_crawl_whose_start_urls_all_fail_exits_non_zero_and_says_why(tmp_path: Path, wire_site: SiteServer) -> None:
    sources = tmp_path / "sources.yaml"
    sources.write_text(
        f"sources:\n  - id: gone\n    kind: feed\n    urls: ['{wire_site.base_url}/no-feed.xml']\n", "utf-8"
    )
    result = crawl_site(str(sources), "127.0.0.1", ["gone"], str(tmp_path / "lake"), "run-1", "2026-04-17")
    assert result.exit_code == 3
    assert result.summary["sources"]["gone"]["start_urls"] == {f"{wire_site.base_url}/no-feed.xml": "HTTP 404"}
