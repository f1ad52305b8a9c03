"""Turn the shapes news arrives in into one HTML document an extractor can read.

Scraped news is not always a page: some records carry the article as JSON-escaped HTML
(``\\u003cp\\u003e…``), some are served as JSON, and some are plain text with a title line,
credit lines and a trailing headline list. Extractors return nothing or the raw blob on all
of these, so they are reshaped here first.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass

_ESCAPED_TAG = re.compile(r"\\u003c|\\x3c|\\/", re.IGNORECASE)
_TAG = re.compile(r"<(?:p|div|br|html|body|article|section|span|h[1-6]|table|ul|li|a)\b", re.IGNORECASE)
_HTML_KEYS = ("content", "body", "html", "article", "articleBody", "text", "data")


@dataclass(frozen=True)
class Document:
    """The HTML to extract from, and the lines of a plain-text record around it."""

    html: str
    lead_lines: tuple[str, ...] = ()
    tail_lines: tuple[str, ...] = ()


def to_document(body: str, content_type: str | None) -> Document:
    """Reshape a decoded body into HTML, keeping plain-text record lines for the field rules."""
    stripped = body.strip()
    if _looks_like_json(stripped, content_type):
        found = _html_from_json(stripped)
        if found is not None:
            return Document(html=_wrap(found))
    if _ESCAPED_TAG.search(stripped) and "\\u003c" in stripped.lower():
        return _escaped_record(stripped)
    if _TAG.search(stripped):
        return Document(html=stripped)
    return _plain_record(stripped)


def _looks_like_json(body: str, content_type: str | None) -> bool:
    return (content_type is not None and "json" in content_type.lower()) or body.startswith("{")


def _html_from_json(body: str) -> str | None:
    try:
        value = json.loads(body)
    except ValueError:
        return None
    return _find_html(value)


def _find_html(value: object) -> str | None:
    """The longest string that looks like HTML anywhere in a JSON value."""
    best: str | None = None
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            stack.extend(item[key] for key in _HTML_KEYS if key in item)
            stack.extend(v for k, v in item.items() if k not in _HTML_KEYS)
        elif isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, str) and _TAG.search(item) and (best is None or len(item) > len(best)):
            best = item
    return best


def _unescape_json_string(fragment: str) -> str:
    """Decode JSON string escapes (``\\u003c``, ``\\"``) without needing the quotes around them."""
    try:
        decoded: str = json.loads('"' + fragment + '"')
        return decoded
    except ValueError:
        return re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), fragment).replace('\\"', '"')


def _escaped_record(body: str) -> Document:
    """A record whose body is JSON-escaped HTML, possibly with plain lines before and after it."""
    lines = body.splitlines()
    lead: list[str] = []
    tail: list[str] = []
    html_parts: list[str] = []
    for line in lines:
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
    return Document(html=_wrap("\n".join(html_parts)), lead_lines=_nonempty(lead), tail_lines=_nonempty(tail))


def _plain_record(body: str) -> Document:
    """Plain text: the first line is the title, each further line a paragraph."""
    lines = [line.strip() for line in body.splitlines() if line.strip()]
    if not lines:
        return Document(html="")
    title, paragraphs = lines[0], lines[1:]
    inner = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return Document(html=f"<html><head><title>{html.escape(title)}</title></head><body><article>"
                    f"{inner}</article></body></html>", lead_lines=(title,))


def _wrap(fragment: str) -> str:
    if re.search(r"<html\b", fragment, re.IGNORECASE):
        return fragment
    return f"<html><body><article>{fragment}</article></body></html>"


def _nonempty(lines: list[str]) -> tuple[str, ...]:
    return tuple(line for line in lines if line)
