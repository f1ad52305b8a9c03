"""When the story was published: each source's date, most trusted first (the record, structured
data, the feed, the visible date line by the story, the URL, the update time), and the search for
the visible date line, scored by its look and its place."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta

from lxml import html as lxml_html

from transforms.extract.date_labels import DATE_LABEL, UPDATE_LABEL
from transforms.extract.dates import FoundDate, Zone, parse_date, parse_url_date, zone_for
from transforms.extract.dom import in_comment_area
from transforms.extract.marks import DATE_LINE_CHARS, DIGIT
from transforms.extract.metadata import Metadata
from transforms.extract.model import Page

_BEST_LOOK = 6.0  # the most a date line's look earns (:func:`_date_line_score`): a time 2, a label 3, shortness 1
_NO_DATE_TAGS = frozenset(("script", "style", "title", "head", "meta"))
# A date line split across inline tags (``_joined_line``), a link among them: at most this many pieces.
_INLINE_TAGS = frozenset(("span", "b", "strong", "em", "i", "small", "time", "abbr", "sup", "font", "a"))
_JOINED_PIECES = 6
_YEAR_IN_LINE = re.compile(r"(?<!\d)(?:19|20|13|14)\d{2}(?!\d)")


@dataclass(frozen=True)
class DateSources:
    """Where the story's date may be read: the page's metadata, the record's date field and the
    lines before its body, the page (its hints, its address, when it was fetched), the zone its
    times are read in, and the page's element order with the story's span in it."""

    found: Metadata
    record_published: str | None
    lead: list[str]
    page: Page
    zone: Zone
    order: dict[lxml_html.HtmlElement, int]
    content: tuple[int, int]


def published_date(sources: DateSources) -> tuple[FoundDate | None, str | None]:
    """The most trusted date: the record's own field or line, structured data, the feed, the visible
    date line next to the story, the URL, the update time. A day-only value yields to a later
    source that has the time on the same day."""
    candidates = _date_candidates(sources)
    zone, order, content = sources.zone, sources.order, sources.content
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
        visible = _visible_date(order=order, content=content, zone=zone, now=sources.page.fetched_at)
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


def _date_candidates(sources: DateSources) -> Iterator[tuple[str, FoundDate | None]]:
    """Each source's date, most trusted first, read only when asked for: a page whose structured
    data states the time is not searched for a visible date line (the costliest read)."""
    found, page, zone = sources.found, sources.page, sources.zone
    now = page.fetched_at
    record_lines = [page_record] if (page_record := sources.record_published) else []
    yield (
        "record",
        next((d for d in (parse_date(line, zone, now) for line in [*record_lines, *sources.lead]) if d), None),
    )
    for source, raw in found.published:
        yield source, parse_date(raw, zone, now)
    for raw in found.script_dates():
        yield "script", parse_date(raw, zone, now)
    hint = page.hints.get("published")
    # Discovery says which it read the date from; a feed unless it says sitemap.
    hint_source = "sitemap" if page.hints.get("published_from") == "sitemap" else "feed"
    yield hint_source, parse_date(hint, zone, now) if hint else None
    yield "visible text", _visible_date(order=sources.order, content=sources.content, zone=zone, now=now)
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
        if best is not None and _BEST_LOOK + _place_score(position, content) <= best.score:
            if position > content[1]:
                break  # below the story a line's place only worsens: no later line can outrank the best
            continue  # no line here could outrank the best one, even with a time and a label
        tag = element.tag
        if not isinstance(tag, str) or tag in _NO_DATE_TAGS:
            continue
        joined = _joined_line(element) if 0 < len(element) <= _JOINED_PIECES else None  # most elements: no call
        for text in (element.text, element.tail, joined):
            if not text or not (4 <= len(text.strip()) <= 200) or not DIGIT.search(text):
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
            if (best is None or score > best.score) and not (position > content[1] and in_comment_area(element)):
                best = _DateLine(score, position, date)  # a reader's comment below the story has its own time
    return best.date if best and best.score > 0 else None


def _joined_line(element: lxml_html.HtmlElement) -> str | None:
    """A short line whose date is split across inline tags (``<span>13</span> <span>Mai</span> 2026``,
    ``<span>2022-02-13</span><span>10:05</span>``): no text node holds the whole date, so the line
    is read joined, with a space between two pieces that would run together (a day and its time).
    Only a line of a few bare inline pieces, one of them a year: a paragraph with other markup is
    prose, read node by node."""
    if not 0 < len(element) <= _JOINED_PIECES:
        return None
    parts = [element.text or ""]
    for child in element:
        if child.tag not in _INLINE_TAGS or len(child):
            return None
        parts.extend((child.text or "", child.tail or ""))
    line = ""
    for part in (" ".join(part.split()) for part in parts):
        # a tag between two words or numbers parts them (``13</span><span>10:05``); a mark joins
        line += f" {part}" if line[-1:].isalnum() and part[:1].isalnum() else part
    line = " ".join(line.split())
    return line if len(line) <= DATE_LINE_CHARS and _YEAR_IN_LINE.search(line) else None


def _date_line_score(text: str, position: int, content: tuple[int, int], *, has_time: bool) -> float:
    """What a date line earns by its look and its place; a time earns most, so a caller can
    bound a line's score before reading its date (the score with a time is never lower)."""
    stripped = text.strip()
    score = 2.0 if has_time else 0.0
    if UPDATE_LABEL.search(stripped[: (digit.start() if (digit := DIGIT.search(stripped)) else None)]):
        score -= 1  # labelled before its date: below an unlabelled line nearby, yet a page's only date line counts
    elif DATE_LABEL.search(stripped):
        score += 3
    score += 1 if len(stripped) <= 40 else (-3 if len(stripped) > DATE_LINE_CHARS else 0)  # a date line, not a sentence
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
