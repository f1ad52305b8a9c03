"""A source's extract: rules on a real page: they win where they match, and say when they do not."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from transforms.extract import Article, Page, extract
from transforms.extract.rules import SiteRules, parse_selector

SITE = Path(__file__).resolve().parents[2] / "fixtures" / "sites" / "rules"
PAGE = (SITE / "article" / "uk-tories-under-fire-twitter-name-switch-during-debate.html").read_text("utf-8")
URL = (
    "https://hosted.ap.org/citizensvoice/article/2896af5086674d4bbbbd454dec217c63/"
    "uk-tories-under-fire-twitter-name-switch-during-debate"
)
FETCHED = datetime(2019, 11, 21, tzinfo=UTC)


def article(rules: SiteRules | None) -> Article:
    result = extract(Page(url=URL, body=PAGE, fetched_at=FETCHED, rules=rules))
    assert isinstance(result, Article)
    return result


def test_each_configured_field_wins_over_the_generic_choice_where_it_matches() -> None:
    generic = article(None)
    ruled = article(
        SiteRules(
            title=parse_selector("#ap-story-slug"),  # the agency's slug line, served hidden
            date=parse_selector("meta[property='article:modified_time']::attr(content)"),
            authors=parse_selector("xpath://a[@class='people-tag']/text()"),
            source=parse_selector(".field-name-field-byline-title"),
        )
    )
    assert (generic.title, ruled.title) == (
        "UK Tories under fire for Twitter name switch during debate",
        "BC-EU--Britain-Brexit-Election, 1st Ld-Writethru",
    )
    assert ruled.published_at == datetime.fromisoformat("2019-11-20T06:02:20-05:00") != generic.published_at
    assert ruled.date_source == "source rules"
    assert (generic.authors, ruled.authors) == (
        ("DANICA KIRKA", "JILL LAWLESS"),
        ("Jeremy Corbyn", "Nick Clegg", "Boris Johnson"),
    )
    assert (generic.credited_source, ruled.credited_source) == ("Hosted", "Associated Press")  # og:site_name vs byline
    assert ruled.source_rules == (
        ("title", "matched"),
        ("date", "matched"),
        ("authors", "matched"),
        ("source", "matched"),
    )
    assert ruled.text == generic.text


def test_a_selector_that_matches_nothing_falls_back_to_the_generic_value_and_says_so() -> None:
    """What an operator sees after a site redesign: the article still comes, marked."""
    generic = article(None)
    ruled = article(
        SiteRules(
            body=parse_selector("div.story-body"),
            drop=(parse_selector("#gone"),),
            title=parse_selector("h1.headline"),
            date=parse_selector(".ap-story-byline"),  # matches, but "By DANICA KIRKA and JILL LAWLESS" is no date
        )
    )
    assert (ruled.text, ruled.title, ruled.published_at) == (generic.text, generic.title, generic.published_at)
    assert ruled.date_source == generic.date_source == "meta"
    assert ruled.source_rules == (
        ("body", "no match"),
        ("drop", "no match"),
        ("title", "no match"),
        ("date", "not a date"),
    )
    assert generic.source_rules == ()


def test_body_and_drop_keep_the_story_and_only_the_story() -> None:
    generic = article(None)
    ruled = article(
        SiteRules(
            body=parse_selector("block > p"),
            drop=(parse_selector("xpath://block/p[. = '___']/following-sibling::p"),),
        )
    )
    assert generic.text.startswith("Nov. 20, 2019 6:02 AM EST\n\nUK Tories under fire")
    assert ruled.text.startswith("LONDON (AP) — Britain's Conservative Party was accused Wednesday")
    assert ruled.text.endswith("Clegg now works for Facebook.\n\n___")  # the notes after the rule line dropped
    assert "Follow AP's full coverage" in generic.text
    for chrome in ("Follow AP's full coverage", "Places in this Story"):
        assert chrome not in ruled.text  # the tag panel shares the paragraphs' parent but is no paragraph


def test_a_body_block_the_cleaner_would_drop_as_hidden_is_still_read_when_a_source_names_it() -> None:
    hidden = PAGE.replace("<block>", '<block style="visibility: hidden;">', 1)
    assert hidden != PAGE
    result = extract(Page(url=URL, body=hidden, fetched_at=FETCHED, rules=SiteRules(body=parse_selector("block > p"))))
    assert isinstance(result, Article)
    assert result.text.startswith("LONDON (AP) — Britain's Conservative Party was accused")


def test_a_body_selector_reads_only_what_it_names_not_the_standfirst_the_description_repeats() -> None:
    deck = "The council approved the transit budget after a long debate that ran past midnight."
    sentence = "Members voted nine to four for the plan, which adds two bus lines and a night service."
    page = (
        f"<html><head><meta name='description' content='{deck}'></head><body><h1>Budget passes</h1>"
        f"<h2>{deck}</h2><div class='content'>{f'<p>{sentence}</p>' * 6}</div></body></html>"
    )
    generic, ruled = (
        extract(Page(url="https://news.example.com/budget", body=page, fetched_at=FETCHED, rules=rules))
        for rules in (None, SiteRules(body=parse_selector("div.content")))
    )
    assert isinstance(generic, Article) and isinstance(ruled, Article)
    assert generic.text.startswith(deck)
    assert ruled.text.startswith(sentence)


@pytest.mark.parametrize(
    ("written", "kind", "expression"),
    [
        ("div.story", "css", "div.story"),
        ("css: div.story", "css", "div.story"),
        ("//div[@id='story']", "xpath", "//div[@id='story']"),
        ("(//h1)[1]", "xpath", "(//h1)[1]"),
        ("xpath: .//p", "xpath", ".//p"),
        ("meta[name=author]::attr(content)", "css", "meta[name=author]::attr(content)"),
    ],
)
def test_a_selector_says_whether_it_is_css_or_xpath(written: str, kind: str, expression: str) -> None:
    selector = parse_selector(written)
    assert (selector.kind, selector.expression, selector.written) == (kind, expression, written)


@pytest.mark.parametrize(
    ("written", "values"),
    [
        ("div.story", False),
        ("div.story p::text", True),
        ("meta[name=author]::attr(content)", True),
        ("//div[@id='story']", False),
        ("//meta[@name='author']/@content", True),
        ("(//h1/text())[1]", True),
        ("//div[text()='x']", False),
    ],
)
def test_a_selector_knows_when_it_picks_values_not_elements(written: str, values: bool) -> None:
    assert parse_selector(written).selects_values is values


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("div[", "'div[' is not a CSS selector parsel can read"),
        ("//div[", "'//div[' is not XPath parsel can read"),
        ("//div[nope:thing()]", "is not XPath parsel can read"),
        ("xpath:", "the selector is empty"),
        ("p:nth-frob(2)", "for XPath start it with '/' or 'xpath:'"),
    ],
)
def test_a_selector_parsel_cannot_read_is_refused_with_the_reason(written: str, message: str) -> None:
    with pytest.raises(ValueError) as error:
        parse_selector(written)
    assert message in str(error.value)


def test_drop_also_applies_when_the_story_is_read_from_a_container_served_hidden() -> None:
    """The hidden-story path parses the page a second time; the source's drop rules hold there too."""
    wechat = Path(__file__).resolve().parents[2] / "fixtures" / "extraction" / "zh-wechat-hidden-story"
    page = (wechat / "page.html").read_text("utf-8")
    url = (wechat / "url.txt").read_text("utf-8").strip()
    plain = extract(Page(url=url, body=page, fetched_at=FETCHED))
    ruled = extract(
        Page(url=url, body=page, fetched_at=FETCHED, rules=SiteRules(drop=(parse_selector("#js_content pre"),)))
    )
    assert isinstance(plain, Article) and isinstance(ruled, Article)
    assert "client = seedbox.Seedbox()" in plain.text
    assert "client = seedbox.Seedbox()" not in ruled.text
    assert ruled.text.startswith(plain.text[:20])
    assert ruled.source_rules == (("drop", "matched"),)
