from __future__ import annotations

from pathlib import Path

import pytest

from transforms.feeds import NotAFeed, parse_feed

FEEDS = Path(__file__).resolve().parents[1] / "fixtures" / "feeds"


def test_rss_items_give_clean_links_and_dates_with_offsets() -> None:
    entries = parse_feed((FEEDS / "rss.xml").read_bytes(), "https://news.example.cn/rss.xml")
    assert [e.url for e in entries] == ["https://news.example.cn/a/1.html", "https://news.example.cn/a/2.html"]
    assert entries[0].title == "一季度家电零售额增长"
    assert entries[0].published == "2026-04-17T10:32:00+08:00"
    assert entries[0].hints() == {
        "title": "一季度家电零售额增长",
        "published": "2026-04-17T10:32:00+08:00",
        "language": "zh-cn",
    }


def test_atom_entries_use_the_alternate_link_resolved_against_the_feed() -> None:
    (entry,) = parse_feed((FEEDS / "atom.xml").read_bytes(), "https://world.example.com/feeds/atom.xml")
    assert entry.url == "https://world.example.com/en/2026/04/ports.html"
    assert entry.published == "2026-04-16T10:20:00-04:00"
    assert entry.language == "en"


def test_external_entities_are_never_resolved() -> None:
    (entry,) = parse_feed((FEEDS / "xxe.xml").read_bytes(), "https://news.example.cn/rss.xml")
    assert "root:" not in (entry.title or "")


def test_an_html_page_is_not_a_feed() -> None:
    with pytest.raises(NotAFeed, match="<html>"):
        parse_feed(b"<html><body><p>hello</p></body></html>", "https://example.com/")


def test_raw_ampersands_stay_in_links_and_html_entities_become_characters() -> None:
    entries = parse_feed((FEEDS / "wordpress-raw-ampersand.rss").read_bytes(), "https://valleyherald.example/feed/")
    assert [e.url for e in entries] == [
        "https://valleyherald.example/index.php?p=4411&cat=7",
        "https://valleyherald.example/2026/05/14/cafe-owners-traders-market/",  # tracking parameters removed
        "https://valleyherald.example/gallery.php?id=88&section=photos",
    ]
    assert [e.title for e in entries] == [
        "Council approves budget\xa0– but the pool stays shut",
        "Café owners & traders split over Saturday market",
        "Photos: the valley’s spring fair in 24 pictures",
    ]


def test_a_charset_given_only_in_the_http_header_decodes_the_titles() -> None:
    body = (FEEDS / "gbk-header-only.rss").read_bytes()
    entries = parse_feed(body, "http://www.nfwb.example.cn/rss.xml", "application/rss+xml; charset=GB2312")
    assert [e.title for e in entries] == ["国务院常务会议部署稳就业工作", "广州地铁十八号线北延段全线洞通"]
    assert entries[0].url == "http://www.nfwb.example.cn/news/2026-05/14/content_88231.htm"
    # without the header the bytes are still recognised as GBK rather than read as broken UTF-8
    assert parse_feed(body, "http://www.nfwb.example.cn/rss.xml")[1].title == "广州地铁十八号线北延段全线洞通"


def test_a_bom_and_blank_lines_before_the_declaration_are_tolerated() -> None:
    (entry,) = parse_feed(
        (FEEDS / "bom-before-declaration.atom").read_bytes(), "https://courrierdulac.example/feed.atom"
    )
    assert (entry.url, entry.title, entry.language) == (
        "https://courrierdulac.example/2026/05/14/marche-du-samedi",
        "Le marché du samedi divise les commerçants",
        "fr",
    )


def test_a_truncated_feed_gives_the_entries_before_the_cut() -> None:
    entries = parse_feed((FEEDS / "truncated.rss").read_bytes(), "https://harbourdaily.example/rss")
    assert [e.url for e in entries] == [
        "https://harbourdaily.example/news/ferry-late-sailings",
        "https://harbourdaily.example/news/library-reopens",
    ]


def test_a_json_feed_is_a_feed() -> None:
    entries = parse_feed((FEEDS / "jsonfeed.json").read_bytes(), "https://kiosknotes.example/feed.json")
    assert [e.hints() for e in entries] == [
        {"title": "Neuer Sommerfahrplan für die Fähren", "published": "2026-05-11T07:40:00+02:00", "language": "de-DE"},
        {"title": "Stadtbibliothek wieder offen", "published": "2026-05-11T10:15:00+02:00", "language": "en"},
    ]
    assert [e.url for e in entries] == [
        "https://kiosknotes.example/2026/05/fahrplan?id=12&lang=de",
        "https://kiosknotes.example/2026/05/bibliothek",
    ]
    with pytest.raises(NotAFeed, match="version"):
        parse_feed(b'{"items": []}', "https://kiosknotes.example/data.json")
