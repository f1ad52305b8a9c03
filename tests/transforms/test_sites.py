from __future__ import annotations

import pytest

from transforms.sites import group_sites
from transforms.sources import HostPoliteness, SourcesError, parse_sources

FILE = """\
sources:
  - {id: paper-rss, kind: feed, urls: ["https://news.example.com/rss"], concurrency: 4, delay: 0.5}
  - {id: other-feed, kind: feed, urls: ["https://other.example.org/feed"]}
  - {id: paper-sitemap, kind: sitemap, urls: ["https://NEWS.example.com/"], concurrency: 2, delay: 2}
  - {id: paper-sport, kind: sitemap, urls: ["https://sport.example.com/", "https://news.example.com/sport/"]}
"""


def test_sources_sharing_a_host_are_one_site_with_the_strictest_politeness() -> None:
    sites = group_sites(parse_sources(FILE))
    assert [(site.name, site.source_ids) for site in sites] == [
        ("news.example.com", ("paper-rss", "paper-sitemap", "paper-sport")),  # sport.… joins through news.…
        ("other.example.org", ("other-feed",)),
    ]
    paper = sites[0]
    assert (paper.concurrency, paper.delay) == (2, 2.0)
    assert paper.label() == "news.example.com (paper-rss, paper-sitemap, paper-sport)"


def test_a_choice_of_sources_crawls_only_their_sites() -> None:
    sites = group_sites(parse_sources(FILE), ["other-feed", "paper-rss"])
    assert [(site.name, site.source_ids) for site in sites] == [
        ("news.example.com", ("paper-rss",)),
        ("other.example.org", ("other-feed",)),
    ]
    with pytest.raises(SourcesError, match="no source 'nope'"):
        group_sites(parse_sources(FILE), ["nope"])


def test_the_sites_block_sets_a_hosts_politeness() -> None:
    text = "sites:\n  news.example.com: {concurrency: 6}\n  sport.example.com: {delay: 0.25}\n" + FILE
    sources = parse_sources(text)
    assert dict(sources.hosts) == {
        "news.example.com": HostPoliteness(concurrency=6),
        "sport.example.com": HostPoliteness(delay=0.25),
    }
    (paper, _) = group_sites(sources)
    assert paper.hosts == (
        ("news.example.com", HostPoliteness(concurrency=6)),
        ("sport.example.com", HostPoliteness(delay=0.25)),
    )


@pytest.mark.parametrize(
    ("block", "message"),
    [
        (
            "sites:\n  news.example.com: {concurency: 2}\n",
            "sources.yaml:2: site 'news.example.com': unknown key 'concurency' (did you mean 'concurrency'?)",
        ),
        (
            "sites:\n  https://news.example.com/: {delay: 1}\n",
            "sources.yaml:2: site 'https://news.example.com/': a site is a lowercase host name such as "
            "news.example.com, not a URL",
        ),
        (
            "sites:\n  news.example.com:\n    delay: soon\n",
            "sources.yaml:3: site 'news.example.com': 'delay' must be a number, got 'soon'",
        ),
        (
            "sites:\n  news.example.com: {concurrency: 0}\n",
            "sources.yaml:2: site 'news.example.com': 'concurrency' must be at least 1",
        ),
        ("sites: [news.example.com]\n", "sources.yaml:1: 'sites:' must be a mapping of keys to values"),
    ],
)
def test_a_bad_sites_block_fails_with_one_line_naming_the_host_and_key(block: str, message: str) -> None:
    with pytest.raises(SourcesError) as error:
        parse_sources(block + FILE)
    assert str(error.value) == message
