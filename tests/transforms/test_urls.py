from __future__ import annotations

import pytest

from transforms.urls import normalise_url


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("HTTP://News.Example.COM:80/a.html#comments", "http://news.example.com/a.html"),
        ("https://example.com/a?id=3&utm_source=rss&utm_medium=x&spm=1.2", "https://example.com/a?id=3"),
        ("https://example.com/a?from=timeline&page=2", "https://example.com/a?page=2"),
        ("https://example.com:8443/a", "https://example.com:8443/a"),
        ("https://example.com", "https://example.com/"),
    ],
)
def test_tracking_and_spelling_differences_are_removed(url: str, expected: str) -> None:
    assert normalise_url(url) == expected


def test_relative_links_resolve_against_the_page() -> None:
    assert normalise_url("../b.html?utm_campaign=z", "https://example.com/news/a/") == "https://example.com/news/b.html"
