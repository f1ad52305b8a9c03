"""The story's paragraphs: the scorer's pick (or the block under the headline), read again when
short (a script's copy, hidden blocks), the text the page states in its structured data, and the
word floors a story must reach."""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import count, islice
from urllib.parse import urlsplit

from lxml import html as lxml_html

from transforms.extract.dates import Zone, parse_url_date
from transforms.extract.dom import (
    Paragraph,
    block_paragraphs,
    clean_tree,
    in_ingredients,
    main_paragraphs,
    without_notice_boxes,
)
from transforms.extract.headline import dated_under_headline, story_under_headline
from transforms.extract.lines import Credits, clean_paragraphs, is_notice, without_dated_listing
from transforms.extract.marks import CJK, SQUASH, TOKEN
from transforms.extract.metadata import Metadata
from transforms.extract.model import Page
from transforms.extract.parsing import parse_html
from transforms.extract.rules import drop_elements
from transforms.extract.shapes import Embedded, embedded_html, wrap_fragment
from transforms.invisible import visible_text

MIN_CJK_CHARS = 60
MIN_WORDS = 40
# A page that declares itself an article (og:type, JSON-LD) may hold a short story: a poem, a
# notice, a two-line post; its main block then needs only this much (menus and teasers carry links).
MIN_DECLARED_WORDS = 10
MIN_DECLARED_CJK_CHARS = 20
_WORD = re.compile(r"\w+")
_STORY_CHARS = 150  # characters; a withheld block smaller than this cannot hold a story
_SHORT_STORY_CHARS = 20  # characters; nor this one a short story, on a page that says it is one item
_STATED_CHARS = 1000  # characters; a shorter ``articleBody`` is often a teaser, not the story
_MARKUP = re.compile(r"<(?:p|div|br|h[1-6]|ul|li)\b", re.IGNORECASE)
_BARE_URL = re.compile(r"(?:https?://|www\.)\S+$")
_SENTENCE_WORDS = 8  # a linked line this long ending in a full stop is a sentence, not a headline


@dataclass(frozen=True)
class ScoredStory:
    """The scorer's story: the paragraphs picked, the size of the largest block the cleaning
    withheld, and whether the story sits under the headline of a page that says it holds one story
    (by declaring an article, or by a date line between the two)."""

    picked: list[Paragraph]
    withheld: int = 0
    under_headline: bool = False


def scored_paragraphs(
    tree: lxml_html.HtmlElement, order: dict[lxml_html.HtmlElement, int], found: Metadata
) -> ScoredStory:
    """The generic path: clean the whole page, then let the scorer pick the story's block (or the
    one under the headline, ``story_under_headline``)."""
    withheld = clean_tree(tree)
    scoring = main_paragraphs(tree)
    picked = scoring.paragraphs
    if under := story_under_headline(scoring, order, found):
        return ScoredStory(under, withheld, under_headline=True)
    # Read only for a short story: a long one is kept whatever the page says of itself.
    short = not is_long_enough("".join(p.text for p in picked))
    return ScoredStory(picked, withheld, under_headline=short and dated_under_headline(order, picked, found))


@dataclass(frozen=True)
class Reading:
    """The story as read so far: the page's element order, the paragraphs picked, their text, with
    the title and the credits their lines are cleaned by; the script's string it was read from, if
    it was (a client-rendered page)."""

    order: dict[lxml_html.HtmlElement, int]
    picked: list[Paragraph]
    paragraphs: list[str]
    title: str | None
    credits: Credits
    embedded: Embedded | None = None


@dataclass(frozen=True)
class StorySigns:
    """What the page says of its story: it sits under the page's headline; the page is one item."""

    under_headline: bool
    one_item: bool


def look_again(read: Reading, markup: str, page: Page, withheld: int, signs: StorySigns) -> Reading:
    """A short story read again: from a script's string (a client-rendered page), then with hidden
    and boilerplate-named blocks kept (a story revealed by a script or a paywall).

    A short story read under the headline is only replaced by a reading that goes on from it (its
    full text behind a paywall), never by a longer block elsewhere (a writer's box, a listing of
    other stories with their summaries), nor by a script's copy of the same text: read from the
    page, its standfirst above it is found by position. A page that says it is one item may hold a
    short one: a public account's picture post carries a line or two under its pictures, hidden
    like its articles."""
    order, picked, paragraphs = read.order, read.picked, read.paragraphs
    title, credits = read.title, read.credits
    embedded = embedded_html(markup)
    if embedded is not None and (inner := parse_html(wrap_fragment(embedded.html))) is not None:
        clean_tree(inner)
        inner_picked = main_paragraphs(inner).paragraphs
        inner_paragraphs = story_paragraphs(inner_picked, title, credits)
        if signs.under_headline and not (
            _goes_on_from(paragraphs, inner_paragraphs) and len("".join(inner_paragraphs)) > len("".join(paragraphs))
        ):
            embedded = None
        else:
            picked, paragraphs = inner_picked, inner_paragraphs
    hidden_too = withheld >= (_SHORT_STORY_CHARS if signs.one_item else _STORY_CHARS) and not is_long_enough(
        "".join(paragraphs)
    )
    if hidden_too and (shown := parse_html(markup)) is not None:
        # The story may be served hidden and revealed by a script or a paywall, or sit in a block
        # whose class reads like boilerplate: look again trusting neither.
        drop_elements(shown, page.rules)
        shown_order = dict(zip(shown.iter(), count()))
        clean_tree(shown, relaxed=True)
        shown_picked = main_paragraphs(shown).paragraphs
        shown_paragraphs = story_paragraphs(shown_picked, title, credits)
        shown_text = "".join(shown_paragraphs)
        if (is_long_enough(shown_text) or (signs.one_item and is_short_story(shown_text))) and (
            not signs.under_headline or _goes_on_from(paragraphs, shown_paragraphs)
        ):
            order, picked, paragraphs = shown_order, shown_picked, shown_paragraphs
    return Reading(order, picked, paragraphs, title, credits, embedded)


def _goes_on_from(story: list[str], reading: list[str]) -> bool:
    """Whether ``reading`` holds most of ``story``'s word triples: the same story, read further."""
    shown = _triples("\n".join(story))
    return len(shown & _triples("\n".join(reading))) >= 0.5 * len(shown)


def stated_story(stated: str | None, paragraphs: list[str]) -> list[str] | None:
    """The story's text as the page's structured data states it (JSON-LD ``articleBody``), when
    the block the scorer chose is not part of it.

    A paywall shows a subscription offer where the story was, and a client-rendered page may
    show only an author's box; the page still states the story in its structured data. Only a
    stated text longer than what was found replaces it, and only when most of the found text's
    word triples are not in it: a block that shows the story, whole or its first paragraphs,
    stays, as does one beside a teaser ``articleBody`` (the first paragraph).
    """
    if stated is None or len(stated) < _STATED_CHARS:
        return None
    found = "\n".join(paragraphs)
    if len(found) >= len(stated):
        return None
    shown = _triples(found)
    if shown and len(shown & _triples(stated)) >= 0.5 * len(shown):
        return None
    if _MARKUP.search(stated) and (fragment := parse_html(wrap_fragment(stated))) is not None:
        return [paragraph.text for paragraph in block_paragraphs(fragment)]
    return [line for line in (" ".join(raw.split()) for raw in visible_text(stated).splitlines()) if line]


def _triples(text: str) -> set[tuple[str, ...]]:
    """The text's runs of three tokens: two texts share them only where one quotes the other."""
    tokens = TOKEN.findall(text.lower())
    return set(zip(tokens, tokens[1:], tokens[2:], strict=False))


def story_paragraphs(picked: list[Paragraph], title: str | None, credits: Credits) -> list[str]:
    """The story's paragraphs from the blocks picked: ``_story_lines`` cleaned of credit lines
    (recorded in ``credits``) and chrome, each line asked once whether it is a site's notice."""
    notices = {p.text: is_notice(p.text) for p in picked}
    return clean_paragraphs(_story_lines(picked, title, notices), credits, notices)


def _story_lines(picked: list[Paragraph], title: str | None, notices: dict[str, bool]) -> list[str]:
    """Paragraph texts without link lists and without the headline repeated as the first line.

    A paragraph that is one bare address (``https://…``) stays: the story cites it (a petition,
    a source), where a teaser list shows headlines, not addresses; so does a linked line that is a
    whole sentence (a briefing's items, each linked to its story), as teaser headlines end without
    a full stop; and so does a recipe's ingredient named by a link to a product. A listing of other
    posts under the story, each row linked, goes too (``without_dated_listing``), and so does a
    small box a notice stands in (``notices``: which texts are one)."""
    picked = without_notice_boxes(picked, [notices[p.text] for p in picked])
    kept = [
        p
        for p in picked
        if p.link_density < 0.5
        or len(p.text) > 200
        or _BARE_URL.match(p.text)
        or _is_linked_sentence(p.text)
        or in_ingredients(p.element)
    ]
    lines = without_dated_listing([p.text for p in kept], [p.link_density > 0 for p in kept])
    if lines and title and SQUASH.sub("", lines[0]) == SQUASH.sub("", title):
        lines = lines[1:]
    return lines


def _is_linked_sentence(text: str) -> bool:
    """A linked line that is a whole sentence: a briefing's item or a linked note, not a teaser headline."""
    return text.rstrip("\"'”’»)").endswith(".") and len(text.split()) >= _SENTENCE_WORDS


def is_one_item(found: Metadata, page: Page) -> bool:
    """Whether the page says it is one story rather than an index: it declares an article or a
    clip (og:type, JSON-LD), or its address carries the story's day and a name after it
    (``/2012/05/31/slug/``), as blogs and news sites give each post a dated permalink while
    section pages have none and a day's archive (``/2012/05/31/``, ``…/page/2/``) ends in digits.
    (A story shown under its dated headline is one too: ``dated_under_headline``.)"""
    if found.declares_article:
        return True
    if page.url is None or parse_url_date(page.url, Zone(page.source_timezone)) is None:
        return False
    last = urlsplit(page.url).path.rstrip("/").rsplit("/", 1)[-1]
    return not last.isdigit()


def is_long_enough(text: str) -> bool:
    """Words first: a story's first lines hold enough of them, where counting ideographs reads
    every character of a story that has none."""
    return _has_at_least(_WORD, text, MIN_WORDS) or _has_at_least(CJK, text, MIN_CJK_CHARS)


def is_short_story(text: str) -> bool:
    """Enough text for a story on a page that says it is an article (not for a page that does not)."""
    return _has_at_least(_WORD, text, MIN_DECLARED_WORDS) or _has_at_least(CJK, text, MIN_DECLARED_CJK_CHARS)


def _has_at_least(pattern: re.Pattern[str], text: str, count: int) -> bool:
    """Whether ``pattern`` matches ``count`` times; stops there, as a whole story need not be counted."""
    return sum(1 for _ in islice(pattern.finditer(text), count)) >= count
