"""XML sitemaps: robots.txt ``Sitemap:`` lines, sitemap indexes, urlsets and Google News sitemaps.

A sitemap is untrusted input like a feed: it is read as the web serves it and parsed with
entity resolution and network access off, and a gzipped one is inflated only up to a size
cap, so a small compressed file cannot expand into gigabytes. Google News entries keep their publication date, title and
language, which travel with the article as extraction hints (the same keys a feed gives).
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field

from lxml import etree

from transforms.discovery import DiscoveredLink, parse_web_xml
from transforms.urls import normalise_url

_SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
_NEWS_NS = "{http://www.google.com/schemas/sitemap-news/0.9}"
_GZIP_MAGIC = b"\x1f\x8b"


class NotASitemap(ValueError):
    """The document is not a sitemap; the message says what it was instead."""


@dataclass(frozen=True)
class Sitemap:
    """A parsed sitemap: an index lists more sitemaps, a urlset lists pages."""

    kind: str  # "index" or "urlset"
    sitemaps: tuple[str, ...] = ()
    entries: tuple[DiscoveredLink, ...] = field(default=())


def robots_sitemaps(robots_txt: bytes, base_url: str) -> list[str]:
    """The ``Sitemap:`` URLs of a robots.txt, in order, without repeats."""
    found: list[str] = []
    for raw in robots_txt.decode("utf-8", "replace").splitlines():
        key, _, value = raw.split("#", 1)[0].partition(":")
        if key.strip().lower() == "sitemap" and value.strip():
            url = normalise_url(value.strip(), base_url)
            if url.startswith(("http://", "https://")) and url not in found:
                found.append(url)
    return found


def inflate(body: bytes, max_bytes: int) -> bytes:
    """``body`` itself, or its gzip content when it is gzipped; ``NotASitemap`` past ``max_bytes``."""
    if not body.startswith(_GZIP_MAGIC):
        return body
    inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    try:
        content = inflater.decompress(body, max_bytes + 1)
    except zlib.error as error:
        raise NotASitemap(f"broken gzip data ({error})") from None
    if len(content) > max_bytes or inflater.unconsumed_tail:
        raise NotASitemap(f"the gzipped sitemap inflates to more than {max_bytes} bytes")
    return content


def parse_sitemap(
    body: bytes, base_url: str, max_bytes: int = 50 * 1024 * 1024, content_type: str | None = None
) -> Sitemap:
    """A sitemap index or urlset (plain or gzipped); raise ``NotASitemap`` for anything else.

    It is read as the web serves it (``transforms/discovery.py``): ``content_type``'s charset,
    raw ampersands in ``<loc>``, HTML entities, a BOM before the declaration, a cut-off end.
    """
    content = inflate(body, max_bytes)
    if content is not body:
        content_type = None  # the header describes the gzip file, not what it holds
    try:
        root, _ = parse_web_xml(content, content_type)
    except etree.XMLSyntaxError as error:
        raise NotASitemap(f"not XML ({error})") from None
    if root is None:
        raise NotASitemap("empty document")
    tag = etree.QName(root).localname
    if tag == "sitemapindex":
        locs = (_loc(node, base_url) for node in root if _local(node) == "sitemap")
        return Sitemap("index", sitemaps=tuple(dict.fromkeys(loc for loc in locs if loc)))
    if tag == "urlset":
        # Repeats are kept: the crawl records a URL listed twice as a duplicate, not silently.
        entries = (_entry(node, base_url) for node in root if _local(node) == "url")
        return Sitemap("urlset", entries=tuple(entry for entry in entries if entry))
    raise NotASitemap(f"the document's root element is <{tag}>, not <urlset> or <sitemapindex>")


def _local(node: etree._Element) -> str:
    return etree.QName(node).localname if isinstance(node.tag, str) else ""


def _child(node: etree._Element, name: str, namespace: str = _SITEMAP_NS) -> etree._Element | None:
    """A child by local name: in the sitemap namespace, or unqualified (sloppy sitemaps)."""
    found = node.find(f"{namespace}{name}")
    return found if found is not None else node.find(name)


def _text(node: etree._Element | None) -> str | None:
    if node is None:
        return None
    value = "".join(str(part) for part in node.itertext()).strip()
    return value or None


def _loc(node: etree._Element, base_url: str) -> str | None:
    loc = _text(_child(node, "loc"))
    if not loc:
        return None
    url = normalise_url(loc, base_url)
    return url if url.startswith(("http://", "https://")) else None


def _entry(node: etree._Element, base_url: str) -> DiscoveredLink | None:
    url = _loc(node, base_url)
    if url is None:
        return None
    news = node.find(f"{_NEWS_NS}news")
    title = published = language = None
    if news is not None:
        title = _text(news.find(f"{_NEWS_NS}title"))
        published = _text(news.find(f"{_NEWS_NS}publication_date"))
        publication = news.find(f"{_NEWS_NS}publication")
        language = _text(publication.find(f"{_NEWS_NS}language")) if publication is not None else None
    return DiscoveredLink(
        url=url, title=title, published=published, language=language, modified=_text(_child(node, "lastmod"))
    )
