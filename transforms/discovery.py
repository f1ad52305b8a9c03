"""What discovery learns about a linked page, and how discovery documents are parsed.

Feeds and sitemaps both list article links with a little metadata (title, date, language)
that travels with the fetch as extraction hints. Both are untrusted XML, parsed with entity
resolution, DTD loading and network access off, so an external entity can never pull a local
file or an internal URL into the lake, and an entity bomb cannot expand.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree


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
