"""What discovery learns about a linked page, and how discovery documents are read as the web serves them.

Feeds and sitemaps both list article links with a little metadata (title, date, language)
that travels with the fetch as extraction hints. Both are untrusted XML, parsed with entity
resolution, DTD loading and network access off, so an external entity can never pull a local
file or an internal URL into the lake, and an entity bomb cannot expand.

Real feeds and sitemaps are often not well-formed, and a strict reading of them silently
loses or changes links. So a document is repaired first, the way feed readers and browsers
read it: decoded with the charset of the HTTP header, then a BOM or the XML declaration, then
detection (``transforms/encoding.py``); anything before the root's declaration (a BOM, blank
lines a CMS printed) dropped; a raw ``&`` that starts no entity kept as the literal text it is
(``?id=1&cat=2`` is a link with two parameters, not a broken entity); HTML entities that XML
does not define (``&nbsp;``, ``&eacute;``) read as their characters. A truncated document
yields the entries complete before the cut (the one the cut went through may hold half a URL).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.entities import html5

from lxml import etree

from transforms.encoding import decode_body

_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
# Sections whose text is literal (no entities inside), and everything else.
_LITERAL = re.compile(
    r"(<!\[CDATA\[.*?(?:\]\]>|$)|<!--.*?(?:-->|$)|<!DOCTYPE[^\[>]*(?:\[.*?\])?\s*>)", re.DOTALL | re.IGNORECASE
)
_AMPERSAND = re.compile(r"&(#[0-9]+;|#[xX][0-9a-fA-F]+;|[A-Za-z][A-Za-z0-9]*;)?")
_XML_ENTITIES = {"amp;", "lt;", "gt;", "quot;", "apos;"}
_ROOT_END = re.compile(r"</(?:[\w.-]+:)?(?:urlset|sitemapindex|rss|feed|RDF)\s*>\s*(?:<!--.*?-->\s*)*$", re.DOTALL)
_ENTRY_END = re.compile(r"</(?:[\w.-]+:)?(?:url|sitemap|item|entry)\s*>", re.IGNORECASE)
_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_DECLARED = re.compile(r"<!ENTITY\s+([A-Za-z_][\w.-]*)")


@dataclass(frozen=True)
class DiscoveredLink:
    """One linked article, with what the feed or sitemap says about it."""

    url: str
    title: str | None = None
    published: str | None = None
    language: str | None = None
    modified: str | None = None

    def hints(self) -> dict[str, str]:
        """The fields extraction uses as hints (absent ones left out)."""
        values = {"title": self.title, "published": self.published, "language": self.language}
        return {key: value for key, value in values.items() if value}


def untrusted_xml_parser() -> etree.XMLParser:
    """An lxml parser safe for XML from the web: no entities, no DTD, no network, no huge trees."""
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, recover=True)


def web_text(body: bytes, content_type: str | None = None) -> str:
    """A discovery document's text: decoded as a browser would, leading BOM and blank space dropped."""
    return decode_body(body, content_type).text.lstrip("\ufeff \t\r\n")


def well_formed(text: str) -> bytes:
    """``text`` as UTF-8 XML that a parser reads as its author meant (see the module docstring)."""
    text = _DECLARATION.sub("", text, count=1)
    text = _complete_entries(text)
    parts = _LITERAL.split(text)
    # Entities the document declares itself stay references: the parser never expands them
    # (no local file read, no entity bomb) and stops at a bomb, as it would unrepaired.
    declared = {f"{name};" for part in parts[1::2] for name in _DECLARED.findall(part)}
    parts[::2] = [_AMPERSAND.sub(lambda match: _entity(match, declared), part) for part in parts[::2]]
    return "".join(parts).encode("utf-8")


def _complete_entries(text: str) -> str:
    """A document cut off before its root's end tag, up to its last complete entry.

    The entry the cut went through may hold half a URL (``<loc>https://ne``); the parser
    would close it and hand the fragment on as a link to fetch.
    """
    if _ROOT_END.search(text[-4096:]):
        return text
    ends = list(_ENTRY_END.finditer(text))
    return text[: ends[-1].end()] if ends else text


def _entity(match: re.Match[str], declared: set[str]) -> str:
    reference = match.group(1)
    if reference is None:
        return "&amp;"  # a raw ampersand: literal text
    if reference.startswith("#") or reference in _XML_ENTITIES or reference in declared:
        return match.group(0)
    character = html5.get(reference)
    if character is None:
        return "&amp;" + reference  # an unknown name: keep it as the text it is
    return "".join(_ESCAPES.get(ch, ch) for ch in character)


def parse_web_xml(body: bytes, content_type: str | None = None) -> tuple[etree._Element | None, etree.XMLParser]:
    """The root of a discovery document as the web serves it, and the parser (its error log says what was wrong)."""
    parser = untrusted_xml_parser()
    return etree.fromstring(well_formed(web_text(body, content_type)), parser=parser), parser
