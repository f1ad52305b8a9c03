"""The standfirst: the lines between the headline and the story that the story's block left
out, found by position (``lede_above``) or because the page's description repeats them."""

from __future__ import annotations

from itertools import islice

from lxml import etree
from lxml import html as lxml_html

from transforms.extract.dom import Paragraph
from transforms.extract.marks import LEDE_WINDOW, SPACE, SQUASH
from transforms.extract.metadata import Metadata

_DESCRIBED_TAGS = frozenset({"p", "div", "section", "h2", "h3"})
_INNER_BLOCKS = ("p", "div", "section", "article", "ul", "ol", "table", "h2", "h3", "h4", "figure")
_NOT_DESCRIBED = frozenset({"h1", "a", "li", "figure"})  # the headline, a teaser's link, a menu, a caption
_DESCRIBED_CHARS = 40  # word characters; a shorter description is a site's tagline or a label
_DESCRIBED_SHARE = 0.8


def lede_above(
    ledes: list[tuple[lxml_html.HtmlElement, str]],
    order: dict[lxml_html.HtmlElement, int],
    picked: list[Paragraph],
    paragraphs: list[str],
) -> str | None:
    """The standfirst just above the story when the story's block left it out."""
    if not picked or not paragraphs:
        return None
    start = min(order.get(p.element, 0) for p in picked)
    for element, text in reversed(ledes):
        position = order.get(element)
        if position is None or not (start - LEDE_WINDOW <= position < start):
            continue
        story = SQUASH.sub("", "".join(paragraphs))  # only for the one candidate in the window
        squashed = SQUASH.sub("", text)
        if not squashed or (squashed[:60] in story and squashed[-40:] in story):
            return None
        return str(text)
    return None


def described_lede(
    found: Metadata, order: dict[lxml_html.HtmlElement, int], picked: list[Paragraph], paragraphs: list[str]
) -> str | None:
    """The standfirst between the headline and the story that the page's description repeats.

    Many templates print the standfirst in a block no class names as one (an ``<h2>`` under the
    headline, a ``<div class="parg">``) and the scorer leaves it out as too short; the page's
    ``<meta name="description">`` states the same words, which no menu, teaser or caption there
    does. Only blocks after the ``<h1>`` count: a site's own description may stand in its header.
    Zyte's labels leave such standfirsts out of the body, trafilatura-eval's keep them, as the
    standfirsts ``lede_above`` puts back."""
    keys = [key for text in found.descriptions if len(key := SQUASH.sub("", text).casefold()) >= _DESCRIBED_CHARS]
    if not keys or not picked or not paragraphs:
        return None
    start = min(order.get(p.element, 0) for p in picked)
    between = []
    for element in reversed(list(islice(order, max(0, start - LEDE_WINDOW), start))):
        if element.tag == "h1":
            break
        between.append(element)
    else:
        return None  # no headline just above the story
    for element in between:
        if element.tag not in _DESCRIBED_TAGS or any(a.tag in _NOT_DESCRIBED for a in element.iterancestors()):
            continue
        text = _block_text(element)
        key = SQUASH.sub("", text).casefold()
        if len(key) >= _DESCRIBED_CHARS and any(_same_words(key, k) for k in keys):
            return None if key[:60] in SQUASH.sub("", "".join(paragraphs)).casefold() else text
    return None


def _same_words(block: str, description: str) -> bool:
    """The block says what the description says: the same words, or most of them when one of the
    two is cut short (a description trimmed to 160 characters); a headline-long prefix is a title."""
    short, long = sorted((block, description), key=len)
    return long.startswith(short) and len(short) >= _DESCRIBED_SHARE * len(long)


def _block_text(element: lxml_html.HtmlElement) -> str:
    """A block's text, or only its leading text when it holds other blocks (an unclosed heading
    that swallowed the story, a box whose own words precede its paragraphs)."""
    if next(element.iterdescendants(*_INNER_BLOCKS), None) is not None:
        return SPACE.sub(" ", element.text or "").strip()
    return SPACE.sub(" ", etree.tostring(element, method="text", encoding="unicode", with_tail=False)).strip()
