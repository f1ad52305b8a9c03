"""RSS 2.0, RDF, Atom and JSON feeds: the article links they list and the hints they carry.

Feeds are parsed with entity resolution and network access off: a feed is untrusted input,
and an external entity must never pull a local file or an internal URL into the lake. They
are read as the web serves them (``transforms/discovery.py``): the HTTP header's charset, raw
ampersands and HTML entities, a BOM or blank lines before the declaration, a cut-off end.
A JSON Feed (jsonfeed.org, versions 1 and 1.1) is read as a feed too.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from email.utils import parsedate_to_datetime
from typing import Any

from lxml import etree

from transforms.discovery import DiscoveredLink, untrusted_xml_parser, web_text, well_formed
from transforms.urls import normalise_url

_ATOM = "{http://www.w3.org/2005/Atom}"
_RSS1 = "{http://purl.org/rss/1.0/}"
_DC = "{http://purl.org/dc/elements/1.1/}"


class NotAFeed(ValueError):
    """The document is not RSS or Atom; the message says what it was instead."""


def parse_feed(body: bytes, base_url: str, content_type: str | None = None) -> list[DiscoveredLink]:
    """Entries of an RSS/RDF/Atom/JSON feed in feed order; raise ``NotAFeed`` for anything else.

    ``content_type`` is the HTTP ``Content-Type`` header: its charset decides the decoding.
    """
    text = web_text(body, content_type)
    if text.startswith("{"):
        return _json_feed(text, base_url)
    parser = untrusted_xml_parser()
    try:
        root = etree.fromstring(well_formed(text), parser=parser)
    except etree.XMLSyntaxError as error:
        raise NotAFeed(f"not XML ({error})") from None
    if root is None:
        raise NotAFeed("empty document")
    entries = _parse_root(root, base_url)
    if not entries and len(parser.error_log):
        # A broken feed yields nothing rather than a partial list: say why instead of "empty".
        raise NotAFeed(f"malformed XML ({parser.error_log[0].message.strip()})")
    return entries


_JSON_FEED = "https://jsonfeed.org/version/"


def _json_feed(text: str, base_url: str) -> list[DiscoveredLink]:
    try:
        document = json.loads(text)
    except ValueError as error:
        raise NotAFeed(f"not JSON ({error})") from None
    if not isinstance(document, dict) or not str(document.get("version", "")).startswith(_JSON_FEED):
        raise NotAFeed(f"a JSON document without a version starting {_JSON_FEED}")
    items = document.get("items")
    if not isinstance(items, list):
        raise NotAFeed("a JSON Feed without an 'items' list")
    language = _string(document, "language")
    entries: list[DiscoveredLink] = []
    for item in items:
        link = _string(item, "url") if isinstance(item, dict) else None
        if not link:
            continue
        url = normalise_url(link, base_url)
        if url.startswith(("http://", "https://")):
            published = _string(item, "date_published")
            title = _string(item, "title")
            entries.append(DiscoveredLink(url, title, published, _string(item, "language") or language))
    return entries


def _string(mapping: dict[str, Any], key: str) -> str | None:
    # A JSON Feed item as published: any key may hold any JSON value, so each read checks its type.
    value = mapping.get(key)
    return value.strip() or None if isinstance(value, str) else None


def _parse_root(root: etree._Element, base_url: str) -> list[DiscoveredLink]:
    tag = etree.QName(root).localname.lower()
    if tag == "rss":
        channel = root.find("channel")
        language = _text(channel, "language") if channel is not None else None
        return _entries(root.iter("item"), base_url, language, _rss_link, ("pubDate", f"{_DC}date"))
    if tag == "feed":
        language = root.get("{http://www.w3.org/XML/1998/namespace}lang")
        return _entries(
            root.iter(f"{_ATOM}entry"), base_url, language, _atom_link, (f"{_ATOM}published", f"{_ATOM}updated")
        )
    if tag == "rdf":
        return _entries(root.iter(f"{_RSS1}item"), base_url, None, _rdf_link, (f"{_DC}date",))
    raise NotAFeed(f"the document's root element is <{tag}>, not <rss> or <feed>")


def _entries(
    items: Iterable[etree._Element],
    base_url: str,
    language: str | None,
    link_of: Callable[[etree._Element], str | None],
    date_tags: tuple[str, ...],
) -> list[DiscoveredLink]:
    entries: list[DiscoveredLink] = []
    for item in items:
        link = link_of(item)
        if not link:
            continue
        url = normalise_url(link, base_url)
        if not url.startswith(("http://", "https://")):
            continue
        title = _text(item, "title") or _text(item, f"{_ATOM}title") or _text(item, f"{_RSS1}title")
        published = next((_iso_date(value) for tag in date_tags if (value := _text(item, tag))), None)
        entries.append(DiscoveredLink(url=url, title=title, published=published, language=language))
    return entries


def _text(node: etree._Element | None, tag: str) -> str | None:
    if node is None:
        return None
    child = node.find(tag)
    if child is None:
        return None
    value = "".join(str(part) for part in child.itertext()).strip()
    return value or None


def _iso_date(value: str) -> str:
    """RSS dates are RFC 822 (``Fri, 17 Apr 2026 19:18:00 +0800``); pass them on as ISO 8601."""
    try:
        return parsedate_to_datetime(value).isoformat()
    except (TypeError, ValueError, IndexError):
        return value


def _rss_link(item: etree._Element) -> str | None:
    link = _text(item, "link")
    if link:
        return link
    guid = item.find("guid")
    if guid is not None and guid.get("isPermaLink", "true").lower() == "true" and guid.text:
        return guid.text.strip()
    return None


def _atom_link(entry: etree._Element) -> str | None:
    for link in entry.findall(f"{_ATOM}link"):
        if link.get("rel", "alternate") == "alternate" and link.get("href"):
            return link.get("href")
    return None


def _rdf_link(item: etree._Element) -> str | None:
    return _text(item, f"{_RSS1}link") or item.get("{http://www.w3.org/1999/02/22-rdf-syntax-ns#}about")
