from __future__ import annotations

import pytest

from transforms.urls import host_labels, normalise_url


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


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://[::1]:8080/a", "http://[::1]:8080/a"),
        ("http://[::1]:80/a#top", "http://[::1]/a"),
        ("https://[2001:DB8::1]:443/news?id=7&utm_source=x", "https://[2001:db8::1]/news?id=7"),
        ("http://[2001:db8::1]/", "http://[2001:db8::1]/"),
    ],
)
def test_ipv6_hosts_keep_their_brackets_and_lose_only_a_default_port(url: str, expected: str) -> None:
    assert normalise_url(url) == expected


def test_relative_links_on_an_ipv6_host_stay_on_it() -> None:
    assert normalise_url("b.html", "http://[::1]:8080/news/a.html") == "http://[::1]:8080/news/b.html"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://reader:s3cret@News.Example.com:80/a", "http://reader:s3cret@news.example.com/a"),
        ("https://reader@example.com:8443/a", "https://reader@example.com:8443/a"),
        ("http://reader:s3cret@[::1]:8080/a", "http://reader:s3cret@[::1]:8080/a"),
    ],
)
def test_user_info_is_kept_as_given(url: str, expected: str) -> None:
    assert normalise_url(url) == expected


def test_a_link_and_the_url_scrapy_fetches_it_under_have_one_spelling() -> None:
    link = normalise_url("/新闻/2026/a.html?q=中国", "http://例子.中国/")
    assert link == "http://xn--fsqu00a.xn--fiqs8s/%E6%96%B0%E9%97%BB/2026/a.html?q=%E4%B8%AD%E5%9B%BD"
    assert normalise_url(link) == link


@pytest.mark.parametrize(
    ("address", "labels"),
    [
        ("https://News.Example.com/a", ["news", "example", "com"]),
        ("http://[ccpa-preferences]/", []),  # a broken link a page may hold: no host, no error
        (None, []),
        ("/relative/path", []),
    ],
)
def test_host_labels(address: str | None, labels: list[str]) -> None:
    assert host_labels(address) == labels
