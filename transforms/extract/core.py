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
from dataclasses import dataclass
from datetime import datetime
from itertools import islice
from urllib.parse import urlsplit

from lxml import etree
from lxml import html as lxml_html

from transforms.extract.authors import clean_names
from transforms.extract.dates import FoundDate, Zone, parse_date, parse_url_date
from transforms.extract.dom import Paragraph, block_paragraphs, clean_tree, lede_candidates, main_paragraphs
from transforms.extract.language import detect_language
from transforms.extract.lines import (
    Credits,
    clean_credit,
    clean_editor,
    clean_paragraphs,
    dateline_agency,
    take_credit_line,
    take_info_credits,
)
from transforms.extract.metadata import Metadata, best_title, copyright_holder, read_metadata
from transforms.extract.model import Article, Extraction, NotArticle, Page
from transforms.extract.rules import MATCHED, NOT_A_DATE, RuleValues, apply_rules, drop_elements
from transforms.extract.shapes import embedded_html, to_document, wrap_fragment

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
_CREDIT_WINDOW_ABOVE = 120  # an info bar may sit above a title block, share row and lead image
_STORY_CHARS = 150  # characters; a withheld block smaller than this cannot hold a story
_STATED_CHARS = 1000  # characters; a shorter ``articleBody`` is often a teaser, not the story
# A token for comparing texts: one ideograph or kana, or a run of other word characters.
_TOKEN = re.compile(rf"{_CJK.pattern}|\w+")
_MARKUP = re.compile(r"<(?:p|div|br|h[1-6]|ul|li)\b", re.IGNORECASE)
_LEDE_WINDOW = 60  # elements; a standfirst sits between the headline and the story
_SPACE = re.compile(r"\s+")
_COLON = re.compile(r"[:：]")
# ``| 来源<span>CSDN</span>``: a label whose value is the next element; the bar's separator may lead.
_LABEL_ONLY = re.compile(
    r"^[\s|｜/]*(?:(?:本文|文章|信息)?(?:来源|來源)于?|责任编辑|責任編輯|作者|記者|记者)\s*[:：]?\s*$"
)
_DIGIT = re.compile(r"\d")
_BARE_URL = re.compile(r"(?:https?://|www\.)\S+$")
_SENTENCE_WORDS = 8  # a linked line this long ending in a full stop is a sentence, not a headline
_NO_DATE_TAGS = frozenset(("script", "style", "title", "head", "meta"))
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
_DATE_LABEL = re.compile(
    r"发布时间|發佈時間|发表时间|發表時間|发布日期|發布日期|时间[:：]|時間[:：]|日期[:：]|发布于|发表于|發表於|"
    r"published|posted|date[:：]",
    re.IGNORECASE,
)
# ``最后更新: 2019-09-07 15:14`` under ``2019-09-07 15:10``: a line that says it is the update time
# is not when the story was published.
_UPDATE_LABEL = re.compile(
    r"更新|last (?:updated|modified)|updated|modified|aktualisiert|actualizado|actualizada|mis à jour|atualizado|"
    r"aggiornato",
    re.IGNORECASE,
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
    order = {element: index for index, element in enumerate(tree.iter())}
    found = read_metadata(tree)
    ledes = [] if ruled.body else lede_candidates(tree)  # read before cleaning removes headers
    picked, withheld = (_ruled_paragraphs(ruled), 0) if ruled.body else _scored_paragraphs(tree)
    title = ruled.title or record.get("title") or best_title(found, page.hints.get("title")) or credits.original_title
    paragraphs = clean_paragraphs(_story_lines(picked, title), credits)
    short = not _is_long_enough("".join(paragraphs))
    if short and not ruled.body and (embedded := embedded_html(document.html)):
        inner = _parse(wrap_fragment(embedded))
        if inner is not None:
            clean_tree(inner)
            picked = main_paragraphs(inner)
            paragraphs = clean_paragraphs(_story_lines(picked, title), credits)
    hidden_too = withheld >= _STORY_CHARS and not ruled.body and not _is_long_enough("".join(paragraphs))
    if hidden_too and (shown := _parse(document.html)) is not None:
        # The story may be served hidden and revealed by a script or a paywall, or sit in a block
        # whose class reads like boilerplate: look again trusting neither.
        drop_elements(shown, page.rules)
        shown_order = {element: index for index, element in enumerate(shown.iter())}
        clean_tree(shown, relaxed=True)
        shown_picked = main_paragraphs(shown)
        shown_paragraphs = clean_paragraphs(_story_lines(shown_picked, title), credits)
        if _is_long_enough("".join(shown_paragraphs)):
            order, picked, paragraphs = shown_order, shown_picked, shown_paragraphs
    if not ruled.body and (stated := _stated_story(found.story_text, paragraphs)):
        paragraphs = clean_paragraphs(stated, credits)
    if lede := _lede_above(ledes, order, picked, paragraphs):
        paragraphs.insert(0, lede)
    text = "\n\n".join(paragraphs)
    if not _is_long_enough(text) and not (_is_one_item(found, page) and _is_short_story(text)):
        return _no_story(document.html, text, ruled)
    language = detect_language(text, page.source_language or page.hints.get("language") or found.language)
    zone = Zone(page.source_timezone, language, page.url)
    content_start = min((order.get(p.element, 0) for p in picked), default=0)
    content_end = max((order.get(p.element, 0) for p in picked), default=0)
    content = (content_start, content_end)
    _nearby_credits(order, content_start, content_end, credits)
    published, date_source = _ruled_date(ruled, zone, page.fetched_at) or _published(
        found=found,
        record_published=record.get("published"),
        lead=lead,
        page=page,
        zone=zone,
        order=order,
        content=content,
    )
    modified = next((d for d in (parse_date(raw, zone) for raw in found.modified) if d), None)
    credited_source = ruled.credited_source or _credited_source(credits, found, order, content, paragraphs)
    authors = tuple(ruled.authors) or tuple(_authors(credits, found, order, content, credited_source))
    return Article(
        title=title,
        text=text,
        published_at=published.value if published else None,
        date_source=date_source,
        timezone_inferred=published.timezone_inferred if published else False,
        modified_at=modified.value if modified else None,
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


def _scored_paragraphs(tree: lxml_html.HtmlElement) -> tuple[list[Paragraph], int]:
    """The generic path: clean the whole page, then let the scorer pick the story's block; with
    the size of the largest block the cleaning withheld."""
    withheld = clean_tree(tree)
    return main_paragraphs(tree), withheld


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
    return [line for line in (" ".join(raw.split()) for raw in stated.splitlines()) if line]


def _triples(text: str) -> set[tuple[str, ...]]:
    """The text's runs of three tokens: two texts share them only where one quotes the other."""
    tokens = _TOKEN.findall(text.lower())
    return set(zip(tokens, tokens[1:], tokens[2:], strict=False))


def _story_lines(picked: list[Paragraph], title: str | None) -> list[str]:
    """Paragraph texts without link lists and without the headline repeated as the first line.

    A paragraph that is one bare address (``https://…``) stays: the story cites it (a petition,
    a source), where a teaser list shows headlines, not addresses; so does a linked line that is a
    whole sentence (a briefing's items, each linked to its story), as teaser headlines end without
    a full stop."""
    lines = [
        p.text
        for p in picked
        if p.link_density < 0.5 or len(p.text) > 200 or _BARE_URL.match(p.text) or _is_linked_sentence(p.text)
    ]
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
    for _, element in sorted(nearby, key=lambda item: item[0]):
        if not isinstance(element.tag, str) or element.tag in ("script", "style"):
            continue
        for raw, value_node in ((element.text, element if len(element) == 0 else None), (element.tail, None)):
            if not raw or not raw.strip():
                continue
            text = raw
            if _LABEL_ONLY.match(raw):  # ``<span>来源：</span><span>澎湃新闻</span>``: the value stands apart
                value = _text_after(element, value_node)
                label = raw.strip().lstrip("|｜/ ").rstrip(":：")
                text = "" if not value or _COLON.search(value) else f"{label}：{value}"
            if 2 < len(text.strip()) <= 120:
                take_info_credits(text, credits)


def _text_after(element: lxml_html.HtmlElement, own: lxml_html.HtmlElement | None) -> str:
    """The text that follows a label: its element's tail when the label is the element's own
    text, else the next sibling's text."""
    tail = own.tail if own is not None else None
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
) -> list[str]:
    """People credited for the story: the body's own credit lines, else structured data and meta
    tags, else the visible byline nearest above the story's start (or just below its end).

    An outlet named as author (the site itself, the credited agency) is not a person and is
    dropped at every step, so a byline further down the list gets its turn.
    """
    named = (found.site_name, found.publisher, credited_source, found.site_suffix(), *found.accounts)
    outlets = [name for name in named if name]
    for values in (credits.authors, found.authors):
        if names := clean_names(values, organisations=outlets):
            return names
    start, end = content
    above = sorted(
        (
            (start - order.get(element, 0), element, text)
            for element, text in found.bylines
            if order.get(element, 0) <= end + _CREDIT_WINDOW
        ),
        key=lambda item: (item[0] < 0, abs(item[0])),
    )
    suffix = found.site_suffix()
    for _, element, text in above:
        # A personal site's ``<title>`` ends in its writer's name (``Post | Code | Nicolas
        # Perriault``): a byline the template marks as a schema.org Person is that writer, not
        # the site's name, so the title's suffix (and the credit that falls back to it) does not
        # veto it. The site's declared name or publisher still does.
        vetoes = outlets
        if suffix and "Person" in (element.get("itemtype") or ""):
            vetoes = [name for name in outlets if name != suffix or name in (found.site_name, found.publisher)]
        if names := clean_names([text], organisations=vetoes):
            return names
    return _labelled_byline(found, order, start, outlets)


def _labelled_byline(
    found: Metadata, order: dict[lxml_html.HtmlElement, int], start: int, outlets: list[str]
) -> list[str]:
    """Full names on a line no class marks but a byline label opens (``<p>Von Claudia Lindner</p>``),
    above the story or among its first lines. Only full names count: a heading such as ``Von
    Menschen und Mäusen`` opens with the same word, and German capitalises its nouns."""
    near = sorted(
        (abs(start - position), text)
        for element, text in found.labelled_bylines
        if (position := order.get(element)) is not None
        and start - _CREDIT_WINDOW_ABOVE <= position <= start + _LEAD_REACH
    )
    for _, text in near:
        names = clean_names([text], organisations=outlets)
        if names and all(" " in name for name in names):
            return names
    return []


def _credited_source(
    credits: Credits,
    found: Metadata,
    order: dict[lxml_html.HtmlElement, int],
    content: tuple[int, int],
    paragraphs: list[str],
) -> str | None:
    """The outlet the page credits for the story, wherever it says so: a labelled credit line
    (body or info bar), the record or a meta tag, a ``class="source"`` mark next to the story, a
    script's ``source`` field, an agency dateline, the platform account that posted it; when it
    credits nobody else, the publisher (the caller's last resort is the copyright notice)."""
    stated = (
        credits.credited_source,
        found.source,
        _nearest(found.source_marks, order, content),
        found.script_source,
        next((agency for paragraph in paragraphs[:2] if (agency := dateline_agency(paragraph))), None),
        *found.accounts,
    )
    for value in stated:
        if cleaned := clean_credit(value):
            return cleaned
    return found.publisher or found.site_name or found.site_suffix()


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
    section pages have none and a day's archive (``/2012/05/31/``, ``…/page/2/``) ends in digits."""
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
    now = page.fetched_at
    record_lines = [page_record] if (page_record := record_published) else []
    candidates: list[tuple[str, FoundDate | None]] = [
        ("record", next((d for d in (parse_date(line, zone, now) for line in [*record_lines, *lead]) if d), None))
    ]
    candidates.extend((source, parse_date(raw, zone, now)) for source, raw in found.published)
    hint = page.hints.get("published")
    # Discovery says which it read the date from; a feed unless it says sitemap.
    hint_source = "sitemap" if page.hints.get("published_from") == "sitemap" else "feed"
    candidates.append((hint_source, parse_date(hint, zone, now) if hint else None))
    candidates.append(("visible text", _visible_date(order=order, content=content, zone=zone, now=now)))
    candidates.append(("url", parse_url_date(page.url, zone) if page.url else None))
    # Last: a page that states only when it was updated (``<meta itemprop="dateUpdate">`` beside a
    # year-less ``发布时间：10-08 12:00``) was published then or before; the nearest time it gives.
    updated = next((d for d in (parse_date(raw, zone, now) for raw in found.modified) if d), None)
    candidates.append(("modified", updated))
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
    return (first[1], first[0]) if first else (None, None)


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
        tag = element.tag
        if not isinstance(tag, str) or tag in _NO_DATE_TAGS:
            continue
        for text in (element.text, element.tail):
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
            if date is None:
                continue
            score = timed if date.has_time else _date_line_score(text, position, content, has_time=False)
            if best is None or score > best.score:
                best = _DateLine(score, position, date)
    return best.date if best and best.score > 0 else None


def _date_line_score(text: str, position: int, content: tuple[int, int], *, has_time: bool) -> float:
    """What a date line earns by its look and its place; a time earns most, so a caller can
    bound a line's score before reading its date (the score with a time is never lower)."""
    start, end = content
    stripped = text.strip()
    score = 2.0 if has_time else 0.0
    if _UPDATE_LABEL.search(stripped[: (digit.start() if (digit := _DIGIT.search(stripped)) else None)]):
        score -= 1  # labelled before its date: below an unlabelled line nearby, yet a page's only date line counts
    elif _DATE_LABEL.search(stripped):
        score += 3
    score += 1 if len(stripped) <= 40 else (-3 if len(stripped) > 60 else 0)  # a date line, not a sentence
    if start - 60 <= position < start:
        score += 3 - (start - position) / 30
    elif start <= position <= start + max(30, (end - start) // 10):
        score += 1.5
    elif position > end:
        score -= 2 + min(3.0, (position - end) / 100)
    else:
        score -= 1
    return score
