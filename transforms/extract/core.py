"""Extraction: one decoded page in, one article (or the reason there is none) out.

This module is the wiring; each step's logic lives in a module named for what it reads:

- ``shapes`` reshapes the input into HTML, parsed once (``parsing``); ``rules`` applies a
  source's own selectors; ``metadata`` reads what the page states about itself.
- ``story``: the story's paragraphs, picked by our DOM scoring (``dom``, ``headline`` for the
  block under the headline), read again when short, cleaned by the news rules (``lines``).
- ``lede``: the standfirst the story's block left out.
- ``date_lines``: the published date, most trusted source first, and the visible date line.
- ``teasers``, ``bylines``: other stories' teasers around the story, and the credits and writers
  that are the story's own; ``outlet``: the outlet the page credits.
- ``language``; ``marks`` holds the patterns and distances these modules share.

trafilatura and readability are not called: one parse serves the body, the metadata and the
date search, at 2.6-2.7x trafilatura-with-metadata's speed by CPU in the latest runs. On news
pages (Zyte, zh-cwced, gne-zh) the body is more accurate than trafilatura's; on trafilatura's own
set it is level with it, and on Readability's below it (``bench/extraction.py``,
``docs/benchmarks.md``).
"""

from __future__ import annotations

import re
from datetime import datetime
from itertools import count

from lxml import etree
from lxml import html as lxml_html

from transforms.extract.bylines import blog_owner, nearby_credits, story_authors, without_holders
from transforms.extract.date_lines import DateSources, published_date
from transforms.extract.dates import FoundDate, Zone, parse_date
from transforms.extract.dom import Paragraph, block_paragraphs, clean_tree, lede_candidates
from transforms.extract.headline import section_headline
from transforms.extract.language import detect_language
from transforms.extract.lede import described_lede, lede_above
from transforms.extract.lines import Credits, clean_editor, clean_paragraphs, take_credit_line
from transforms.extract.marks import SPACE
from transforms.extract.metadata import best_title, copyright_holder, read_metadata
from transforms.extract.model import Article, Extraction, NotArticle, Page
from transforms.extract.outlet import credited_outlet
from transforms.extract.parsing import parse_html
from transforms.extract.rules import MATCHED, NOT_A_DATE, RuleValues, apply_rules
from transforms.extract.shapes import Embedded, to_document
from transforms.extract.story import (
    Reading,
    ScoredStory,
    StorySigns,
    is_long_enough,
    is_one_item,
    is_short_story,
    look_again,
    scored_paragraphs,
    stated_story,
    story_paragraphs,
)
from transforms.extract.teasers import Teasers
from transforms.invisible import visible_text


def extract(page: Page) -> Extraction:
    """The article on ``page``, or ``NotArticle`` with a reason when there is none."""
    document = to_document(page.body, page.content_type)
    if not document.html.strip():
        return NotArticle("empty", "the page has no text")
    tree = parse_html(document.html)
    if tree is None:
        return NotArticle("unparseable", "the page is not HTML the parser can read")
    record = document.record
    credits = Credits(credited_source=record.get("source"), editor=record.get("editor"))
    if record.get("author"):
        credits.authors.extend(name.strip() for name in re.split(r"[,，、;；]", record["author"]) if name.strip())
    lead = [line for line in document.lead_lines if not take_credit_line(line, credits)]
    for line in document.tail_lines:  # after a record's body: staff lines or lists, never story
        take_credit_line(line, credits)
    ruled = apply_rules(tree, page.rules)
    # Built before the metadata scans: holding every element keeps lxml's Python proxies alive,
    # so the later walks over the tree reuse them instead of building each node's proxy again.
    # Built by ``dict(zip(...))`` in C: a comprehension's Python step per element cost 8% more.
    order = dict(zip(tree.iter(), count()))
    found = read_metadata(tree)
    ledes = [] if ruled.body else lede_candidates(tree)  # read before cleaning removes headers
    scored = ScoredStory(_ruled_paragraphs(ruled)) if ruled.body else scored_paragraphs(tree, order, found)
    title = ruled.title or record.get("title") or best_title(found, page.hints.get("title")) or credits.original_title
    title = visible_text(title) if title else title
    read = Reading(order, scored.picked, story_paragraphs(scored.picked, title, credits), title, credits)
    signs = StorySigns(scored.under_headline, is_one_item(found, page))
    if not ruled.body and not is_long_enough("".join(read.paragraphs)):
        read = look_again(read, document.html, page, scored.withheld, signs)
    order, picked, paragraphs = read.order, read.picked, read.paragraphs
    if not ruled.body and (stated := stated_story(found.story_text, paragraphs)):
        paragraphs = clean_paragraphs(stated, credits)
    if not ruled.body and (
        lede := lede_above(ledes, order, picked, paragraphs) or described_lede(found, order, picked, paragraphs)
    ):
        paragraphs.insert(0, visible_text(lede))
    text = "\n\n".join(paragraphs)
    if not is_long_enough(text) and not ((signs.under_headline or signs.one_item) and is_short_story(text)):
        return _no_story(document.html, text, ruled)
    language = detect_language(text, page.source_language or page.hints.get("language") or found.language)
    zone = Zone(page.source_timezone, language, page.url, found.language)
    content = _content_span(order, picked, read.embedded)
    if title and not (ruled.title or record.get("title") or found.titles or found.headline):
        title = section_headline(title, order, content[0], page.hints.get("title"))
    teasers = Teasers(order, content)
    nearby_credits(teasers, credits)
    published, date_source = _ruled_date(ruled, zone, page.fetched_at) or published_date(
        DateSources(found, record.get("published"), lead, page, zone, order, content)
    )
    credited_source = ruled.credited_source or credited_outlet(credits, found, order, content, paragraphs, page.url)
    authors = tuple(
        visible_text(name)
        for name in ruled.authors
        or without_holders(
            story_authors(credits, found, teasers, credited_source, (page.url, found.canonical_url)),
            found,
            document.html,
        )
        or blog_owner(found, document.html)
    )
    return Article(
        title=title,
        text=text,
        published_at=published.value if published else None,
        date_source=date_source,
        timezone_inferred=published.timezone_inferred if published else False,
        modified_at=next((d.value for d in (parse_date(raw, zone) for raw in found.modified) if d), None),
        authors=authors,
        # The copyright notice only here: on a blog it names the writer, who is no outlet to drop.
        credited_source=credited_source or copyright_holder(document.html),
        editor=clean_editor(credits.editor or found.script_editor),
        language=language,
        canonical_url=found.canonical_url or page.url,
        site_name=found.site_name,
        image_url=found.image_url,
        source_rules=ruled.provenance(),
    )


def _content_span(
    order: dict[lxml_html.HtmlElement, int], picked: list[Paragraph], embedded: Embedded | None
) -> tuple[int, int]:
    """Where the story sits in the page's element order: from its first paragraph to its last.

    A story read from a script's string (a client-rendered page, a paywalled one) has no element
    in the page; it sits where that script does, so the date line and credits the page prints
    beside it count as the story's own, not as lines far below it."""
    positions = [order[p.element] for p in picked if p.element in order]
    if positions:
        return min(positions), max(positions)
    line = embedded.line if embedded is not None else 0
    position = 0
    for element, index in order.items():
        if (element.sourceline or 0) > line:
            break
        position = index
    return position, position


def _ruled_paragraphs(ruled: RuleValues) -> list[Paragraph]:
    """The blocks the source's body selector picked, cleaned inside (scripts, hidden parts, captions)."""
    for block in ruled.body:
        clean_tree(block)
    return [paragraph for block in ruled.body for paragraph in block_paragraphs(block)]


def _ruled_date(ruled: RuleValues, zone: Zone, now: datetime) -> tuple[FoundDate | None, str | None] | None:
    """The date the source's date selector points at, or None (and a note why) to fall back."""
    if ruled.date is None:
        return None
    date = parse_date(ruled.date, zone, now)
    if date is None:
        ruled.outcomes["date"] = NOT_A_DATE
        return None
    ruled.outcomes["date"] = MATCHED
    return date, "source rules"


def _no_story(markup: str, text: str, ruled: RuleValues) -> NotArticle:
    """``empty`` when the page shows no text at all (a blank or script-only page, usually a
    fetch gone wrong); ``not_article`` when it shows text but no story (video, topic or index
    pages): operators act differently on the two."""
    tree = parse_html(markup)
    if tree is not None:
        etree.strip_elements(tree, "script", "style", "noscript", "template", "head", with_tail=False)
    visible = SPACE.sub("", tree.text_content()) if tree is not None else ""
    if not visible:
        return NotArticle("empty", "the page shows no text")
    picked_by = " (picked by the source's body selector)" if ruled.body else ""
    return NotArticle(
        "not_article", f"no story: {len(text)} characters of main text{picked_by} on a page with {len(visible)}"
    )
