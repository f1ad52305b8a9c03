"""Processing: fetch records in, article rows and reject rows out.

Every fetch record of an article URL becomes exactly one of the two, so a run can account
for every URL it met: failures and HTTP errors from the crawl, pages that are not HTML,
pages without an article, and extraction errors all become rejects with a reason code.
"""

from __future__ import annotations

import hashlib
import logging
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime

from transforms.encoding import decode_body
from transforms.extract import Article, NotArticle, Page, extract
from transforms.normalise import content_hash
from transforms.rows import ArticleRow, FetchRow, RejectRow, reject_row
from transforms.sources import Source

logger = logging.getLogger(__name__)

MAX_NOISE_SHARE = 0.05  # real pages measured up to 1.4% (icon fonts), random bytes about 13%
_NOISE = frozenset({"Cc", "Co", "Cn", "Cs"})
_TEXTUAL = ("text/html", "application/xhtml", "text/plain", "application/json", "text/xml", "application/xml")


@dataclass
class Outcome:
    """Rows produced from some fetch records."""

    articles: list[ArticleRow] = field(default_factory=list)
    rejects: list[RejectRow] = field(default_factory=list)


def process_records(records: Iterable[FetchRow], sources: Mapping[str, Source]) -> Outcome:
    """Turn fetch records into article and reject rows (discovery fetches that worked give neither)."""
    outcome = Outcome()
    for record in records:
        row = _article_or_reject(record, sources.get(record["source_id"]))
        if row is None:
            continue
        if isinstance(row, Rejected):
            outcome.rejects.append(row.row)
        else:
            outcome.articles.append(row)
    return outcome


@dataclass(frozen=True)
class Rejected:
    """A fetch record that gives no article, as its reject row."""

    row: RejectRow


def _article_or_reject(record: FetchRow, source: Source | None) -> ArticleRow | Rejected | None:  # noqa: PLR0911 - one exit per outcome reads best
    role = record["role"]
    stage = "discover" if role == "discovery" else "crawl"
    if record["error"] == "seen_before":
        return None  # fetched by an earlier run: its article is already in the lake
    if record["error"]:
        return reject(record, stage, record["error"], record["error_detail"] or record["error"])
    status = record["status"]
    if role == "discovery" and status == 304:
        return None  # a feed or sitemap unchanged since the last run (conditional GET): nothing new
    if status is None or not 200 <= status < 300:
        return reject(record, stage, "http_error", f"HTTP {status}")
    if role == "discovery":
        return None
    content_type = (record["content_type"] or "").split(";")[0].strip().lower()
    if content_type and not content_type.startswith(_TEXTUAL):
        return reject(record, "process", "not_html", f"content type {content_type}")
    if record["body"] is None:  # a response always has a body, if empty: this one's was dropped by retention
        return reject(record, "process", "body_expired", "the stored body was dropped by retention; crawl it again")
    body: bytes = record["body"]
    if not body.strip():
        return reject(record, "process", "empty", "the response body is empty")
    decoded = decode_body(body, record["content_type"])
    if (noise := noise_share(decoded.text)) > MAX_NOISE_SHARE:
        return reject(
            record, "process", "decode_error", f"not text in any charset ({noise:.0%} control or unassigned characters)"
        )
    page = Page(
        url=record["final_url"] or record["url"],
        body=decoded.text,
        fetched_at=record["fetched_at"],
        content_type=record["content_type"],
        source_timezone=source.timezone if source else None,
        source_language=source.language if source else None,
        hints=dict(record["hints"] or {}),
        rules=source.extract if source else None,
    )
    try:
        result = extract(page)
    except Exception as error:  # one broken page must not stop a run; the traceback goes to the log
        logger.exception("extraction failed for %s", page.url)
        return reject(record, "process", "extract_error", f"{type(error).__name__}: {error}"[:500])
    if isinstance(result, NotArticle):
        return reject(record, "process", result.reason, result.detail)
    return article_row(record, page, result)


def noise_share(text: str, sample: int = 20_000) -> float:
    """Share of characters no text contains: controls, private-use, unassigned, U+FFFD.

    Binary served as text/html decodes "successfully" in GB18030 or cp1252, but into a soup of
    these; a real page in any language has almost none.
    """
    head = text[:sample]
    if not head:
        return 0.0
    # Each distinct character is classified once (a page has a few thousand at most), then counted.
    bad = sum(
        head.count(ch)
        for ch in set(head)
        if ch == "\ufffd" or (unicodedata.category(ch) in _NOISE and ch not in "\t\n\r\f")
    )
    return bad / len(head)


def finders(record: FetchRow) -> list[str]:
    """Every source that found the record's URL (fetches written before sites were crawled name one)."""
    return list(record.get("source_ids") or [record["source_id"]])


def reject(record: FetchRow, stage: str, reason: str, detail: str) -> Rejected:
    """A fetch record's reject."""
    row = reject_row(
        record["url"],
        record["source_id"],
        stage,
        reason,
        detail,
        http_status=record["status"],
        fetched_at=record["fetched_at"],
        run_id=record["run_id"],
        source_ids=finders(record),
    )
    return Rejected(row)


def article_row(record: FetchRow, page: Page, article: Article) -> ArticleRow:
    """An extracted-articles row (cluster columns come later, from dedup)."""
    digest = content_hash(article.text)
    url = page.url or record["url"]
    # One id per row copy: the same page fetched again in a later run is a new (duplicate) copy.
    key = f"{record['run_id']}\n{record['source_id']}\n{url}\n{digest}"
    article_id = hashlib.sha256(key.encode()).hexdigest()[:24]
    published = article.published_at
    return {
        "article_id": article_id,
        "url": url,
        "canonical_url": article.canonical_url or url,
        "source_id": record["source_id"],
        "source_ids": finders(record),
        "title": article.title,
        "text": article.text,
        "published_at": published.astimezone(UTC) if published else None,
        "published_offset": _offset(published),
        "date_source": article.date_source,
        "timezone_inferred": article.timezone_inferred if published else None,
        "modified_at": article.modified_at.astimezone(UTC) if article.modified_at else None,
        "authors": list(article.authors),
        "credited_source": article.credited_source,
        "editor": article.editor,
        "language": article.language,
        "site_name": article.site_name,
        "image_url": article.image_url,
        "source_rules": list(article.source_rules) or None,
        "fetched_at": record["fetched_at"],
        "content_hash": digest,
        "run_id": record["run_id"],
    }


def _offset(value: datetime | None) -> str | None:
    if value is None or value.utcoffset() is None:
        return None
    return value.isoformat()[-6:] if value.utcoffset() else "+00:00"
