"""Extraction: one decoded page in, one article (or the reason there is none) out.

The steps, in order: reshape the input into HTML (``shapes``), parse it once, read what the
page states about itself (``metadata``), find the story's block by our own DOM scoring
(``dom``), then apply the news rules to its paragraphs (``lines``) and the fields (``dates``,
``language``). trafilatura and readability are not called: one parse serves the body, the
metadata and the date search, at about 3x trafilatura-with-metadata's speed; on news pages
(Zyte, zh-cwced, gne-zh) the body is more accurate, on trafilatura's own set and on
Readability's it is not yet (``bench/extraction.py``, ``docs/benchmarks.md``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import count, islice
from urllib.parse import urlsplit

from lxml import etree
from lxml import html as lxml_html

from transforms.extract.authors import clean_names, is_full_name, site_hosts
from transforms.extract.date_labels import DATE_LABEL, UPDATE_LABEL
from transforms.extract.dates import FoundDate, Zone, parse_date, parse_url_date, zone_for
from transforms.extract.dom import (
    Paragraph,
    block_paragraphs,
    clean_tree,
    in_comment_area,
    in_ingredients,
    lede_candidates,
    main_paragraphs,
    without_notice_boxes,
)
from transforms.extract.headline import dated_under_headline, story_under_headline
from transforms.extract.invisible import visible_text
from transforms.extract.language import detect_language
from transforms.extract.lines import (
    Credits,
    clean_credit,
    clean_editor,
    clean_paragraphs,
    dateline_agency,
    is_notice,
    take_credit_line,
    take_info_credits,
    without_dated_listing,
)
from transforms.extract.metadata import (
    Metadata,
    best_title,
    copyright_holder,
    copyright_notices,
    label_alone,
    read_metadata,
)
from transforms.extract.model import Article, Extraction, NotArticle, Page
from transforms.extract.rules import MATCHED, NOT_A_DATE, RuleValues, apply_rules, drop_elements
from transforms.extract.shapes import Embedded, embedded_html, to_document, wrap_fragment
from transforms.urls import host_labels

MIN_CJK_CHARS = 60
MIN_WORDS = 40
# A page that declares itself an article (og:type, JSON-LD) may hold a short story: a poem, a
# notice, a two-line post; its main block then needs only this much (menus and teasers carry links).
MIN_DECLARED_WORDS = 10
MIN_DECLARED_CJK_CHARS = 20
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
_WORD = re.compile(r"\w+")
_SQUASH = re.compile(r"\W+")
_CREDIT_WINDOW = 40  # elements; a staff line sits within a few dozen nodes below the story
_LEAD_REACH = 15  # elements into the story a byline line may stand (after a lead picture, its caption and links)
# elements; a writer's box may close the page below the story's share row, tags and newsletter box
_BYLINE_REACH_BELOW = 150
_CREDIT_WINDOW_ABOVE = 120  # an info bar may sit above a title block, share row and lead image
_STORY_CHARS = 150  # characters; a withheld block smaller than this cannot hold a story
_SHORT_STORY_CHARS = 20  # characters; nor this one a short story, on a page that says it is one item
_STATED_CHARS = 1000  # characters; a shorter ``articleBody`` is often a teaser, not the story
# A token for comparing texts: one ideograph or kana, or a run of other word characters.
_TOKEN = re.compile(rf"{_CJK.pattern}|\w+")
_MARKUP = re.compile(r"<(?:p|div|br|h[1-6]|ul|li)\b", re.IGNORECASE)
_LEDE_WINDOW = 60  # elements; a standfirst sits between the headline and the story
_SPACE = re.compile(r"\s+")
_COLON = re.compile(r"[:：]")
_NUMERIC_DATE = re.compile(r"\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}")
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_DESCRIBED_TAGS = frozenset({"p", "div", "section", "h2", "h3"})
_INNER_BLOCKS = ("p", "div", "section", "article", "ul", "ol", "table", "h2", "h3", "h4", "figure")
_NOT_DESCRIBED = frozenset({"h1", "a", "li", "figure"})  # the headline, a teaser's link, a menu, a caption
_DESCRIBED_CHARS = 40  # word characters; a shorter description is a site's tagline or a label
_DESCRIBED_SHARE = 0.8
_SENTENCE_MARK = re.compile(r"[，。！？：,!?:]")
_SECOND_LEVEL = frozenset({"com", "net", "org", "gov", "edu", "ac", "co", "or", "ne", "go", "gob", "nic"})
_SHARE_LINK = re.compile(r"share|intent|javascript:", re.IGNORECASE)
_AUTHOR_MARK = re.compile(r"author|byline", re.IGNORECASE)
# A link to a user's page on the site: a forum's or a CMS's profile of the account that posted.
_USER_PAGE = re.compile(r"userinfo|/users?/|/profile/|/members?/|/author/|/autor/", re.IGNORECASE)
# ``source``, ``a_source``, ``source-name``: a class naming the part of a date line that credits the outlet.
_SOURCE_PART = re.compile(r"^(?:[a-z]{1,8}[-_])?source(?:[-_]?name)?$")
# The labels an info bar may set apart from their values.
_BAR_LABEL_WORDS = r"(?:(?:本文|文章|信息)?(?:来源|來源)于?|出处|出處|稿源|转自|轉自|责任编辑|責任編輯|作者|記者|记者)"
# ``| 来源<span>CSDN</span>``: a label whose value is the next element; the bar's separator may lead.
_LABEL_ONLY = re.compile(rf"^[\s|｜/]*{_BAR_LABEL_WORDS}\s*[:：]?\s*$")
# A label closing a line whose value is the next element (``发布时间：… 来源：<a>云南日报</a>``).
_TRAILING_LABEL = re.compile(rf"{_BAR_LABEL_WORDS}\s*[:：]\s*$")
_DIGIT = re.compile(r"\d")
_BARE_URL = re.compile(r"(?:https?://|www\.)\S+$")
_SENTENCE_WORDS = 8  # a linked line this long ending in a full stop is a sentence, not a headline
_BEST_LOOK = 6.0  # the most a date line's look earns (:func:`_date_line_score`): a time 2, a label 3, shortness 1
_NO_DATE_TAGS = frozenset(("script", "style", "title", "head", "meta"))
# A date line split across inline tags (``_split_date_line``): at most this many pieces and characters.
_INLINE_TAGS = frozenset(("span", "b", "strong", "em", "i", "small", "time", "abbr", "sup", "font"))
_SPLIT_PIECES = 6
_SPLIT_LINE_CHARS = 60
_YEAR_IN_LINE = re.compile(r"(?<!\d)(?:19|20|13|14)\d{2}(?!\d)")
# A day's inline element whose time the next one gives (``_with_time_beside``); a link may hold it.
_DAY_TAGS = frozenset(("span", "em", "i", "b", "strong", "font", "time", "small", "a"))
_DATE_LINE_CHARS = 60  # a line this long holds a date and its labels, not a list of teasers' dates
_PARSER = lxml_html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True)
# lxml.html's own lookup picks a class per tag (forms, inputs, labels) in Python for every element
# proxy the walks create; nothing here uses those classes, and a C-level lookup halves the cost.
_PARSER.set_element_class_lookup(
    etree.ElementDefaultClassLookup(
        element=lxml_html.HtmlElement,
        comment=lxml_html.HtmlComment,
        pi=lxml_html.HtmlProcessingInstruction,
        entity=lxml_html.HtmlEntity,
    )
)


def extract(page: Page) -> Extraction:
    """The article on ``page``, or ``NotArticle`` with a reason when there is none."""
    document = to_document(page.body, page.content_type)
    if not document.html.strip():
        return NotArticle("empty", "the page has no text")
    tree = _parse(document.html)
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
    picked, withheld, under_headline = (
        (_ruled_paragraphs(ruled), 0, False) if ruled.body else _scored_paragraphs(tree, order, found)
    )
    title = ruled.title or record.get("title") or best_title(found, page.hints.get("title")) or credits.original_title
    title = visible_text(title) if title else title
    paragraphs = clean_paragraphs(_story_lines(picked, title), credits)
    short = not ruled.body and not _is_long_enough("".join(paragraphs))
    one_item = _is_one_item(found, page)
    order, picked, paragraphs, embedded = (
        _look_again(
            _Reading(order, picked, paragraphs),
            document.html,
            page,
            (title, credits),
            withheld,
            (under_headline, one_item),
        )
        if short
        else (order, picked, paragraphs, None)
    )
    if not ruled.body and (stated := _stated_story(found.story_text, paragraphs)):
        paragraphs = clean_paragraphs(stated, credits)
    if not ruled.body and (
        lede := _lede_above(ledes, order, picked, paragraphs) or _described_lede(found, order, picked, paragraphs)
    ):
        paragraphs.insert(0, visible_text(lede))
    text = "\n\n".join(paragraphs)
    if not _is_long_enough(text) and not ((under_headline or one_item) and _is_short_story(text)):
        return _no_story(document.html, text, ruled)
    language = detect_language(text, page.source_language or page.hints.get("language") or found.language)
    zone = Zone(page.source_timezone, language, page.url, found.language)
    content = _content_span(order, picked, embedded)
    if title and not (ruled.title or record.get("title") or found.titles or found.headline):
        title = _section_headline(title, order, content[0], page.hints.get("title"))
    _nearby_credits(order, *content, credits)
    published, date_source = _ruled_date(ruled, zone, page.fetched_at) or _published(
        found=found,
        record_published=record.get("published"),
        lead=lead,
        page=page,
        zone=zone,
        order=order,
        content=content,
    )
    credited_source = ruled.credited_source or _credited_source(credits, found, order, content, paragraphs, page.url)
    authors = tuple(
        visible_text(name)
        for name in ruled.authors
        or _without_holders(
            _authors(credits, found, order, content, credited_source, (page.url, found.canonical_url)),
            found,
            document.html,
        )
        or _blog_owner(found, document.html)
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


def _scored_paragraphs(
    tree: lxml_html.HtmlElement, order: dict[lxml_html.HtmlElement, int], found: Metadata
) -> tuple[list[Paragraph], int, bool]:
    """The generic path: clean the whole page, then let the scorer pick the story's block (or the
    one under the headline, ``story_under_headline``); with the size of the largest block the
    cleaning withheld, and whether the story read sits under the headline of a page that says it
    holds one story (by declaring an article, or by a date line between the two)."""
    withheld = clean_tree(tree)
    picked = main_paragraphs(tree)
    if under := story_under_headline(tree, order, picked, found):
        return under, withheld, True
    # Read only for a short story: a long one is kept whatever the page says of itself.
    short = not _is_long_enough("".join(p.text for p in picked))
    return picked, withheld, short and dated_under_headline(order, picked, found)


@dataclass(frozen=True)
class _Reading:
    """The story as read so far: the page's element order, the paragraphs picked, their text."""

    order: dict[lxml_html.HtmlElement, int]
    picked: list[Paragraph]
    paragraphs: list[str]


def _look_again(
    read: _Reading,
    markup: str,
    page: Page,
    labels: tuple[str | None, Credits],
    withheld: int,
    one_story: tuple[bool, bool],
) -> tuple[dict[lxml_html.HtmlElement, int], list[Paragraph], list[str], Embedded | None]:
    """A short story read again: from a script's string (a client-rendered page), then with hidden
    and boilerplate-named blocks kept (a story revealed by a script or a paywall).

    ``labels`` are the title and the credits found so far; ``one_story`` says whether the story
    sits under the page's headline, and whether the page says it is one item. A short story read
    under the headline is only replaced by a reading that goes on from it (its full text behind a
    paywall), never by a longer block elsewhere (a writer's box, a listing of other stories with
    their summaries), nor by a script's copy of the same text: read from the page, its standfirst
    above it is found by position. A page that says it is one item may hold a short one: a public
    account's picture post carries a line or two under its pictures, hidden like its articles."""
    order, picked, paragraphs = read.order, read.picked, read.paragraphs
    title, credits = labels
    under_headline, one_item = one_story
    embedded = embedded_html(markup)
    if embedded is not None and (inner := _parse(wrap_fragment(embedded.html))) is not None:
        clean_tree(inner)
        inner_picked = main_paragraphs(inner)
        inner_paragraphs = clean_paragraphs(_story_lines(inner_picked, title), credits)
        if under_headline and not (
            _goes_on_from(paragraphs, inner_paragraphs) and len("".join(inner_paragraphs)) > len("".join(paragraphs))
        ):
            embedded = None
        else:
            picked, paragraphs = inner_picked, inner_paragraphs
    hidden_too = withheld >= (_SHORT_STORY_CHARS if one_item else _STORY_CHARS) and not _is_long_enough(
        "".join(paragraphs)
    )
    if hidden_too and (shown := _parse(markup)) is not None:
        # The story may be served hidden and revealed by a script or a paywall, or sit in a block
        # whose class reads like boilerplate: look again trusting neither.
        drop_elements(shown, page.rules)
        shown_order = dict(zip(shown.iter(), count()))
        clean_tree(shown, relaxed=True)
        shown_picked = main_paragraphs(shown)
        shown_paragraphs = clean_paragraphs(_story_lines(shown_picked, title), credits)
        shown_text = "".join(shown_paragraphs)
        if (_is_long_enough(shown_text) or (one_item and _is_short_story(shown_text))) and (
            not under_headline or _goes_on_from(paragraphs, shown_paragraphs)
        ):
            order, picked, paragraphs = shown_order, shown_picked, shown_paragraphs
    return order, picked, paragraphs, embedded


def _goes_on_from(story: list[str], reading: list[str]) -> bool:
    """Whether ``reading`` holds most of ``story``'s word triples: the same story, read further."""
    shown = _triples("\n".join(story))
    return len(shown & _triples("\n".join(reading))) >= 0.5 * len(shown)


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
    tree = _parse(markup)
    if tree is not None:
        etree.strip_elements(tree, "script", "style", "noscript", "template", "head", with_tail=False)
    visible = _SPACE.sub("", tree.text_content()) if tree is not None else ""
    if not visible:
        return NotArticle("empty", "the page shows no text")
    picked_by = " (picked by the source's body selector)" if ruled.body else ""
    return NotArticle(
        "not_article", f"no story: {len(text)} characters of main text{picked_by} on a page with {len(visible)}"
    )


def _parse(markup: str) -> lxml_html.HtmlElement | None:
    try:
        return lxml_html.document_fromstring(markup.encode("utf-8", "replace"), parser=_PARSER)
    except (ValueError, etree.ParserError):
        return None


def _stated_story(stated: str | None, paragraphs: list[str]) -> list[str] | None:
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
    if _MARKUP.search(stated) and (fragment := _parse(wrap_fragment(stated))) is not None:
        return [paragraph.text for paragraph in block_paragraphs(fragment)]
    return [line for line in (" ".join(raw.split()) for raw in visible_text(stated).splitlines()) if line]


def _triples(text: str) -> set[tuple[str, ...]]:
    """The text's runs of three tokens: two texts share them only where one quotes the other."""
    tokens = _TOKEN.findall(text.lower())
    return set(zip(tokens, tokens[1:], tokens[2:], strict=False))


def _story_lines(picked: list[Paragraph], title: str | None) -> list[str]:
    """Paragraph texts without link lists and without the headline repeated as the first line.

    A paragraph that is one bare address (``https://…``) stays: the story cites it (a petition,
    a source), where a teaser list shows headlines, not addresses; so does a linked line that is a
    whole sentence (a briefing's items, each linked to its story), as teaser headlines end without
    a full stop; and so does a recipe's ingredient named by a link to a product. A listing of other
    posts under the story, each row linked, goes too (``without_dated_listing``)."""
    picked = without_notice_boxes(picked, [is_notice(p.text) for p in picked])
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
    if lines and title and _SQUASH.sub("", lines[0]) == _SQUASH.sub("", title):
        lines = lines[1:]
    return lines


def _is_linked_sentence(text: str) -> bool:
    """A linked line that is a whole sentence: a briefing's item or a linked note, not a teaser headline."""
    return text.rstrip("\"'”’»)").endswith(".") and len(text.split()) >= _SENTENCE_WORDS


def _lede_above(
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
        if position is None or not (start - _LEDE_WINDOW <= position < start):
            continue
        story = _SQUASH.sub("", "".join(paragraphs))  # only for the one candidate in the window
        squashed = _SQUASH.sub("", text)
        if not squashed or (squashed[:60] in story and squashed[-40:] in story):
            return None
        return str(text)
    return None


def _described_lede(
    found: Metadata, order: dict[lxml_html.HtmlElement, int], picked: list[Paragraph], paragraphs: list[str]
) -> str | None:
    """The standfirst between the headline and the story that the page's description repeats.

    Many templates print the standfirst in a block no class names as one (an ``<h2>`` under the
    headline, a ``<div class="parg">``) and the scorer leaves it out as too short; the page's
    ``<meta name="description">`` states the same words, which no menu, teaser or caption there
    does. Only blocks after the ``<h1>`` count: a site's own description may stand in its header.
    Zyte's labels leave such standfirsts out of the body, trafilatura-eval's keep them, as the
    standfirsts ``_lede_above`` puts back."""
    keys = [key for text in found.descriptions if len(key := _SQUASH.sub("", text).casefold()) >= _DESCRIBED_CHARS]
    if not keys or not picked or not paragraphs:
        return None
    start = min(order.get(p.element, 0) for p in picked)
    between = []
    for element in reversed(list(islice(order, max(0, start - _LEDE_WINDOW), start))):
        if element.tag == "h1":
            break
        between.append(element)
    else:
        return None  # no headline just above the story
    for element in between:
        if element.tag not in _DESCRIBED_TAGS or any(a.tag in _NOT_DESCRIBED for a in element.iterancestors()):
            continue
        text = _block_text(element)
        key = _SQUASH.sub("", text).casefold()
        if len(key) >= _DESCRIBED_CHARS and any(_same_words(key, k) for k in keys):
            return None if key[:60] in _SQUASH.sub("", "".join(paragraphs)).casefold() else text
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
        return _SPACE.sub(" ", element.text or "").strip()
    return _SPACE.sub(" ", etree.tostring(element, method="text", encoding="unicode", with_tail=False)).strip()


def _section_headline(title: str, order: dict[lxml_html.HtmlElement, int], start: int, hint: str | None) -> str:
    """When the page states no headline and its ``<title>`` is too short to be one (``新闻动态``,
    ``Press releases``), the feed's headline, else the nearest heading above the story: such
    templates print the section's name in every page's title and set the headline in any heading
    level (``<h5>``) over the date line. Three words may be a headline already (``Brexit deal agreed``)."""
    short = len(title) <= 6 and not _SENTENCE_MARK.search(title) if _CJK.search(title) else len(title.split()) <= 2
    return (hint or _heading_above(order, start, title) if short else None) or title


def _heading_above(order: dict[lxml_html.HtmlElement, int], start: int, section: str) -> str | None:
    """The nearest heading above the story that is no link's text and heads no list (``<h3>Most
    read</h3><ul>…``, a side column's box standing before the story in the page)."""
    elements = list(order)
    for position in range(start - 1, max(-1, start - _LEDE_WINDOW), -1):
        element = elements[position]
        if element.tag not in _HEADINGS or any(parent.tag == "a" for parent in element.iterancestors()):
            continue
        if (following := element.getnext()) is not None and following.tag in ("ul", "ol", "dl"):
            continue
        text = _SPACE.sub(" ", element.text_content()).strip()
        if max(8, len(section) + 2) <= len(text) <= 100 and section not in text:
            return text
    return None


def _nearby_credits(
    order: dict[lxml_html.HtmlElement, int], content_start: int, content_end: int, credits: Credits
) -> None:
    """Credit lines in the info bar above the story or the staff line just below it.

    Portals print ``来源：新华社`` and ``责任编辑：…`` next to the story, outside its block, so
    the scorer leaves them out; they are read from the original tree around the story, nearest
    first, so a page's masthead or another story's bar never wins over the story's own. Only
    labelled parts are taken, which lets the window above reach past a tall header.
    """
    elements = list(order)  # in page order: an element's position is its index
    above = range(max(0, content_start - _CREDIT_WINDOW_ABOVE), content_start)
    below = range(content_end + 1, min(len(elements), content_end + _CREDIT_WINDOW + 1))
    nearby = [(content_start - position, elements[position]) for position in above]
    nearby += [(position - content_end, elements[position]) for position in below]
    teasers = _teaser_parts(elements, content_end, below)
    for _, element in sorted(nearby, key=lambda item: item[0]):
        if not isinstance(element.tag, str) or element.tag in ("script", "style") or _is_menu_link(element):
            continue
        if element in teasers:  # another story's byline: its source or editor line is not the story's either
            continue
        for raw, own_text in ((element.text, True), (element.tail, False)):
            if not raw or not raw.strip():
                continue
            text = raw
            # the value stands apart: ``<span>来源：</span><span>澎湃新闻</span>``, ``时间：… 来源：<a>云南日报</a>``
            # every label is in Chinese: ASCII text cannot hold one, nor is it matched for nothing
            if not raw.isascii() and (label := _LABEL_ONLY.match(raw) or _TRAILING_LABEL.search(raw)):
                value = _text_after(element, own_text)
                name = label.group(0).strip().lstrip("|｜/ ").rstrip(":：")
                text = "" if not value or _COLON.search(value) else f"{raw[: label.start()]}{name}：{value}"
            if 2 < len(text.strip()) <= 120:
                take_info_credits(text, credits)


def _teaser_parts(elements: list[lxml_html.HtmlElement], content_end: int, below: range) -> set[lxml_html.HtmlElement]:
    """The elements below the story that belong to teasers of other stories: whatever follows a
    heading there (a box's title, ``More stories``, or a teaser's own headline), and whatever sits in
    a list of links or in one of a row of alike items each headed by a linked headline. A credit
    line read there is the teaser's writer, not the story's."""
    story_ancestors = set(elements[content_end].iterancestors()) if content_end < len(elements) else set()
    parts: set[lxml_html.HtmlElement] = set()
    items: dict[lxml_html.HtmlElement, bool] = {}  # an ancestor's verdict, read once for all it holds
    headed = False
    for position in below:
        element = elements[position]
        if not isinstance(element.tag, str):
            continue
        if headed or any(
            ancestor not in story_ancestors
            and (items[ancestor] if ancestor in items else items.setdefault(ancestor, _is_teaser_item(ancestor)))
            for ancestor in element.iterancestors()
        ):
            parts.add(element)
        headed = headed or _is_teaser_heading(element)
    return parts


def _is_teaser_heading(element: lxml_html.HtmlElement) -> bool:
    """A heading below the story (h2 to h6), or any heading that is a link."""
    if element.tag in _HEADINGS and element.tag != "h1":
        return True
    if element.tag == "h1":
        return any(child.tag == "a" for child in element.iter()) or any(a.tag == "a" for a in element.iterancestors())
    return False


def _is_teaser_item(element: lxml_html.HtmlElement) -> bool:
    """An item of a link list (``<li>`` holding a link), or one of several alike siblings (same tag
    and class) each holding a linked headline."""
    parent = element.getparent()
    if parent is None:
        return False
    if element.tag == "li" and parent.tag in ("ul", "ol"):
        return element.find(".//a") is not None
    alike = [
        sibling
        for sibling in parent
        if sibling.tag == element.tag and sibling.get("class") == element.get("class") and sibling is not element
    ]
    return bool(alike) and all(_has_linked_heading(item) for item in (element, *alike))


def _has_linked_heading(element: lxml_html.HtmlElement) -> bool:
    for heading in element.iter(*_HEADINGS):
        if heading.find(".//a") is not None or any(a.tag == "a" for a in heading.iterancestors()):
            return True
    return False


def _is_menu_link(element: lxml_html.HtmlElement) -> bool:
    """A link that is a menu's or a list's item (``<li><a>By Any Means Necessary</a></li>``, a
    radio show's name in the site's menu): it names another page, never credits this story."""
    parent = element.getparent()
    return element.tag == "a" and parent is not None and parent.tag == "li"


def _text_after(element: lxml_html.HtmlElement, own_text: bool) -> str:
    """The text that follows a label: after an element's own text, its first child's text (a
    label opening a bar, ``来源：<a>…</a>``) or, with none, its tail; after its tail, the next
    sibling's text."""
    if own_text:
        first = element[0] if len(element) else None
        if first is not None and isinstance(first.tag, str) and (text := _SPACE.sub(" ", first.text_content()).strip()):
            return text[:40]
        tail = element.tail if first is None else None
        if isinstance(tail, str) and tail.strip():
            return tail.strip()
    sibling = element.getnext()
    while sibling is not None and not isinstance(sibling.tag, str):
        sibling = sibling.getnext()
    return _SPACE.sub(" ", sibling.text_content()).strip()[:40] if sibling is not None else ""


def _authors(
    credits: Credits,
    found: Metadata,
    order: dict[lxml_html.HtmlElement, int],
    content: tuple[int, int],
    credited_source: str | None,
    addresses: tuple[str | None, ...],
) -> list[str]:
    """People credited for the story: the body's own credit lines, else structured data and meta
    tags, else the visible byline nearest above the story's start (or just below its end).

    An outlet named as author (the site itself, the credited agency) is not a person and is
    dropped at every step, so a byline further down the list gets its turn.
    """
    named = (found.site_name, found.publisher, credited_source, found.site_suffix(), *found.accounts)
    outlets = [name for name in named if name]
    hosts = site_hosts(addresses)
    for values in (credits.authors, found.authors):
        if names := clean_names(values, organisations=outlets, hosts=hosts, people=found.people):
            return _shown_in_byline(names, found.bylines) if values is found.authors else names
    start, end = content
    teasers = _teaser_bylines(found.bylines, order, content)
    above = sorted(
        (
            (start - order.get(element, 0), element, text)
            for element, text in found.bylines
            if order.get(element, 0) <= end + _BYLINE_REACH_BELOW and element not in teasers
        ),
        key=lambda item: (item[0] < 0, abs(item[0])),
    )
    suffix = found.site_suffix()
    for _, element, text in above:
        if element in found.section_bylines:  # the site's section (``股市行情``), no writer
            continue
        # A personal site's ``<title>`` ends in its writer's name (``Post | Code | Nicolas
        # Perriault``): a byline the template marks as a schema.org Person is that writer, not
        # the site's name, so the title's suffix (and the credit that falls back to it) does not
        # veto it. The site's declared name or publisher still does.
        vetoes = outlets
        if suffix and "Person" in (element.get("itemtype") or ""):
            vetoes = [name for name in outlets if name != suffix or name in (found.site_name, found.publisher)]
        if names := clean_names([text], organisations=vetoes, hosts=hosts, people=found.people):
            return names
    if names := _labelled_byline(found, order, content, outlets, hosts):
        return names
    # last, the writer a script or an embedded record names (``author: '唐霁'``), which the page shows nowhere
    return clean_names([found.script_author], organisations=outlets, hosts=hosts) if found.script_author else []


def _shown_in_byline(names: list[str], bylines: list[tuple[lxml_html.HtmlElement, str]]) -> list[str]:
    """The stated writers the page's marked bylines show, when they show some but not all: a CMS
    states the account that posted the story (a graph's ``Person``) beside the writers its byline
    names (``By Jessica Holly, Gail Levy``), and the account is no writer of it."""
    shown_text = "|".join(_SQUASH.sub("", text).casefold() for _, text in bylines)
    shown = [name for name in names if _SQUASH.sub("", name).casefold() in shown_text]
    return shown if shown else names


def _teaser_bylines(
    bylines: list[tuple[lxml_html.HtmlElement, str]], order: dict[lxml_html.HtmlElement, int], content: tuple[int, int]
) -> set[lxml_html.HtmlElement]:
    """The marked bylines after the story's start that belong to other stories' teasers: those in an
    item of a link list or of a row of alike items each headed by a linked headline (``More from``
    below the story), or in a box inside the story that a linked headline other than the byline's
    own name heads (``<aside><h2><a>Leggi anche …</a></h2><span class="entry__author">…``). The
    story's own byline stands above it, or in a writer's box whose heading, if linked, is the name."""
    start, end = content
    elements = list(order)
    lead = set(elements[start].iterancestors()) if start < len(elements) else set()
    items: dict[lxml_html.HtmlElement, bool] = {}  # an ancestor's verdict, read once for all it holds
    teasers = set()
    for element, text in bylines:
        if (position := order.get(element, -1)) <= start:
            continue
        for ancestor in element.iterancestors():
            if ancestor in lead:
                break
            if ancestor not in items:
                items[ancestor] = _is_teaser_item(ancestor)
            if items[ancestor] or (position <= end and _headed_by_other_story(ancestor, text)):
                teasers.add(element)
                break
    return teasers


def _headed_by_other_story(box: lxml_html.HtmlElement, byline: str) -> bool:
    """A box whose linked heading (h2 to h6) names something other than the byline's writer: a
    teaser's headline. A writer's box links its heading to the writer's page, with the name."""
    name = _SQUASH.sub("", byline).casefold()
    for heading in box.iter("h2", "h3", "h4", "h5", "h6"):
        linked = heading.find(".//a") is not None or any(a.tag == "a" for a in heading.iterancestors())
        title = _SQUASH.sub("", heading.text_content()).casefold()
        if linked and title and title not in name and name not in title:
            return True
    return False


def _without_holders(names: list[str], found: Metadata, markup: str) -> list[str]:
    """Names after the first that the copyright notice holds (``Louise Matsakis, Condé Nast``: the
    meta tag gives the publisher beside the record's writer). The first stays: a personal blog's
    notice holds its writer."""
    if len(names) < 2:
        return names
    notices = [notice.casefold() for notice in (found.copyright, *copyright_notices(markup)) if notice]
    return names[:1] + [name for name in names[1:] if not any(name.casefold() in notice for notice in notices)]


def _blog_owner(found: Metadata, markup: str) -> list[str]:
    """The owner of a personal blog, on a post that credits nobody: the blog's header (its first
    ``<h1>``) and its copyright notice both give one person's name (``<h1>李建忠</h1>`` …
    ``Copyright © 李建忠``), or the ``<title>`` names whose blog it is (``…_林晓的博客_网易博客``).
    A portal's notice names its company, which is no person, and a site whose logo heading and
    notice give its brand (``财新`` of og:site_name ``财新网``) is no owner."""
    declared = [name for name in (found.site_name, found.publisher) if name]
    heading = _SPACE.sub("", found.top_heading or "")
    if 0 < len(heading) <= 4 and copyright_holder(markup) == heading:
        return clean_names([heading], organisations=declared)
    owner = found.blog_in_title()
    return clean_names([owner], organisations=declared) if owner else []


def _labelled_byline(
    found: Metadata,
    order: dict[lxml_html.HtmlElement, int],
    content: tuple[int, int],
    outlets: list[str],
    hosts: frozenset[str],
) -> list[str]:
    """Full names on a line no class marks but a byline label opens (``<p>Von Claudia Lindner</p>``),
    above the story, among its first lines or in the staff line just below it. Only full names
    count: a heading such as ``Von Menschen und Mäusen`` opens with the same word, and German
    capitalises its nouns. A label alone in its element (``<b>Von</b> Bad Homburg nach Frankfurt``,
    a route) and a line below the story (a teaser's, an info box's) need each name in a full
    name's shape, a given name and a family name or two; a line opening with its label runs on
    into the name, as bylines are written. A line below the story in a teaser (after a heading
    there, in a link list or a row of linked headlines) is that teaser's writer."""
    start, end = content
    elements = list(order)
    teasers = _teaser_parts(elements, end, range(end + 1, min(len(elements), end + _CREDIT_WINDOW + 1)))
    near = sorted(
        (
            (abs(start - position), text, element, position >= end)
            for element, text in found.labelled_bylines
            if (position := order.get(element)) is not None
            and (
                start - _CREDIT_WINDOW_ABOVE <= position <= start + _LEAD_REACH
                or end <= position <= end + _CREDIT_WINDOW
            )
            and element not in teasers
        ),
        key=lambda item: item[:2],
    )
    for _, text, element, below in near:
        names = clean_names([text], organisations=outlets, hosts=hosts, people=found.people)
        strict = below or label_alone(element)
        if names and all(" " in name and (not strict or is_full_name(name)) for name in names):
            return names
        if len(names) == 1 and not below and _links_account(element, names[0]):
            return names
    return []


def _links_account(element: lxml_html.HtmlElement, name: str) -> bool:
    """``Geschrieben von <a href="…/userinfo.php?uid=6">Cooper</a>``: a labelled line whose one
    name links to the poster's page on the site is that account's post, a pen name or not; a
    heading that opens with the same label links to no user's page."""
    return any(
        _USER_PAGE.search(link.get("href") or "") and _SPACE.sub(" ", link.text_content()).strip() == name
        for link in element.iter("a")
    )


def _credited_source(
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
    for position in range(start - 1, max(-1, start - _LEDE_WINDOW), -1):
        element = elements[position]
        if isinstance(element.tag, str) and element.text and _NUMERIC_DATE.search(element.text):
            bars.append(element if len(element) else element.getparent())
        if element.tail and _NUMERIC_DATE.search(element.tail):
            bars.append(element.getparent())
    return [
        bar
        for bar in dict.fromkeys(bar for bar in bars if bar is not None)
        if sum(1 for _ in bar.iter("a")) <= 2
        and len(line := _SPACE.sub(" ", bar.text_content()).strip()) <= 80
        and _NUMERIC_DATE.search(line)
    ]


def _source_in_date_bar(bars: list[lxml_html.HtmlElement]) -> str | None:
    """The outlet a date line marks as the source without a label (``<span class="a_time">2019-09-23
    07:48</span>`` beside ``<span class="a_source">棱镜</span>``): the template names the part by a
    class its own prefix may precede. Only a part of that line counts, so a picture's credit, which
    templates also class as a source, is never taken for the story's."""
    for bar in bars:
        for part in bar.iterdescendants():
            classes = (part.get("class") or "").lower().split() if isinstance(part.tag, str) else []
            if any(_SOURCE_PART.match(name) for name in classes):
                text = _SPACE.sub(" ", part.text_content()).strip()
                if 2 <= len(text) <= 20 and not _DIGIT.search(text) and not _COLON.search(text):
                    return text
    return None


def _dated_outlet_link(bars: list[lxml_html.HtmlElement], own: set[str | None], names: list[str]) -> str | None:
    """An outlet linked without a label beside the story's date above it (``<span>2019-09-26
    10:56</span> <a href="http://other.example/…" rel="nofollow">证券时报网</a>``): portals credit a
    story taken from elsewhere by linking to where it came from. Only a named link to another site
    counts, in a short line that holds a numeric date and at most one other link, so a section
    link, a share button, a handle (``@name``), a link marked as the writer's or one that names
    the site itself (``报纸网`` on ``查报纸网``, linked from a mirror) is not taken for the outlet."""
    for bar in bars:
        for link in bar.iterchildren("a"):
            href = link.get("href") or ""
            if not href.startswith(("http://", "https://")) or _SHARE_LINK.search(href):
                continue
            if (site := _site_of(href)) is None or site in own:
                continue
            if _AUTHOR_MARK.search(f"{link.get('rel', '')} {link.get('class', '')} {link.get('itemprop', '')}"):
                continue  # ``rel="author external"``, ``class="author-link"``: the writer's own site
            text = _SPACE.sub(" ", link.text_content()).strip()
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
        if element in order and start - _CREDIT_WINDOW_ABOVE <= (position := order[element]) <= end + _CREDIT_WINDOW
    ]
    ranked = sorted(near, key=lambda mark: (mark[0] > start, abs(start - mark[0])))
    return ranked[0][1] if ranked else None


def _is_one_item(found: Metadata, page: Page) -> bool:
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


def _is_long_enough(text: str) -> bool:
    """Words first: a story's first lines hold enough of them, where counting ideographs reads
    every character of a story that has none."""
    return _has_at_least(_WORD, text, MIN_WORDS) or _has_at_least(_CJK, text, MIN_CJK_CHARS)


def _is_short_story(text: str) -> bool:
    """Enough text for a story on a page that says it is an article (not for a page that does not)."""
    return _has_at_least(_WORD, text, MIN_DECLARED_WORDS) or _has_at_least(_CJK, text, MIN_DECLARED_CJK_CHARS)


def _has_at_least(pattern: re.Pattern[str], text: str, count: int) -> bool:
    """Whether ``pattern`` matches ``count`` times; stops there, as a whole story need not be counted."""
    return sum(1 for _ in islice(pattern.finditer(text), count)) >= count


def _published(
    *,
    found: Metadata,
    record_published: str | None,
    lead: list[str],
    page: Page,
    zone: Zone,
    order: dict[lxml_html.HtmlElement, int],
    content: tuple[int, int],
) -> tuple[FoundDate | None, str | None]:
    """The most trusted date: the record's own field or line, structured data, the feed, the visible
    date line next to the story, the URL, the update time. A day-only value yields to a later
    source that has the time on the same day."""
    candidates = _date_candidates(
        found=found, record_published=record_published, lead=lead, page=page, zone=zone, order=order, content=content
    )
    first: tuple[str, FoundDate] | None = None
    for source, date in candidates:
        if date is None:
            continue
        if first is None:
            first = (source, date)
            if date.has_time:
                break
        elif date.has_time and date.value.date() == first[1].value.date():
            return date, first[0] if first[0] != "url" else source
    if first is not None and first[0] == "meta" and _in_page_zone(first[1], zone):
        visible = _visible_date(order=order, content=content, zone=zone, now=page.fetched_at)
        if _earlier_same_day(visible, first[1]):
            return visible, "visible text"
    return (first[1], first[0]) if first else (None, None)


def _in_page_zone(stated: FoundDate, zone: Zone) -> bool:
    """Whether the meta tag's time is written in the offset the page's shown times are read in:
    only then can a shown time be compared with it (``_earlier_same_day``), and only then is the
    date line searched for, the costliest read. A zone guessed as UTC, for a page that tells none,
    says nothing of where its shown times stand."""
    tzinfo, guessed = zone_for(zone)
    if guessed and tzinfo.key == "UTC":
        return False
    return stated.value.astimezone(tzinfo).utcoffset() == stated.value.utcoffset()


def _earlier_same_day(visible: FoundDate | None, stated: FoundDate) -> bool:
    """The visible date line gives an earlier minute of the same day than the page's meta tag:
    portals stamp ``article:published_time`` when they put a story on the page, after the time
    the story itself shows under its headline. Only in the tag's own offset and by a part of an
    hour: whole hours apart, or in another offset, the line was read in the wrong zone (an English
    page's ``9:47 AM`` is local, not hours before ``14:30Z``: see ``_in_page_zone``). The same
    minute, to which the line is read, is no disagreement: the tag keeps its seconds."""
    if visible is None or not (visible.has_time and stated.has_time):
        return False
    shown, tagged = visible.value, stated.value.replace(second=0, microsecond=0)
    return (
        shown.utcoffset() == tagged.utcoffset()
        and shown < tagged
        and shown.date() == tagged.date()
        and (tagged - shown) % timedelta(hours=1) != timedelta(0)
    )


def _date_candidates(
    *,
    found: Metadata,
    record_published: str | None,
    lead: list[str],
    page: Page,
    zone: Zone,
    order: dict[lxml_html.HtmlElement, int],
    content: tuple[int, int],
) -> Iterator[tuple[str, FoundDate | None]]:
    """Each source's date, most trusted first, read only when asked for: a page whose structured
    data states the time is not searched for a visible date line (the costliest read)."""
    now = page.fetched_at
    record_lines = [page_record] if (page_record := record_published) else []
    yield "record", next((d for d in (parse_date(line, zone, now) for line in [*record_lines, *lead]) if d), None)
    for source, raw in found.published:
        yield source, parse_date(raw, zone, now)
    for raw in found.script_dates():
        yield "script", parse_date(raw, zone, now)
    hint = page.hints.get("published")
    # Discovery says which it read the date from; a feed unless it says sitemap.
    hint_source = "sitemap" if page.hints.get("published_from") == "sitemap" else "feed"
    yield hint_source, parse_date(hint, zone, now) if hint else None
    yield "visible text", _visible_date(order=order, content=content, zone=zone, now=now)
    yield "url", parse_url_date(page.url, zone) if page.url else None
    # Last: a page that states only when it was updated (``<meta itemprop="dateUpdate">`` beside a
    # year-less ``发布时间：10-08 12:00``) was published then or before; the nearest time it gives.
    yield "modified", next((d for d in (parse_date(raw, zone, now) for raw in found.modified) if d), None)


@dataclass(frozen=True)
class _DateLine:
    score: float
    position: int
    date: FoundDate


def _visible_date(
    *,
    order: dict[lxml_html.HtmlElement, int],
    content: tuple[int, int],
    zone: Zone,
    now: datetime,
) -> FoundDate | None:
    """The date line of the story: short, labelled, with a time, next to the story's first paragraph.

    Pages show many dates (today's date in the masthead, dates of linked stories, the
    copyright year, dates the story itself mentions), so each candidate is scored by what
    it looks like and where it sits, not taken in page order.
    """
    best: _DateLine | None = None
    parsed: dict[str, FoundDate | None] = {}  # a page repeats its date texts (teasers' dates, stamps)
    for element, position in order.items():
        if best is not None and position > content[1] and _BEST_LOOK + _place_score(position, content) <= best.score:
            break  # below the story a line's place only worsens: no later line can outrank the best
        tag = element.tag
        if not isinstance(tag, str) or tag in _NO_DATE_TAGS:
            continue
        for own, text in ((True, element.text), (False, element.tail), (False, _split_date_line(element))):
            if not text or not (4 <= len(text.strip()) <= 200) or not _DIGIT.search(text):
                continue
            # Reading a date costs several pattern scans; a line that could not outrank the best
            # one found so far even with a time (the most a date adds) is not worth reading.
            timed = _date_line_score(text, position, content, has_time=True)
            if best is not None and timed <= best.score:
                continue
            if text not in parsed:
                parsed[text] = parse_date(text, zone, now)
            date = parsed[text]
            if date is not None and not date.has_time and own:
                date = _with_time_beside(element, text, date, parsed, (zone, now))
            if date is None:
                continue
            score = timed if date.has_time else _date_line_score(text, position, content, has_time=False)
            if (best is None or score > best.score) and not (position > content[1] and in_comment_area(element)):
                best = _DateLine(score, position, date)  # a reader's comment below the story has its own time
    return best.date if best and best.score > 0 else None


def _split_date_line(element: lxml_html.HtmlElement) -> str | None:
    """A short line whose date is split across inline tags (``<span>13</span> <span>Mai</span> 2026``):
    no text node holds the whole date, so the line is read joined. Only a line of a few bare inline
    pieces, one of them a year: a paragraph with links is prose, read node by node."""
    if not 1 < len(element) <= _SPLIT_PIECES:
        return None
    parts = [element.text or ""]
    for child in element:
        if child.tag not in _INLINE_TAGS or len(child):
            return None
        parts.extend((child.text or "", child.tail or ""))
    line = " ".join("".join(parts).split())
    return line if len(line) <= _SPLIT_LINE_CHARS and _YEAR_IN_LINE.search(line) else None


def _with_time_beside(
    element: lxml_html.HtmlElement,
    text: str,
    day: FoundDate,
    parsed: dict[str, FoundDate | None],
    reading: tuple[Zone, datetime],
) -> FoundDate:
    """The day with the time the next inline element gives on the same line, if it gives one."""
    if (line := _date_line_around(element, text)) is None:
        return day
    if line not in parsed:
        parsed[line] = parse_date(line, *reading)
    whole = parsed[line]
    return whole if whole is not None and whole.has_time and whole.value.date() == day.value.date() else day


def _date_line_around(element: lxml_html.HtmlElement, text: str) -> str | None:
    """The short line a day's inline element stands in, when the time is in the next one:
    ``<span>2022-02-13</span> <span>10:05</span>`` is one date line split across two tags."""
    if element.tag not in _DAY_TAGS or (parent := element.getparent()) is None:
        return None
    line = _SPACE.sub(" ", " ".join(parent.itertext())).strip()
    return line if len(text.strip()) < len(line) <= _DATE_LINE_CHARS else None


def _date_line_score(text: str, position: int, content: tuple[int, int], *, has_time: bool) -> float:
    """What a date line earns by its look and its place; a time earns most, so a caller can
    bound a line's score before reading its date (the score with a time is never lower)."""
    stripped = text.strip()
    score = 2.0 if has_time else 0.0
    if UPDATE_LABEL.search(stripped[: (digit.start() if (digit := _DIGIT.search(stripped)) else None)]):
        score -= 1  # labelled before its date: below an unlabelled line nearby, yet a page's only date line counts
    elif DATE_LABEL.search(stripped):
        score += 3
    score += 1 if len(stripped) <= 40 else (-3 if len(stripped) > 60 else 0)  # a date line, not a sentence
    return score + _place_score(position, content)


def _place_score(position: int, content: tuple[int, int]) -> float:
    """What a date line earns by its place: most just above the story, less the further below it."""
    start, end = content
    if start - 60 <= position < start:
        return 3 - (start - position) / 30
    if start <= position <= start + max(30, (end - start) // 10):
        return 1.5
    if position > end:
        return -(2 + min(3.0, (position - end) / 100))
    return -1
