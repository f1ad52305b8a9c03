"""What extraction takes in and gives back.

A page is everything extraction may look at: the decoded body, where it came from, and the
hints discovery found (a feed's title and date, a sitemap's news fields), and the source's own
selectors when its configuration has an ``extract:`` block. Extraction is a pure function of a
page, so the same fetch under the same configuration always gives the same article.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from transforms.extract.rules import SiteRules


@dataclass(frozen=True)
class Page:
    """One fetched document, decoded to text, ready for extraction.

    ``url`` is None for a page read from a file with no known address: nothing is then
    inferred from a URL (no date in the path, no country's timezone).
    """

    url: str | None
    body: str
    fetched_at: datetime
    content_type: str | None = None
    source_timezone: str | None = None
    source_language: str | None = None
    hints: dict[str, str] = field(default_factory=dict)
    rules: SiteRules | None = None


@dataclass(frozen=True)
class Article:
    """The article found on a page, each field with where it came from when that matters."""

    title: str | None
    text: str
    published_at: datetime | None = None
    date_source: str | None = None
    timezone_inferred: bool = False
    modified_at: datetime | None = None
    authors: tuple[str, ...] = ()
    credited_source: str | None = None
    editor: str | None = None
    language: str | None = None
    canonical_url: str | None = None
    site_name: str | None = None
    image_url: str | None = None
    source_rules: tuple[tuple[str, str], ...] = ()
    """Each field the source's ``extract:`` block configures: ``matched`` when the value came from
    its selector, else why the generic value stood (``no match``, ``not a date``)."""


@dataclass(frozen=True)
class NotArticle:
    """A page that holds no article: a stable reason code and a human detail."""

    reason: str
    detail: str


Extraction = Article | NotArticle
