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
