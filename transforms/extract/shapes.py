"""Turn the shapes news arrives in into one HTML document our extractor can read.

Scraped news is not always a page: some records carry the article as JSON-escaped HTML
(``\\u003cp\\u003e…``), some are served as JSON, some are bare HTML fragments, and some are
plain text with a title line, credit lines and a trailing headline list. Generic extractors
return nothing or the raw blob on all of these, so they are reshaped here first, and the
record's own fields (title, date, source) are kept: they are better than anything guessed.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field

_ESCAPED_OPEN = re.compile(r"\\u003c(?:p|div|br|span|h[1-6]|img|section|article)\b", re.IGNORECASE)
_TAG = re.compile(r"<(?:p|div|br|html|body|article|section|span|h[1-6]|table|ul|li|a|head|meta)\b", re.IGNORECASE)
_JSON_STRING = re.compile(r'"((?:[^"\\]|\\.){200,})"')
# A string opens after these (``"content": "…"``, ``x = "…"``, ``data-props="…"``); after anything
# else the quote closed an attribute, and the run starts with the rest of its tag.
_STRING_OPENERS = frozenset("=:([,{ \t\r\n")
_TAG_TAIL = re.compile(r'^[^<>"]*>')
_DOCUMENT = re.compile(r"<(?:html|body|head)\b", re.IGNORECASE)
# Record fields worth more than any guess from the markup, by the names feeds and CMS APIs use.
_RECORD_KEYS = {
    "title": ("title", "headline", "name", "subject"),
    "published": (
        "published_at",
        "publishedAt",
        "pubDate",
        "pub_date",
        "publish_time",
        "publishTime",
        "pubtime",
        "datePublished",
        "published",
        "date",
        "ctime",
        "time",
        "create_time",
    ),
    "source": ("source", "media", "media_name", "from", "origin"),
    "editor": ("editor", "responsible_editor"),
    "author": ("author", "authors", "writer", "byline"),
}


@dataclass(frozen=True)
class Document:
    """The HTML to extract from, the plain lines of a record around it, and its own fields."""

    html: str
    lead_lines: tuple[str, ...] = ()
    tail_lines: tuple[str, ...] = ()
    record: dict[str, str] = field(default_factory=dict)


def to_document(body: str, content_type: str | None) -> Document:
    """Reshape a decoded body into HTML, keeping record lines and fields for the field rules."""
    stripped = body.strip().lstrip("\ufeff")
    if _looks_like_json(stripped, content_type):
        found = _from_json(stripped)
        if found is not None:
            return found
    if stripped.startswith("<"):  # a page: whether it has one real tag is all that matters, not how many
        has_tags = _TAG.search(stripped, 0, 200_000) is not None
    else:
        real_tags = len(_TAG.findall(stripped[:200_000]))
        if len(_ESCAPED_OPEN.findall(stripped[:200_000])) > real_tags:
            return _escaped_record(stripped)
        has_tags = real_tags > 0
    if has_tags:
        return Document(html=wrap_fragment(stripped))
    return _plain_record(stripped)


@dataclass(frozen=True)
class Embedded:
    """Story markup a page keeps in a script's string, and the page's line that string starts on."""

    html: str
    line: int


def embedded_html(markup: str) -> Embedded | None:
    """The longest JSON string in a page's scripts that holds story markup, unescaped.

    Client-rendered pages ship the story as ``"content":"\\u003cp\\u003e…"`` inside a script (or a
    component's props attribute) and leave the body empty; this is the fallback when the DOM holds
    no story. A page's own markup can read the same way, from one attribute's closing quote to a
    later opening one; that run is kept, as it may hold a story the cleaner withheld, but without
    the rest of the tag it starts in (``lang=de itemprop=articleBody>``).
    """
    best: re.Match[str] | None = None
    for match in _JSON_STRING.finditer(markup):
        raw = match.group(1)
        lowered = raw[:2000].lower()
        if ("\\u003cp" in lowered or "<p" in lowered) and (best is None or len(raw) > len(best.group(1))):
            best = match
    if best is None:
        return None
    raw = best.group(1)
    if markup[best.start() - 1 : best.start()] not in _STRING_OPENERS:  # opened by an attribute's closing quote
        raw = _TAG_TAIL.sub("", raw, count=1)
    return Embedded(_unescape_json_string(raw), markup.count("\n", 0, best.start()) + 1)


def _looks_like_json(body: str, content_type: str | None) -> bool:
    return (content_type is not None and "json" in content_type.lower()) or body.startswith(("{", "["))


def _from_json(body: str) -> Document | None:
    try:
        value = json.loads(body)
    except ValueError:
        return None
    markup, owner = _find_html(value)
    if markup is None:
        return None
    record: dict[str, str] = {}
    if isinstance(owner, dict):
        for name, keys in _RECORD_KEYS.items():
            for key in keys:
                item = owner.get(key)
                if isinstance(item, list):
                    item = ", ".join(
                        str(part.get("name", "")) if isinstance(part, dict) else str(part) for part in item
                    )
                if isinstance(item, dict):
                    item = item.get("name")
                if isinstance(item, (str, int)) and str(item).strip() and str(item) != markup:
                    record[name] = str(item).strip()
                    break
    return Document(html=wrap_fragment(markup), record=record)


def _find_html(value: object) -> tuple[str | None, object]:
    """The longest string that looks like HTML anywhere in a JSON value, and the object holding it."""
    best: str | None = None
    owner: object = None
    stack: list[tuple[object, object]] = [(value, None)]
    while stack:
        item, parent = stack.pop()
        if isinstance(item, dict):
            stack.extend((child, item) for child in item.values())
        elif isinstance(item, list):
            stack.extend((child, parent) for child in item)
        elif isinstance(item, str) and _TAG.search(item) and (best is None or len(item) > len(best)):
            best, owner = item, parent
    return best, owner


def _unescape_json_string(fragment: str) -> str:
    """Decode JSON string escapes (``\\u003c``, ``\\"``) without needing the quotes around them."""
    try:
        decoded: str = json.loads('"' + fragment.rstrip().removesuffix('"') + '"')
    except ValueError:
        return re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), fragment).replace('\\"', '"')
    return decoded


def _escaped_record(body: str) -> Document:
    """A record whose body is JSON-escaped HTML, possibly with plain lines before and after it."""
    lead: list[str] = []
    tail: list[str] = []
    html_parts: list[str] = []
    for line in body.splitlines():
        index = line.lower().find("\\u003c")
        if index >= 0:
            before = line[:index].strip()
            if before:
                lead.append(before)
            html_parts.append(_unescape_json_string(line[index:]))
        elif html_parts:
            tail.append(line.strip())
        else:
            lead.append(line.strip())
    lead = [line for line in lead if line]
    record = {"title": lead[0]} if lead else {}
    return Document(
        html=wrap_fragment("\n".join(html_parts)),
        lead_lines=tuple(lead[1:]),
        tail_lines=tuple(line for line in tail if line),
        record=record,
    )


def _plain_record(body: str) -> Document:
    """Plain text: the first line is the title, each further line a paragraph."""
    lines = [line.strip() for line in body.splitlines() if line.strip()]
    if not lines:
        return Document(html="")
    title, paragraphs = lines[0], lines[1:]
    inner = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return Document(
        html=f"<html><head><title>{html.escape(title)}</title></head><body><article>{inner}</article></body></html>",
        record={"title": title},
    )


def wrap_fragment(fragment: str) -> str:
    """A full document around a bare fragment, so the parser and the scorer see a body."""
    if _DOCUMENT.search(fragment[:5000]):
        return fragment
    return f"<html><body><article>{fragment}</article></body></html>"
