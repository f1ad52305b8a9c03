"""Article extraction benchmark: newslake against trafilatura and readability-lxml, same run.

Run from the repository root::

    .venv/bin/python -m bench.extraction ../shared/benchmarks

Every extractor sees the same decoded page, and the extractors take turns document by
document, so a neighbour loading this shared machine slows all of them alike and the docs/s
ratios stay comparable. Only the extractor call is timed (no reading, gunzip or decoding).
The results replace the extraction section of ``docs/benchmarks.md``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

import htmldate
import trafilatura
from lxml import html as lxml_html
from readability import Document

from bench.metrics import DocumentScore, Score, Tokenizer, aggregate, character_tokens, score_document, word_tokens
from transforms.encoding import decode_body
from transforms.extract import core
from transforms.extract.model import Article, Page

DEFAULT_ROOT = Path("../shared/benchmarks")
DOCS = Path("docs/benchmarks.md")
START, END = "<!-- extraction:start -->", "<!-- extraction:end -->"
# The benchmark pages carry no fetch time; relative dates ("3小时前") are read against this.
FETCHED_AT = datetime(2026, 1, 1, tzinfo=UTC)
_WRAPPER_ENCODING = re.compile(rb'^\s*<text[^>]*\bencoding="([A-Za-z0-9_.:-]+)"')
_FULL_DAY = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})")
_BLOCKS = ("p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "pre", "blockquote", "section")


@dataclass(frozen=True)
class Case:
    """One benchmark page with its truth."""

    doc_id: str
    html: str
    url: str
    truth: str
    day: date | None = None


@dataclass
class Run:
    """One extractor's outputs and time over a set."""

    name: str
    scores: list[DocumentScore] = field(default_factory=list)
    seconds: float = 0.0
    days_right: int = 0


Extractor = Callable[[str, str], tuple[str, date | None]]


def decode_html(raw: bytes) -> str:
    """Decode like a browser, with the project's ``decode_body``.

    The cwced pages are wrapped in ``<text encoding="…">``, the dataset's record of the
    charset, which stands in for the HTTP header.
    """
    wrapper = _WRAPPER_ENCODING.match(raw)
    content_type = f"text/html; charset={wrapper.group(1).decode('ascii')}" if wrapper else None
    return decode_body(raw, content_type).text


def load_zyte(root: Path) -> list[Case]:
    """The 181 Zyte pages (gzip, UTF-8) and their article bodies."""
    folder = root / "extraction" / "zyte"
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    cases = []
    for doc_id, item in sorted(truth.items()):
        markup = gzip.decompress((folder / "html" / f"{doc_id}.html.gz").read_bytes()).decode("utf-8", "replace")
        cases.append(Case(doc_id, markup, item.get("url") or "", item["articleBody"]))
    return cases


def load_cwced(root: Path) -> list[Case]:
    """The 69 hand-labelled Chinese pages, decoded as a browser would, with their dates."""
    folder = root / "extraction" / "zh-cwced"
    cases = []
    for path in sorted((folder / "original").glob("*.html")):
        doc_id = path.stem
        truth = (folder / "cleaned" / f"{doc_id}.txt").read_text(encoding="utf-8", errors="replace")
        day_file = folder / "date" / f"{doc_id}.txt"
        day = _full_day(day_file.read_text(encoding="utf-8", errors="replace")) if day_file.exists() else None
        url = f"https://cwced.invalid/{doc_id}.html"
        cases.append(Case(doc_id, decode_html(path.read_bytes()), url, truth, day))
    return cases


def _full_day(raw: str) -> date | None:
    match = _FULL_DAY.match(raw)
    if not match:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def newslake(markup: str, url: str) -> tuple[str, date | None]:
    """Our extractor, as the pipeline calls it."""
    result = core.extract(Page(url=url, body=markup, fetched_at=FETCHED_AT))
    if not isinstance(result, Article):
        return "", None
    return result.text, result.published_at.date() if result.published_at else None


def trafilatura_default(markup: str, url: str) -> tuple[str, date | None]:
    """trafilatura as most people call it."""
    return trafilatura.extract(markup, url=url, include_comments=False) or "", None


def trafilatura_precision(markup: str, url: str) -> tuple[str, date | None]:
    """trafilatura's best setting on the Zyte set."""
    return trafilatura.extract(markup, url=url, include_comments=False, favor_precision=True) or "", None


def readability_lxml(markup: str, url: str) -> tuple[str, date | None]:
    """readability-lxml's summary, rendered to text with a line break per block."""
    summary = Document(markup, url=url).summary(html_partial=True)
    return _block_text(summary), None


def htmldate_fast(markup: str, url: str) -> tuple[str, date | None]:
    """The date anchor only: htmldate's fast mode, the most precise on Chinese pages."""
    found = htmldate.find_date(markup, url=url, extensive_search=False, original_date=True)
    return "", date.fromisoformat(found) if found else None


def _block_text(markup: str) -> str:
    if not markup.strip():
        return ""
    root: lxml_html.HtmlElement = lxml_html.fromstring(markup)
    for element in root.iter(*_BLOCKS):
        element.tail = "\n" + (element.tail or "")
    return str(root.text_content()).strip()


EXTRACTORS: dict[str, Extractor] = {
    "newslake": newslake,
    "trafilatura (default)": trafilatura_default,
    "trafilatura (favor_precision)": trafilatura_precision,
    "readability-lxml": readability_lxml,
}


def run_set(cases: list[Case], tokenize: Tokenizer, *, with_dates: bool) -> dict[str, Run]:
    """Every extractor over every case, taking turns per document."""
    extractors = dict(EXTRACTORS)
    if with_dates:
        extractors["htmldate (fast), dates only"] = htmldate_fast
    runs = {name: Run(name) for name in extractors}
    for extractor in extractors.values():  # warm-up: imports, caches, lazily built models
        extractor(cases[0].html, cases[0].url)
    for case in cases:
        for name, extractor in extractors.items():
            started = time.perf_counter()
            text, day = extractor(case.html, case.url)
            runs[name].seconds += time.perf_counter() - started
            if name.endswith("dates only"):
                runs[name].days_right += int(case.day is not None and day == case.day)
                continue
            runs[name].scores.append(score_document(case.truth, text, tokenize))
            runs[name].days_right += int(case.day is not None and day == case.day)
    return runs


def render(results: dict[str, tuple[list[Case], dict[str, Run]]], command: str) -> str:
    """The markdown section: one table per set with speed as a ratio to trafilatura, and dates."""
    lines = [
        START,
        "## Article extraction",
        "",
        f"Command: `{command}`",
        "",
        "Metric: 4-shingle multiset precision/recall per document, averaged, F1 of the means "
        "(`\\w+` tokens for Zyte, one character per token for Chinese). docs/s counts the extractor "
        "call only, all extractors taking turns per document in one process on the same machine "
        "(2 shared vCPUs: absolute docs/s move with the neighbours' load, the ratios much less). "
        "cwced pages are decoded like a browser (declared charset, GBK read as GB18030, else detection).",
        "",
    ]
    for set_name, (cases, runs) in results.items():
        anchor = runs["trafilatura (default)"].seconds
        lines += [
            f"### {set_name} ({len(cases)} pages)",
            "",
            "| extractor | P | R | F1 | empty | docs/s | speed vs trafilatura default |",
            "|---|---|---|---|---|---|---|",
        ]
        for run in runs.values():
            if not run.scores:
                continue
            score: Score = aggregate(run.scores)
            lines.append(
                f"| {run.name} | {score.precision:.3f} | {score.recall:.3f} | **{score.f1:.3f}** | "
                f"{score.empty} | {len(cases) / run.seconds:.1f} | {anchor / run.seconds:.2f}× |"
            )
        dated = sum(1 for case in cases if case.day is not None)
        if dated:
            lines += [
                "",
                f"Publish date, same day as the truth, on the {dated} pages with a full date "
                "(2 of them carry no date anywhere in their HTML):",
                "",
                "| extractor | right | docs/s |",
                "|---|---|---|",
            ]
            for run in runs.values():
                if run.name == "newslake" or run.name.endswith("dates only"):
                    lines.append(f"| {run.name} | {run.days_right}/{dated} | {len(cases) / run.seconds:.1f} |")
        lines.append("")
    lines.append(END)
    return "\n".join(lines)


def write_section(section: str, path: Path = DOCS) -> None:
    """Replace our section of the shared benchmarks page, leaving the others alone."""
    current = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    if START in current and END in current:
        before, rest = current.split(START, 1)
        after = rest.split(END, 1)[1]
        updated = before + section + after
    else:
        updated = current.rstrip("\n") + "\n\n" + section + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(updated, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    """Run both sets, print the tables, update docs/benchmarks.md unless told not to."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("root", nargs="?", type=Path, default=DEFAULT_ROOT, help="shared benchmarks folder")
    parser.add_argument("--no-write", action="store_true", help="print only; leave docs/benchmarks.md alone")
    args = parser.parse_args(argv)
    if not (args.root / "extraction").is_dir():
        print(f"No extraction benchmarks under {args.root}; pass the shared benchmarks folder.", file=sys.stderr)
        return 2
    results = {
        "Zyte article-extraction-benchmark": (
            zyte := load_zyte(args.root),
            run_set(zyte, word_tokens, with_dates=False),
        ),
        "Chinese (zh-cwced)": (cwced := load_cwced(args.root), run_set(cwced, character_tokens, with_dates=True)),
    }
    section = render(results, ".venv/bin/python -m bench.extraction " + str(args.root))
    print(section)
    if not args.no_write:
        write_section(section)
        print(f"\nwrote {DOCS}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
