"""Sitemap parsing: robots.txt lines, indexes, urlsets, Google News fields, gzip, hostile input."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from transforms.sitemaps import NotASitemap, inflate, parse_sitemap, robots_sitemaps

BASE = "https://news.example.com/sitemap.xml"
NEWS = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
  <url><loc>https://news.example.com/a.html?utm_source=x#top</loc><lastmod>2026-05-01</lastmod>
    <news:news><news:publication><news:name>Example</news:name><news:language>zh-cn</news:language></news:publication>
      <news:publication_date>2026-05-01T08:00:00+08:00</news:publication_date>
      <news:title>  标题 一  </news:title></news:news></url>
  <url><loc>https://news.example.com/b.html</loc></url>
  <url><loc>https://news.example.com/a.html</loc></url>
  <url><loc>javascript:alert(1)</loc></url>
  <url></url>
</urlset>""".encode()


def test_robots_txt_sitemap_lines_in_order_without_repeats() -> None:
    robots = (
        b"User-agent: *\nDisallow: /private/\nSitemap: /s1.xml\n"
        b"sitemap:https://news.example.com/s2.xml.gz # news\nSitemap: /s1.xml\n"
    )
    assert robots_sitemaps(robots, "https://news.example.com/robots.txt") == [
        "https://news.example.com/s1.xml",
        "https://news.example.com/s2.xml.gz",
    ]


def test_a_sitemap_index_lists_its_sitemaps() -> None:
    index = b"""<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
      <sitemap><loc>https://news.example.com/s1.xml</loc></sitemap>
      <sitemap><loc>https://news.example.com/s1.xml</loc></sitemap>
      <sitemap><loc>/s2.xml.gz</loc></sitemap></sitemapindex>"""
    sitemap = parse_sitemap(index, BASE)
    assert (sitemap.kind, sitemap.sitemaps) == (
        "index",
        ("https://news.example.com/s1.xml", "https://news.example.com/s2.xml.gz"),
    )


def test_google_news_entries_carry_title_date_and_language_as_hints() -> None:
    sitemap = parse_sitemap(NEWS, BASE)
    assert sitemap.kind == "urlset"
    first = sitemap.entries[0]
    assert first.url == "https://news.example.com/a.html"  # normalised: tracking and fragment gone
    assert first.hints() == {"title": "标题 一", "published": "2026-05-01T08:00:00+08:00", "language": "zh-cn"}
    assert first.modified == "2026-05-01"
    # a repeat is kept, so the crawl records it as a duplicate instead of dropping it silently
    assert [entry.url for entry in sitemap.entries] == [
        "https://news.example.com/a.html",
        "https://news.example.com/b.html",
        "https://news.example.com/a.html",
    ]
    assert sitemap.entries[1].hints() == {}


def test_gzipped_sitemaps_are_read_and_bombs_are_refused() -> None:
    assert parse_sitemap(gzip.compress(NEWS), BASE).entries[1].url == "https://news.example.com/b.html"
    bomb = gzip.compress(b"<urlset>" + b" " * 5_000_000 + b"</urlset>")
    with pytest.raises(NotASitemap, match="more than 1000000 bytes"):
        inflate(bomb, 1_000_000)
    with pytest.raises(NotASitemap, match="broken gzip"):
        inflate(b"\x1f\x8bnot gzip at all", 1000)


def test_external_entities_are_not_resolved() -> None:
    hostile = b"""<?xml version="1.0"?>
<!DOCTYPE urlset [<!ENTITY leak SYSTEM "file:///etc/passwd">]>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://news.example.com/&leak;x.html</loc></url></urlset>"""
    urls = [entry.url for entry in parse_sitemap(hostile, BASE).entries]
    assert not [url for url in urls if "root" in url]


def test_anything_else_is_not_a_sitemap() -> None:
    with pytest.raises(NotASitemap, match="<rss>"):
        parse_sitemap(b"<rss><channel/></rss>", BASE)
    with pytest.raises(NotASitemap):
        parse_sitemap(b"<html><body>Not found</body>", BASE)


FEEDS = Path(__file__).resolve().parents[1] / "fixtures" / "feeds"


def test_raw_ampersands_in_loc_stay_literal_and_html_entities_read_as_characters() -> None:
    body = (FEEDS / "sitemap-raw-ampersand.xml").read_bytes()
    sitemap = parse_sitemap(body, "https://valleyherald.example/sitemap.xml")
    assert [entry.url for entry in sitemap.entries] == [
        "https://valleyherald.example/article.aspx?id=4411&cat=2",
        "https://valleyherald.example/article.aspx?id=4408&cat=5",
        "https://valleyherald.example/article.aspx?id=4402&cat=9&page=1",
    ]
    assert sitemap.entries[0].title == "Council approves budget\xa0– but the pool stays shut"
    gzipped = parse_sitemap(
        gzip.compress(body), "https://valleyherald.example/sitemap.xml.gz", 1 << 20, "application/gzip"
    )
    assert gzipped.entries == sitemap.entries


def test_a_truncated_urlset_gives_the_entries_before_the_cut() -> None:
    cut = NEWS[: NEWS.index(b"<url><loc>https://news.example.com/a.html</loc>") + 20]
    sitemap = parse_sitemap(cut, BASE)
    assert [entry.url for entry in sitemap.entries] == [
        "https://news.example.com/a.html",
        "https://news.example.com/b.html",
    ]


def test_a_sitemap_in_a_legacy_charset_named_only_in_the_header() -> None:
    body = (
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"><url><loc>http://www.nfwb.example.cn/a.htm</loc>'
        "<news:news><news:title>地铁十八号线北延段洞通</news:title></news:news></url></urlset>"
    ).encode("gbk")
    (entry,) = parse_sitemap(
        body, "http://www.nfwb.example.cn/sitemap.xml", content_type="text/xml; charset=gbk"
    ).entries
    assert entry.title == "地铁十八号线北延段洞通"
