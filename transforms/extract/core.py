"""Extraction: one decoded page in, one article (or the reason there is none) out.

trafilatura chooses the body; the reshaping before it (``shapes``) and the news rules after
it (``lines``, ``dates``, ``language``) are where news differs from the general web.
"""

from __future__ import annotations

import re
from typing import Any

import trafilatura
from lxml import html as lxml_html

from transforms.extract.dates import FoundDate, parse_date
from transforms.extract.language import detect_language
from transforms.extract.lines import Credits, clean_paragraphs, take_credit_line
from transforms.extract.model import Article, Extraction, NotArticle, Page
from transforms.extract.shapes import to_document

MIN_CJK_CHARS = 60
MIN_WORDS = 40
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
_WORD = re.compile(r"\w+")
_TITLE_SUFFIX = re.compile(r"\s*(?:[-_|–—·]\s*[^-_|–—·]{1,20}(?:网|新闻|日报|晚报|报|频道|News|Times|Post))+\s*$")
_DATE_META = (
    "article:published_time", "og:published_time", "pubdate", "publishdate", "publish_date",
    "datePublished", "dc.date", "dc.date.issued", "date", "sailthru.date", "parsely-pub-date",
)
_MODIFIED_META = ("article:modified_time", "og:updated_time", "dateModified", "last-modified")


def extract(page: Page) -> Extraction:
    """The article on ``page``, or ``NotArticle`` with a reason when there is none."""
    document = to_document(page.body, page.content_type)
    if not document.html.strip():
        return NotArticle("empty", "the page has no text")
    credits = Credits()
    lead = [line for line in document.lead_lines if not take_credit_line(line, credits)]
    for line in document.tail_lines:  # after a record's body: staff lines or lists, never story
        take_credit_line(line, credits)
    tree = _parse(document.html)
    result = trafilatura.bare_extraction(
        document.html, url=page.url, favor_precision=True, with_metadata=True,
        include_comments=False, include_tables=True, deduplicate=False,
    )
    body_text = getattr(result, "text", None) or ""
    paragraphs = clean_paragraphs(body_text.split("\n"), credits)
    text = "\n\n".join(paragraphs)
    if not _is_long_enough(text):
        reason = "empty" if not text else "not_article"
        return NotArticle(reason, f"main text too short ({len(text)} characters)")
    language = detect_language(text, page.source_language)
    title = _title(result, lead, page.hints, credits)
    published, date_source = _published(tree, lead, page, language)
    modified = _meta_date(tree, _MODIFIED_META, page, language)
    return Article(
        title=title,
        text=text,
        published_at=published.value if published else None,
        date_source=date_source,
        timezone_inferred=published.timezone_inferred if published else False,
        modified_at=modified.value if modified else None,
        authors=tuple(credits.authors) or _authors(result),
        credited_source=credits.credited_source,
        editor=credits.editor,
        language=language,
        canonical_url=_canonical(tree, page.url),
        site_name=getattr(result, "sitename", None) or None,
        image_url=getattr(result, "image", None) or None,
    )


def _parse(markup: str) -> Any:
    try:
        return lxml_html.fromstring(markup.encode("utf-8", "replace"))
    except (ValueError, lxml_html.etree.ParserError):
        return None


def _is_long_enough(text: str) -> bool:
    return len(_CJK.findall(text)) >= MIN_CJK_CHARS or len(_WORD.findall(text)) >= MIN_WORDS


def _title(result: Any, lead: list[str], hints: dict[str, str], credits: Credits) -> str | None:
    raw = getattr(result, "title", None) or hints.get("title") or (lead[0] if lead else None)
    raw = raw or credits.original_title
    if raw is None:
        return None
    cleaned = _TITLE_SUFFIX.sub("", raw.strip())
    return cleaned or raw.strip()


def _authors(result: Any) -> tuple[str, ...]:
    raw = getattr(result, "author", None) or ""
    return tuple(name.strip() for name in re.split(r";|,| and ", raw) if name.strip())


def _published(
    tree: Any, lead: list[str], page: Page, language: str | None
) -> tuple[FoundDate | None, str | None]:
    """The first good date, in order of trust: structured data, the record, hints, visible text."""
    candidates: list[tuple[str, FoundDate | None]] = [
        ("json-ld", _json_ld_date(tree, page, language)),
        ("meta", _meta_date(tree, _DATE_META, page, language)),
        ("record", _first_date(lead, page, language)),
        ("feed", _hint_date(page, language)),
        ("visible text", _visible_date(tree, page, language)),
        ("url", parse_date(page.url.replace("/", "-"), timezone=page.source_timezone, language=language)),
    ]
    day_only: tuple[str, FoundDate] | None = None
    for source, found in candidates:
        if found is None:
            continue
        if found.has_time:
            return found, source
        day_only = day_only or (source, found)
    if day_only:
        return day_only[1], day_only[0]
    return None, None


def _first_date(lines: list[str], page: Page, language: str | None) -> FoundDate | None:
    for line in lines:
        found = parse_date(line, timezone=page.source_timezone, language=language, now=page.fetched_at)
        if found:
            return found
    return None


def _hint_date(page: Page, language: str | None) -> FoundDate | None:
    raw = page.hints.get("published")
    return parse_date(raw, timezone=page.source_timezone, language=language) if raw else None


def _json_ld_date(tree: Any, page: Page, language: str | None) -> FoundDate | None:
    if tree is None:
        return None
    for script in tree.xpath('//script[@type="application/ld+json"]/text()'):
        match = re.search(r'"datePublished"\s*:\s*"([^"]+)"', script)
        if match:
            found = parse_date(match.group(1), timezone=page.source_timezone, language=language)
            if found:
                return found
    return None


def _meta_date(tree: Any, names: tuple[str, ...], page: Page, language: str | None) -> FoundDate | None:
    if tree is None:
        return None
    wanted = {name.lower() for name in names}
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        if key in wanted and meta.get("content"):
            found = parse_date(meta.get("content"), timezone=page.source_timezone, language=language)
            if found:
                return found
    for node in tree.xpath("//time[@datetime]"):
        found = parse_date(node.get("datetime"), timezone=page.source_timezone, language=language)
        if found:
            return found
    return None


def _visible_date(tree: Any, page: Page, language: str | None) -> FoundDate | None:
    if tree is None:
        return None
    for node in tree.xpath("//body//*[not(self::script) and not(self::style)]/text()"):
        candidate = str(node).strip()
        if 6 <= len(candidate) <= 80:
            found = parse_date(candidate, timezone=page.source_timezone, language=language, now=page.fetched_at)
            if found and found.has_time:
                return found
    return None


def _canonical(tree: Any, url: str) -> str:
    if tree is not None:
        for value in tree.xpath('//link[@rel="canonical"]/@href | //meta[@property="og:url"]/@content'):
            if str(value).startswith(("http://", "https://")):
                return str(value).strip()
    return url
