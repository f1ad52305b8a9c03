"""The outlet the page credits for the story: a credit line, a meta tag, a marked part of the date
line, an agency's dateline, a linked outlet beside the date; the publisher last."""

from __future__ import annotations

import re

from lxml import html as lxml_html

from transforms.extract.lines import Credits, clean_credit, dateline_agency
from transforms.extract.marks import COLON, CREDIT_WINDOW, CREDIT_WINDOW_ABOVE, DIGIT, LEDE_WINDOW, SPACE
from transforms.extract.metadata import Metadata
from transforms.urls import host_labels

_NUMERIC_DATE = re.compile(r"\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}")
_SECOND_LEVEL = frozenset({"com", "net", "org", "gov", "edu", "ac", "co", "or", "ne", "go", "gob", "nic"})
_SHARE_LINK = re.compile(r"share|intent|javascript:", re.IGNORECASE)
_AUTHOR_MARK = re.compile(r"author|byline", re.IGNORECASE)
# ``source``, ``a_source``, ``source-name``: a class naming the part of a date line that credits the outlet.
_SOURCE_PART = re.compile(r"^(?:[a-z]{1,8}[-_])?source(?:[-_]?name)?$")


def credited_outlet(
    credits: Credits,
    found: Metadata,
    order: dict[lxml_html.HtmlElement, int],
    content: tuple[int, int],
    paragraphs: list[str],
    url: str | None,
) -> str | None:
    """The outlet the page credits for the story, wherever it says so: a labelled credit line
    (body or info bar), the record or a meta tag, a ``class="source"`` mark next to the story, a
    script's ``source`` field, an agency dateline, the platform account that posted it, an
    unlabelled link to another site beside the story's date; when it credits nobody else, the
    publisher (the caller's last resort is the copyright notice)."""
    stated = (
        credits.credited_source,
        found.source,
        _nearest(found.source_marks, order, content),
        found.script_source,
        next((agency for paragraph in paragraphs[:2] if (agency := dateline_agency(paragraph))), None),
        *found.accounts,
        credits.closing_source,
    )
    for value in stated:
        if cleaned := clean_credit(value):
            return cleaned
    own = {_site_of(address) for address in (url, found.canonical_url)}
    names = [name for name in (found.publisher, found.site_name, found.site_suffix()) if name]
    bars = _date_bars(order, content[0])
    if outlet := clean_credit(_source_in_date_bar(bars) or _dated_outlet_link(bars, own, names)):
        return outlet
    return found.publisher or found.site_name or found.site_suffix()


def _site_of(address: str | None) -> str | None:
    """The site an address belongs to, so ``news.example.com`` and ``www.example.com`` are one and
    ``www.example.com.cn`` keeps its ``example``: the host's last two labels, three under a
    country's second level (``com.cn``, ``co.uk``, ``gov.cn``). None for no address or one no
    parser reads."""
    labels = host_labels(address)
    if not labels:
        return None
    keep = 3 if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL else 2
    return ".".join(labels[-keep:])


def _date_bars(order: dict[lxml_html.HtmlElement, int], start: int) -> list[lxml_html.HtmlElement]:
    """The short lines above the story that hold a numeric date, nearest first: the story's date
    line sits by the headline, and portals print the outlet they credit beside it."""
    elements = list(order)
    bars = []  # few, so everything in them may be looked at
    for position in range(start - 1, max(-1, start - LEDE_WINDOW), -1):
        element = elements[position]
        if isinstance(element.tag, str) and element.text and _NUMERIC_DATE.search(element.text):
            bars.append(element if len(element) else element.getparent())
        if element.tail and _NUMERIC_DATE.search(element.tail):
            bars.append(element.getparent())
    return [
        bar
        for bar in dict.fromkeys(bar for bar in bars if bar is not None)
        if sum(1 for _ in bar.iter("a")) <= 2
        and len(line := SPACE.sub(" ", bar.text_content()).strip()) <= 80
        and _NUMERIC_DATE.search(line)
    ]


def _source_in_date_bar(bars: list[lxml_html.HtmlElement]) -> str | None:
    """The outlet a date line marks as the source without a label (``<span class="a_time">2019-09-23
    07:48</span>`` beside ``<span class="a_source">北港观察</span>``): the template names the part by a
    class its own prefix may precede. Only a part of that line counts, so a picture's credit, which
    templates also class as a source, is never taken for the story's."""
    for bar in bars:
        for part in bar.iterdescendants():
            classes = (part.get("class") or "").lower().split() if isinstance(part.tag, str) else []
            if any(_SOURCE_PART.match(name) for name in classes):
                text = SPACE.sub(" ", part.text_content()).strip()
                if 2 <= len(text) <= 20 and not DIGIT.search(text) and not COLON.search(text):
                    return text
    return None


def _dated_outlet_link(bars: list[lxml_html.HtmlElement], own: set[str | None], names: list[str]) -> str | None:
    """An outlet linked without a label beside the story's date above it (``<span>2019-09-26
    10:56</span> <a href="http://other.example/…" rel="nofollow">东岸财经网</a>``): portals credit a
    story taken from elsewhere by linking to where it came from. Only a named link to another site
    counts, in a short line that holds a numeric date and at most one other link, so a section
    link, a share button, a handle (``@name``), a link marked as the writer's or one that names
    the site itself (``晚报网`` on ``东岸晚报网``, linked from a mirror) is not taken for the outlet."""
    for bar in bars:
        for link in bar.iterchildren("a"):
            href = link.get("href") or ""
            if not href.startswith(("http://", "https://")) or _SHARE_LINK.search(href):
                continue
            if (site := _site_of(href)) is None or site in own:
                continue
            if _AUTHOR_MARK.search(f"{link.get('rel', '')} {link.get('class', '')} {link.get('itemprop', '')}"):
                continue  # ``rel="author external"``, ``class="author-link"``: the writer's own site
            text = SPACE.sub(" ", link.text_content()).strip()
            if not 2 <= len(text) <= 20 or text.startswith("@") or any(ch.isdigit() for ch in text):
                continue
            if not any(text in name or name in text for name in names):
                return text
    return None


def _nearest(
    marks: list[tuple[lxml_html.HtmlElement, str]], order: dict[lxml_html.HtmlElement, int], content: tuple[int, int]
) -> str | None:
    """The marked text nearest the story's start, above it preferred: the story's own, not a teaser's.

    Only marks within the credit windows around the story count: a list of teasers further down
    marks each teaser's outlet the same way."""
    start, end = content
    near = [
        (position, text)
        for element, text in marks
        if element in order and start - CREDIT_WINDOW_ABOVE <= (position := order[element]) <= end + CREDIT_WINDOW
    ]
    ranked = sorted(near, key=lambda mark: (mark[0] > start, abs(start - mark[0])))
    return ranked[0][1] if ranked else None
