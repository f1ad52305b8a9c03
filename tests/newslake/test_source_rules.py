"""A site the generic extractor gets wrong, fixed by its source's ``extract:`` block alone.

The fixture (tests/fixtures/sites/rules/README.md) is a real news page whose story sits in one
column with its timestamp, headline, byline, share buttons, notes and tag panel, and which names
the site, not the agency, as its origin. The same page is crawled over HTTP and processed into a
lake twice: with a plain source, and with the same source plus an ``extract:`` block. Nothing
else differs.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from support.lake_tables import duck

from newslake.cli import main
from newslake.site_server import SiteServer, serve_site

SITE = Path(__file__).resolve().parents[1] / "fixtures" / "sites" / "rules"
EXPECTED = json.loads((SITE / "expected.json").read_text("utf-8"))
RULES = """\
    extract:
      body: block > p
      drop:
        - "xpath://block/p[. = '___']/following-sibling::p"
      source: .field-name-field-byline-title
"""


@pytest.fixture(scope="module")
def site() -> Iterator[SiteServer]:
    with serve_site(SITE) as served:
        yield served


def crawl(site: SiteServer, folder: Path, extract_block: str) -> dict[str, Any]:
    """Run the pipeline on the site's feed into a fresh lake; the one article row it wrote."""
    folder.mkdir()
    sources = folder / "sources.yaml"
    sources.write_text(
        "sources:\n"
        "  - id: hosted\n"
        "    kind: feed\n"
        f'    urls: ["{site.base_url}/rss.xml"]\n'
        "    delay: 0\n" + extract_block,
        "utf-8",
    )
    lake = folder / "lake"
    assert main(["run", "--sources", str(sources), "--lake", str(lake), "--run-id", "r1", "--dt", "2019-11-20"]) == 0
    result = duck(lake).sql(f"SELECT * FROM delta_scan('{lake}/articles')")
    (row,) = [dict(zip(result.columns, values, strict=True)) for values in result.fetchall()]
    assert row["url"] == f"{site.base_url}/{EXPECTED['page']}"
    return row


def words(text: str) -> str:
    return " ".join(text.split())


def test_without_rules_the_story_keeps_the_column_around_it_and_the_wrong_credit(
    site: SiteServer, tmp_path: Path
) -> None:
    row = crawl(site, tmp_path / "plain", "")
    assert row["text"].startswith(EXPECTED["chrome"][0])  # the timestamp line, then headline and byline
    for chrome in EXPECTED["chrome"][1:]:
        assert chrome in row["text"]
    assert words(row["text"]) != words(EXPECTED["text"])
    assert row["credited_source"] == "Hosted"  # the site's og:site_name, not the agency
    assert row["source_rules"] is None


def test_with_the_extract_block_the_story_is_the_benchmarks_text_and_says_so(site: SiteServer, tmp_path: Path) -> None:
    row = crawl(site, tmp_path / "ruled", RULES)
    assert not any(chrome in row["text"] for chrome in EXPECTED["chrome"])
    assert words(row["text"]) == words(EXPECTED["text"])
    assert row["credited_source"] == EXPECTED["credited_source"]
    assert row["source_rules"] == {"body": "matched", "drop": "matched", "source": "matched"}
    # The fields the block does not name stay the generic extractor's, and right.
    assert row["title"] == EXPECTED["title"]
    assert row["authors"] == EXPECTED["authors"]
    assert row["published_at"] == datetime.fromisoformat(EXPECTED["published_at"])
    assert row["published_offset"] == "-05:00"


def test_after_a_redesign_the_article_still_lands_and_the_run_says_which_rule_fell_back(
    site: SiteServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The block written for the old templates: its body selector no longer matches anything."""
    row = crawl(site, tmp_path / "redesigned", RULES.replace("block > p", "div.story-body"))
    assert row["source_rules"] == {"body": "no match", "drop": "matched", "source": "matched"}
    assert EXPECTED["text"].split("\n")[0] in row["text"]  # the generic scorer found the story
    assert "Follow AP's full coverage" not in row["text"]  # and drop still applies
    assert row["credited_source"] == EXPECTED["credited_source"]
    assert "extract rules fell back to the generic extractor: hosted body 1" in capsys.readouterr().out
