"""Where a page's one story is: under its headline.

The scorer prefers the block with the most sentence-bearing text; a short story (a few lines
under a chart, a two-paragraph notice) can lose to a longer block elsewhere on its own page: the
writer's box below it, a listing of other stories with their summaries, the publisher's imprint;
and a story too short for the word floor is taken for an index page. A page says where its story
is when it repeats its ``<h1>`` in its ``<title>`` and either declares itself an article (og:type,
JSON-LD) or prints a date line between that headline and the story (``dated_under_headline``).
On such a page the strong block under the headline is taken when the winner lies elsewhere, a
short story there is not replaced by a longer block elsewhere, and it may be as short as a
declared article's. Never on the signs' absence, and never by a bare lower word floor.
"""

from __future__ import annotations

import re
from itertools import islice

from lxml import html as lxml_html

from transforms.extract.dates import Zone, parse_date
from transforms.extract.dom import Paragraph, Scoring, block_paragraphs, contains
from transforms.extract.marks import CJK, DATE_LINE_CHARS, HEADINGS, LEDE_WINDOW, SPACE, TOKEN
from transforms.extract.metadata import Metadata

# elements from the headline; its story starts within this many, past a standfirst, the byline and
# date lines, a lead picture and a share row
_UNDER_HEADLINE = 60
_RUNNER_UP_SHARE = 0.5  # of the winner's strength: a block this strong is no stray line
_STORY_TOKENS = 10  # words, or ideographs and kana: a shorter block is a label, not a story
_SENTENCE_MARK = re.compile(r"[.!?…](?!\S)|[。！？]")  # a stop before a space: not a date's or a number's dot
_TEASER_HEADINGS = frozenset(("h2", "h3", "h4"))
# A short ``<title>`` with one of these marks is a sentence or a label, not a section's name.
_TITLE_PUNCTUATION = re.compile(r"[，。！？：,!?:]")


def story_under_headline(
    scoring: Scoring, order: dict[lxml_html.HtmlElement, int], found: Metadata
) -> list[Paragraph] | None:
    """The story under the page's headline: the scorer's pick when it sits there, else the
    paragraphs of the strong block just under the headline; None where the page gives no sign of
    one story or has no such block."""
    picked, ranked = scoring.paragraphs, scoring.ranked
    headline = found.headline_element
    if not found.declares_article or headline is None or headline not in order or not picked:
        return None
    start = order[headline]
    if (below := _story_below_header(ranked, order, picked, headline)) is not None:
        return below
    if any(start < order.get(p.element, -1) <= start + _UNDER_HEADLINE for p in picked):
        return picked if _tells_a_story(picked) else None
    under = [(block, strength) for block, strength in ranked if start < order.get(block, -1) <= start + _UNDER_HEADLINE]
    if not under:
        return None
    block, strength = under[0]  # ranked strongest first
    if strength < _RUNNER_UP_SHARE * ranked[0][1] or any(contains(block, p.element) for p in picked):
        return None  # a weak block, or one around the chosen story (its date line and byline above it)
    paragraphs = block_paragraphs(block)
    return paragraphs if _tells_a_story(paragraphs) else None


def _story_below_header(
    ranked: list[tuple[lxml_html.HtmlElement, float]],
    order: dict[lxml_html.HtmlElement, int],
    picked: list[Paragraph],
    headline: lxml_html.HtmlElement,
) -> list[Paragraph] | None:
    """The standfirst and the story below it, when the block picked is the story's header.

    A short story's header (a section label, the headline, a standfirst, the date line) can hold
    more text than the story under it, a paragraph or two in its own box; the scorer then picks the
    header, and the story is lost. Taken when the picked block holds the headline itself and no
    more than one sentence (the standfirst): the strongest block below it, under the headline,
    that holds a sentence, read after the header's sentence."""
    if not any(p.element is headline for p in picked):
        return None
    told = [p for p in picked if _is_sentence(p) and order.get(p.element, -1) > order[headline]]
    if len(told) > 1 or any(_is_sentence(p) and order.get(p.element, -1) < order[headline] for p in picked):
        return None
    end = max(order.get(p.element, -1) for p in picked)
    limit = order[headline] + _UNDER_HEADLINE
    for block, strength in ranked:
        if not end < order.get(block, -1) <= limit or strength <= 0:
            continue
        paragraphs = block_paragraphs(block)
        if any(_is_sentence(p) for p in paragraphs):
            return [*told, *paragraphs]
    return None


def _tells_a_story(paragraphs: list[Paragraph]) -> bool:
    """Sentences, not labels: the unlinked paragraphs that hold a sentence's mark have words enough
    (a forum post's author box under the thread's title has a name, a rank, a count, no sentence)."""
    text = " ".join(p.text for p in paragraphs if _is_sentence(p))
    return len(TOKEN.findall(text)) >= _STORY_TOKENS


def _is_sentence(paragraph: Paragraph) -> bool:
    return paragraph.link_density < 0.5 and _SENTENCE_MARK.search(paragraph.text) is not None


def dated_under_headline(order: dict[lxml_html.HtmlElement, int], picked: list[Paragraph], found: Metadata) -> bool:
    """Whether the page shows one story the way a story page does, though it declares nothing:
    the ``<h1>`` its ``<title>`` repeats, a date line under it, then the story's first sentence,
    with no other heading between (a listing's teasers each have one, under the section's name).
    The date line may open the story's own block (``06.11.2023 13:30 von …`` above its text).
    """
    headline = found.headline_element
    if headline is None or headline not in order or not _tells_a_story(picked):
        return False
    start = order[headline]
    if not start < min(order.get(p.element, -1) for p in picked) <= start + _UNDER_HEADLINE:
        return False
    first = min(order.get(p.element, -1) for p in picked if _is_sentence(p))
    dated = False
    for element in islice(order, start + 1, first):
        if not isinstance(element.tag, str):
            continue
        if element.tag in _TEASER_HEADINGS:
            return False
        dated = dated or element.tag == "time" or _is_date_line(element.text) or _is_date_line(element.tail)
    return dated


def _is_date_line(text: str | None) -> bool:
    if not text or len(stripped := text.strip()) > DATE_LINE_CHARS:
        return False
    return parse_date(stripped, Zone()) is not None


def section_headline(title: str, order: dict[lxml_html.HtmlElement, int], start: int, hint: str | None) -> str:
    """When the page states no headline and its ``<title>`` is too short to be one (``新闻动态``,
    ``Press releases``), the feed's headline, else the nearest heading above the story: such
    templates print the section's name in every page's title and set the headline in any heading
    level (``<h5>``) over the date line. Three words may be a headline already (``Brexit deal agreed``)."""
    short = len(title) <= 6 and not _TITLE_PUNCTUATION.search(title) if CJK.search(title) else len(title.split()) <= 2
    return (hint or _heading_above(order, start, title) if short else None) or title


def _heading_above(order: dict[lxml_html.HtmlElement, int], start: int, section: str) -> str | None:
    """The nearest heading above the story that is no link's text and heads no list (``<h3>Most
    read</h3><ul>…``, a side column's box standing before the story in the page)."""
    elements = list(order)
    for position in range(start - 1, max(-1, start - LEDE_WINDOW), -1):
        element = elements[position]
        if element.tag not in HEADINGS or any(parent.tag == "a" for parent in element.iterancestors()):
            continue
        if (following := element.getnext()) is not None and following.tag in ("ul", "ol", "dl"):
            continue
        text = SPACE.sub(" ", element.text_content()).strip()
        if max(8, len(section) + 2) <= len(text) <= 100 and section not in text:
            return text
    return None
