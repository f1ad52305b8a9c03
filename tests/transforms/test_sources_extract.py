"""A source's ``extract:`` block is checked with the rest of sources.yaml: file, line, source, fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from transforms.sources import SourcesError, parse_sources

HEAD = """\
sources:
  - id: briefing
    kind: feed
    urls: [https://example.com/rss.xml]
"""


def test_a_valid_block_gives_the_source_its_selectors() -> None:
    (source,) = parse_sources(
        HEAD
        + """\
    extract:
      body: "#story .body"
      drop: [.promo, "//aside[@class='related']"]
      title: h1.headline
      date: "meta[property='article:published_time']::attr(content)"
      authors: xpath://a[@rel='author']
      source: .credit
"""
    ).sources
    rules = source.extract
    assert rules is not None
    assert rules.body is not None and (rules.body.kind, rules.body.expression) == ("css", "#story .body")
    assert [(s.kind, s.expression) for s in rules.drop] == [("css", ".promo"), ("xpath", "//aside[@class='related']")]
    assert rules.authors is not None and (rules.authors.kind, rules.authors.expression) == (
        "xpath",
        "//a[@rel='author']",
    )
    assert rules.title is not None and rules.date is not None and rules.source is not None


def test_a_source_without_a_block_has_no_rules() -> None:
    assert parse_sources(HEAD).sources[0].extract is None


@pytest.mark.parametrize(
    ("block", "message"),
    [
        (
            "    extract:\n      bdy: div.story\n",
            "sources.yaml:6: source 'briefing': unknown key 'bdy' in 'extract' (did you mean 'body'?) "
            "(the keys are body, drop, title, date, authors, source)",
        ),
        (
            "    extract:\n      title: h1\n      body: 'div[class='\n",
            "sources.yaml:7: source 'briefing': 'extract.body': 'div[class=' is not a CSS selector parsel can read",
        ),
        (
            "    extract:\n      drop:\n        - .promo\n        - //div[@id=\n",
            "sources.yaml:8: source 'briefing': 'extract.drop': '//div[@id=' is not XPath parsel can read",
        ),
        (
            "    extract:\n      drop: .promo\n",
            "sources.yaml:6: source 'briefing': 'extract.drop' must be a list of selectors",
        ),
        (
            "    extract:\n      body: #story\n",
            "sources.yaml:6: source 'briefing': 'extract.body' is empty; quote a selector that starts with '#'",
        ),
        (
            "    extract:\n      body: 'div.story p::text'\n",
            "sources.yaml:6: source 'briefing': 'extract.body' 'div.story p::text' selects text or an attribute; "
            "it must select elements",
        ),
        (
            "    extract:\n      drop: [.ad, '//div/@class']\n",
            "sources.yaml:6: source 'briefing': 'extract.drop' '//div/@class' selects text or an attribute",
        ),
        ("    extract: div.story\n", "sources.yaml:5: source 'briefing': 'extract' must map fields (body, drop,"),
        ("    extract: {}\n", "sources.yaml:5: source 'briefing': 'extract' must map fields"),
        (
            "    extract:\n      title: [h1, h2]\n",
            "sources.yaml:6: source 'briefing': 'extract.title' must be one selector",
        ),
        (
            "    extrct:\n      body: p\n",
            "sources.yaml:5: source 'briefing': unknown key 'extrct' (did you mean 'extract'?)",
        ),
    ],
)
def test_a_bad_block_fails_with_one_line_naming_file_line_source_and_fix(block: str, message: str) -> None:
    with pytest.raises(SourcesError) as error:
        parse_sources(HEAD + block)
    assert message in str(error.value)
    assert "\n" not in str(error.value)


def test_the_readme_example_with_an_extract_block_is_a_valid_sources_file() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text("utf-8")
    section = readme[readme.index("## The sources file") :]
    example = section[section.index("```yaml") + len("```yaml") : section.index("```\n", section.index("```yaml"))]
    rules = {source.id: source.extract for source in parse_sources(example, "README.md").sources}
    assert rules["example-china"] is not None
    assert [selector.expression for selector in rules["example-china"].drop][-1] == "//div[@data-ad]"
