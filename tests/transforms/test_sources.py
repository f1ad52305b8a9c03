from __future__ import annotations

from pathlib import Path

import pytest

from newslake.demo import DEMO_PORT, demo_sources_yaml
from transforms.edge.sources_file import load_sources
from transforms.sources import SourcesError, parse_sources

ROOT = Path(__file__).resolve().parents[2]

GOOD = """\
sources:
  - id: xinhua-world
    kind: feed
    urls: [https://example.com/world/rss.xml]
    timezone: Asia/Shanghai
    max_pages: 50
"""


def test_a_valid_file_gives_sources_with_polite_defaults() -> None:
    sources = parse_sources(GOOD)
    (source,) = sources.sources
    assert source.id == "xinhua-world"
    assert source.max_pages == 50
    assert source.concurrency == 2
    assert source.delay == 1.0
    assert source.domains == ("example.com",)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            GOOD + "    max_page: 3\n",
            "sources.yaml:7: source 'xinhua-world': unknown key 'max_page' (did you mean 'max_pages'?)",
        ),
        (
            GOOD.replace("kind: feed", "kind: rss"),
            "source 'xinhua-world': 'kind' must be one of feed, sitemap, listing",
        ),
        (GOOD.replace("timezone: Asia/Shanghai", "timezone: Beijing"), "'timezone' 'Beijing' is not an IANA zone"),
        (GOOD.replace("https://example.com/world/rss.xml", "example.com/rss"), "'urls' entry 'example.com/rss' is not"),
        (GOOD.replace("max_pages: 50", "max_pages: many"), "'max_pages' must be a whole number, got 'many'"),
        (GOOD.replace("    urls: [https://example.com/world/rss.xml]\n", ""), "missing required key 'urls'"),
        (GOOD + GOOD.split("\n", 1)[1], "source 'xinhua-world': the id is used twice"),
        ("sources: [\n", "not valid YAML"),
        ("source: []\n", "unknown top-level key 'source' (did you mean 'sources'?)"),
        ("sources:\n  - id: a\n    kind: listing\n    urls: [http://a.com/]\n", "needs 'article_url_pattern'"),
    ],
)
def test_a_bad_file_fails_with_one_line_naming_the_source_and_key(text: str, message: str) -> None:
    with pytest.raises(SourcesError) as error:
        parse_sources(text)
    assert message in str(error.value)
    assert "\n" not in str(error.value)


def test_a_missing_file_says_how_to_point_at_one(tmp_path: Path) -> None:
    with pytest.raises(SourcesError, match="pass --sources or set NEWSLAKE_SOURCES"):
        load_sources(tmp_path / "nope.yaml")


def test_the_repository_sources_file_is_the_demo_sites() -> None:
    shipped = load_sources(ROOT / "sources.yaml")
    assert shipped.sources == parse_sources(demo_sources_yaml(f"http://127.0.0.1:{DEMO_PORT}")).sources


LISTING = """\
sources:
  - id: portal-china
    kind: listing
    urls: [https://example.com/china/]
    article_url_pattern: '/news/\\d+\\.html$'
    pagination_pattern: '/china/index_\\d+\\.html$'
    max_depth: 2
"""


def test_a_listing_source_takes_depth_and_pagination() -> None:
    (source,) = parse_sources(LISTING).sources
    assert (source.kind, source.max_depth, source.pagination_pattern) == ("listing", 2, "/china/index_\\d+\\.html$")
    (default,) = parse_sources(LISTING.replace("    max_depth: 2\n", "")).sources
    assert default.max_depth == 1


@pytest.mark.parametrize(
    ("replace", "message"),
    [
        ("max_depth: 2", "'max_depth' must be at least 1"),
        ("pagination_pattern: '/china/index_\\d+\\.html$'", "'pagination_pattern' is not a valid regex"),
    ],
)
def test_bad_listing_keys_name_the_key(replace: str, message: str) -> None:
    broken = (
        LISTING.replace("max_depth: 2", "max_depth: 0")
        if "depth" in replace
        else LISTING.replace(replace, "pagination_pattern: '(['")
    )
    with pytest.raises(SourcesError, match=message):
        parse_sources(broken)
