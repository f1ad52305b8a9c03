"""The extractors the benchmark compares, each behind one call: decoded page in, :class:`Output` out.

newslake is called as the pipeline calls it (a ``Page`` with the URL and a fetch time) and
gives every field. trafilatura with metadata (``bare_extraction(..., with_metadata=True)``) is
the speed anchor of issue 12 and the comparison for the fields it has (title, day, authors,
site name); trafilatura default, trafilatura ``favor_precision`` and readability-lxml give
body text only.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime

import trafilatura
from readability import Document

from bench.extraction_sets import block_text
from transforms.extract import core
from transforms.extract.model import Article, Page

# The benchmark pages carry no fetch time; relative dates ("3小时前") are read against this.
FETCHED_AT = datetime(2026, 1, 1, tzinfo=UTC)
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


@dataclass(frozen=True)
class Output:
    """What one extractor gave for one page; fields it does not produce stay ``None``."""

    text: str
    rejected: str | None = None  # newslake's NotArticle reason
    error: str | None = None  # the extractor raised: scored as an empty output, as trafilatura's evaluation does
    title: str | None = None
    published_at: datetime | None = None
    published_day: date | None = None
    authors: tuple[str, ...] | None = None
    credited_source: str | None = None
    editor: str | None = None
    language: str | None = None


Extractor = Callable[[str, str], Output]


def newslake(markup: str, url: str) -> Output:
    """Our extractor, as the pipeline calls it."""
    result = core.extract(Page(url=url, body=markup, fetched_at=FETCHED_AT))
    if not isinstance(result, Article):
        return Output("", rejected=result.reason)
    published = result.published_at
    return Output(
        text=result.text,
        title=result.title,
        published_at=published,
        published_day=published.date() if published else None,
        authors=result.authors,
        credited_source=result.credited_source,
        editor=result.editor,
        language=result.language,
    )


def trafilatura_default(markup: str, url: str) -> Output:
    """trafilatura as most people call it."""
    return Output(trafilatura.extract(markup, url=url, include_comments=False) or "")


def trafilatura_precision(markup: str, url: str) -> Output:
    """trafilatura's precision setting, its best on the Zyte set."""
    return Output(trafilatura.extract(markup, url=url, include_comments=False, favor_precision=True) or "")


def trafilatura_metadata(markup: str, url: str) -> Output:
    """trafilatura's body and metadata in one call: the speed anchor.

    Its date is a day (htmldate's default output); asking for a time changes which date
    htmldate picks, so the day is what it is compared on.
    """
    document = trafilatura.bare_extraction(markup, url=url, include_comments=False, with_metadata=True)
    if document is None or isinstance(document, dict):
        return Output("")
    found = _DAY.match(document.date or "")
    authors = tuple(name.strip() for name in (document.author or "").split(";") if name.strip())
    return Output(
        text=document.text or "",
        title=document.title,
        published_day=date(int(found[1]), int(found[2]), int(found[3])) if found else None,
        authors=authors,
        credited_source=document.sitename,
    )


def readability_lxml(markup: str, url: str) -> Output:
    """readability-lxml's summary, rendered to text with a line break per block."""
    return Output(block_text(Document(markup, url=url).summary(html_partial=True)))


EXTRACTORS: dict[str, Extractor] = {
    "newslake": newslake,
    "trafilatura-metadata": trafilatura_metadata,
    "trafilatura": trafilatura_default,
    "trafilatura-precision": trafilatura_precision,
    "readability-lxml": readability_lxml,
}
LABELS = {
    "newslake": "newslake",
    "trafilatura-metadata": "trafilatura with metadata",
    "trafilatura": "trafilatura (default)",
    "trafilatura-precision": "trafilatura (favor_precision)",
    "readability-lxml": "readability-lxml",
}
