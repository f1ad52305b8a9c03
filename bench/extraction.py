"""Article extraction benchmark: newslake against trafilatura and readability-lxml, same run.

Run from the repository root::

    nice -n 10 .venv/bin/python -m bench.extraction ../shared/benchmarks

One run reads all five sets under ``extraction/`` (``bench.extraction_sets``), decodes every
page once, and has the extractors take turns document by document, so a neighbour loading
this shared machine slows all of them alike and the speed ratios stay comparable. Only the
extractor call is timed, wall clock and CPU (``time.process_time``). Every figure is given per
half of ``bench.split``: rules are tuned on the tuning half, the reporting half says how the
extractor does on pages no rule was fitted to.

For a fast loop while changing the extractor::

    .venv/bin/python -m bench.extraction --half tuning --sets readability --extractors newslake \\
        --no-write --worst 20 --json /tmp/after.json
    .venv/bin/python -m bench.extraction_diff /tmp/before.json /tmp/after.json

The diff sums each change per quarter: the tuning half splits again by the same hash into ``fit``
pages, where a rule is written (``--fold fit``), and ``check`` pages, where it must not lose. A
rule that wins only on the pages it was written on will not win on the reporting half either.

The full run replaces the extraction section of ``docs/benchmarks.md``.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from bench.extraction_sets import SETS, Case, TruthDate, default_root, load
from bench.extractors import EXTRACTORS, LABELS, Extractor, Output
from bench.metrics import (
    AuthorCounts,
    DocumentScore,
    Score,
    Segments,
    aggregate,
    count_authors,
    count_segments,
    normalise_name,
    normalise_space,
    score_document,
)
from bench.split import Half, fold_of

DOCS = Path("docs/benchmarks.md")
START, END = "<!-- extraction:start -->", "<!-- extraction:end -->"
ANCHOR = "trafilatura-metadata"
BETTER_OF = ("trafilatura", "trafilatura-precision")  # "trafilatura's better setting"
REJECTION_BAR = 0.8  # a rejected page is wrongly rejected when trafilatura reaches this body F1 on it
FIELDS = ("title", "published (minute, offset)", "published (day)", "credited source", "editor", "language")
FIELDS_OF = {  # which fields an extractor gives; the others are not compared
    "newslake": frozenset(FIELDS) | {"authors"},
    "trafilatura-metadata": frozenset({"title", "published (day)", "credited source", "authors"}),
}
HALF_CHOICES: dict[str, tuple[Half, ...]] = {
    "tuning": ("tuning",),
    "reporting": ("reporting",),
    "all": ("tuning", "reporting"),
}
IN_SAMPLE = frozenset({"zyte", "zh-cwced"})  # rules were fitted on all their pages before the split


@dataclass
class DocResult:
    """One extractor on one page: its output, its scores and what it cost."""

    case: Case
    extractor: str
    output: Output
    wall: float
    cpu: float
    shingles: DocumentScore | None = None
    segments: Segments | None = None
    fields: dict[str, bool] = field(default_factory=dict)  # only the fields both labelled and produced
    authors: AuthorCounts | None = None

    @property
    def body_f1(self) -> float | None:
        """This page's own body F1 (segment F-score on trafilatura's set); ``None`` when not scored."""
        if self.segments is not None:
            return self.segments.f1
        return self.shingles.f1 if self.shingles is not None else None


def run(cases: Sequence[Case], extractors: dict[str, Extractor]) -> list[DocResult]:
    """Every extractor over every case, taking turns per document, each call timed."""
    if cases:
        for extractor in extractors.values():  # warm-up: imports, caches, lazily built models
            with contextlib.suppress(Exception):
                extractor(cases[0].html, cases[0].url)
    results = []
    for case in cases:
        for name, extractor in extractors.items():
            wall, cpu = time.perf_counter(), time.process_time()
            try:
                output = extractor(case.html, case.url)
            except Exception as error:  # one broken page must not end the run; it scores as no output
                output = Output("", error=f"{type(error).__name__}: {error}"[:300])
            cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
            results.append(score(case, name, output, wall, cpu))
    return results


def score(case: Case, extractor: str, output: Output, wall: float = 0.0, cpu: float = 0.0) -> DocResult:
    """Body and field scores of one output against the page's truth."""
    result = DocResult(case, extractor, output, wall, cpu)
    truth = case.truth
    if not truth.is_article:
        return result
    if case.segmented:
        result.segments = count_segments(truth.with_segments, truth.without_segments, output.text)
    elif truth.body is not None:
        result.shingles = score_document(truth.body, output.text, case.tokenize)
    given = FIELDS_OF.get(extractor, frozenset())
    checks: dict[str, bool | None] = {
        "title": _same_text(truth.title, output.title),
        "published (minute, offset)": _same_minute(truth.published, output.published_at),
        "published (day)": _same_day(truth.published, output),
        "credited source": _same_name(truth.credited_source, output.credited_source),
        "editor": _same_name(truth.editor, output.editor),
        "language": _same_language(truth.language, output.language),
    }
    result.fields = {name: right for name, right in checks.items() if right is not None and name in given}
    if truth.authors is not None and "authors" in given:
        result.authors = count_authors(truth.authors, output.authors or ())
    return result


def _same_text(truth: str | None, got: str | None) -> bool | None:
    return None if truth is None else normalise_space(truth) == normalise_space(got or "")


def _same_name(truth: str | None, got: str | None) -> bool | None:
    return None if truth is None else normalise_name(truth) == normalise_name(got or "")


def _same_language(truth: str | None, got: str | None) -> bool | None:
    if truth is None:
        return None
    return truth.split("-")[0].split("_")[0].lower() == (got or "").split("-")[0].split("_")[0].lower()


def _same_minute(truth: TruthDate | None, got: datetime | None) -> bool | None:
    """The same instant to the minute; against a label without offset, the same local wall clock."""
    if truth is None or truth.minute is None:
        return None
    if got is None:
        return False
    if truth.minute.tzinfo is None:
        return got.replace(tzinfo=None, second=0, microsecond=0) == truth.minute
    return got.tzinfo is not None and got.replace(second=0, microsecond=0) == truth.minute


def _same_day(truth: TruthDate | None, output: Output) -> bool | None:
    """The same calendar day, read in the label's offset when both times carry one."""
    if truth is None:
        return None
    got = output.published_at
    if got is not None and got.tzinfo is not None and truth.minute is not None and truth.minute.tzinfo is not None:
        return got.astimezone(truth.minute.tzinfo).date() == truth.day
    return output.published_day == truth.day


@dataclass(frozen=True)
class Summary:
    """One extractor over one set's pages of one half (or both)."""

    pages: int
    articles: int
    unlabelled_rejected: tuple[int, int]  # (rejected, of) on pages the set does not label
    body: Score | None
    segments: Segments | None
    rejected: int  # article pages given NotArticle
    errors: int  # pages on which the extractor raised
    non_articles_rejected: tuple[int, int]  # (rejected, of) on pages the set marks as not articles
    fields: dict[str, tuple[int, int]]  # field: (right, labelled)
    authors: AuthorCounts | None
    wall: float
    cpu: float

    @property
    def f1(self) -> float | None:
        """Body F1 (shingles) or F-score (segments), whichever the set is scored with."""
        if self.segments is not None:
            return self.segments.f1
        return self.body.f1 if self.body is not None else None


def summarise(results: Iterable[DocResult]) -> Summary:
    """Aggregate per-document results (one extractor, any subset of pages)."""
    listed = list(results)
    articles = [r for r in listed if r.case.truth.is_article and r.case.labelled]
    shingled = [r.shingles for r in articles if r.shingles is not None]
    segmented = [r.segments for r in articles if r.segments is not None]
    fields: dict[str, tuple[int, int]] = {}
    for r in articles:
        for name, right in r.fields.items():
            done, total = fields.get(name, (0, 0))
            fields[name] = (done + int(right), total + 1)
    counted = [r.authors for r in articles if r.authors is not None]
    others = [r for r in listed if not r.case.truth.is_article]
    unlabelled = [r for r in listed if not r.case.labelled]
    return Summary(
        pages=len(listed),
        articles=len(articles),
        unlabelled_rejected=(sum(1 for r in unlabelled if r.output.rejected), len(unlabelled)),
        body=aggregate(shingled) if shingled else None,
        segments=sum(segmented, Segments()) if segmented else None,
        rejected=sum(1 for r in articles if r.output.rejected),
        errors=sum(1 for r in listed if r.output.error),
        non_articles_rejected=(sum(1 for r in others if r.output.rejected), len(others)),
        fields={name: fields[name] for name in FIELDS if name in fields},
        authors=sum(counted, AuthorCounts()) if counted else None,
        wall=sum(r.wall for r in listed),
        cpu=sum(r.cpu for r in listed),
    )


def wrongly_rejected(results: Sequence[DocResult]) -> list[str] | None:
    """Ids of article pages newslake rejects while trafilatura's better setting reaches F1 ≥ 0.8.

    ``None`` when trafilatura was not in the run (nothing to measure against).
    """
    best: dict[tuple[str, str], float] = {}
    for r in results:
        if r.extractor in BETTER_OF and (f1 := r.body_f1) is not None:
            key = (r.case.set_name, r.case.doc_id)
            best[key] = max(best.get(key, 0.0), f1)
    if not best:
        return None
    return [
        r.case.doc_id
        for r in results
        if r.extractor == "newslake"
        and r.case.truth.is_article
        and r.case.labelled
        and r.output.rejected
        and best.get((r.case.set_name, r.case.doc_id), 0.0) >= REJECTION_BAR
    ]


def select(results: Iterable[DocResult], set_name: str, half: str, extractor: str) -> list[DocResult]:
    """The results of one extractor on one set, for a half or ``all``."""
    return [
        r for r in results if r.case.set_name == set_name and r.extractor == extractor and half in ("all", r.case.half)
    ]


def render(results: list[DocResult], sets: Sequence[str], extractors: Sequence[str], halves: str, command: str) -> str:
    """The markdown section: speed, then per set body and fields per half, wrongly rejected ids."""
    columns = [*HALF_CHOICES[halves], "all"] if halves == "all" else [halves]
    lines = [
        START,
        "## Article extraction",
        "",
        f"Command: `{command}`",
        "",
        "Split: `bench/split.py` puts every page of every set in a tuning or a reporting half by a fixed "
        "hash of set name and page id. Rules are tuned on the tuning half; the quality gate "
        "(`tests/transforms/extract/test_quality_gate.py`) pins the reporting half. **In-sample:** every "
        "tuning column, and both halves of Zyte and zh-cwced (the extractor's rules were fitted on all "
        "their pages before the split existed). The reporting halves of readability, trafilatura-eval and "
        "gne-zh are held out.",
        "",
        "Metrics: body P/R/F1 is the Zyte benchmark's 4-shingle metric (precision and recall averaged over "
        "documents, F1 of the means; `\\w+` tokens, one character per token for Chinese and Japanese); "
        "trafilatura-eval uses trafilatura's own with/without segment counts summed over the set (P, R, "
        "accuracy, F). Both metrics compare label and output as a reader sees them: soft hyphens, zero-width "
        "characters and byte-order marks removed on both sides, for every extractor alike (the labels keep "
        "their pages' soft hyphens). Readability pages marked `readerable: false` are not articles and are "
        "left out of body and field figures. Fields count pages right / pages labelled: title exact after "
        "whitespace normalisation; publish time the same instant to the minute (against a label without "
        "offset, the same local time), and the same day; authors micro P/R over normalised names; credited "
        "source, editor and language (primary subtag) as labelled. trafilatura's fields come from "
        "`bare_extraction(with_metadata=True)`; its date is a day, its credited source is its `sitename`. "
        "Wrongly rejected: an article page newslake returns as not an article while trafilatura's better "
        "setting reaches body F1 ≥ 0.8 on it.",
        "",
    ]
    lines += _speed_table(results, extractors)
    for set_name in sets:
        if not any(r.case.set_name == set_name for r in results):
            continue
        lines += _set_tables(results, set_name, extractors, columns)
    lines.append(END)
    return "\n".join(lines)


def _speed_table(results: list[DocResult], extractors: Sequence[str]) -> list[str]:
    anchor = [r for r in results if r.extractor == ANCHOR]
    anchor_wall, anchor_cpu = sum(r.wall for r in anchor), sum(r.cpu for r in anchor)
    lines = [
        "### Speed, all pages of the run",
        "",
        "The extractor call only, all extractors taking turns per document in one process "
        "(2 shared vCPUs: absolute figures move with the neighbours' load, same-run ratios much less).",
        "",
        "| extractor | pages | docs/s (wall) | CPU ms per doc | median ms per doc "
        "| × trafilatura with metadata (wall / CPU) |",
        "|---|---|---|---|---|---|",
    ]
    for name in extractors:
        mine = [r for r in results if r.extractor == name]
        if not mine:
            continue
        wall, cpu = sum(r.wall for r in mine), sum(r.cpu for r in mine)
        median = sorted(r.wall for r in mine)[len(mine) // 2] * 1000
        ratio = f"{anchor_wall / wall:.2f}× / {anchor_cpu / cpu:.2f}×" if anchor and wall and cpu else "–"
        lines.append(
            f"| {LABELS[name]} | {len(mine)} | {len(mine) / wall:.1f} | {cpu / len(mine) * 1000:.1f} | "
            f"{median:.1f} | {ratio} |"
        )
    return [*lines, ""]


def _set_tables(results: list[DocResult], set_name: str, extractors: Sequence[str], columns: list[str]) -> list[str]:
    per_half = {
        (name, half): summarise(select(results, set_name, half, name)) for name in extractors for half in columns
    }
    sizes = ", ".join(f"{half} {per_half[(extractors[0], half)].pages}" for half in columns)
    lines = [f"### {set_name} ({sizes} pages)", ""]
    segmented = any(s.segments is not None for s in per_half.values())
    heading = "P / R / acc / **F**" if segmented else "P / R / **F1**"
    lines += [
        f"| extractor | {' | '.join(f'{heading} ({half})' for half in columns)} | rejected ({columns[-1]}) |",
        "|---|" + "---|" * (len(columns) + 1),
    ]
    for name in extractors:
        cells = [_body_cell(per_half[(name, half)]) for half in columns]
        last = per_half[(name, columns[-1])]
        rejected = f"{last.rejected}" if name == "newslake" else ""
        if last.errors:
            rejected += f" (raised on {last.errors} pages)"
        if name == "newslake" and last.non_articles_rejected[1]:
            done, total = last.non_articles_rejected
            rejected += f" (+ {done} of {total} non-article pages)"
        if name == "newslake" and last.unlabelled_rejected[1]:
            done, total = last.unlabelled_rejected
            rejected += f" (+ {done} of {total} unlabelled pages)"
        lines.append(f"| {LABELS[name]} | {' | '.join(cells)} | {rejected} |")
    lines.append("")
    lines += _field_table(per_half, extractors, columns)
    lines += _authors_coverage(results, set_name, extractors[0], columns)
    if any(r.extractor in BETTER_OF for r in results):
        for half in columns:
            ids = wrongly_rejected(select(results, set_name, half, "newslake") + _better(results, set_name, half))
            if half == columns[-1] or ids:
                lines.append(f"Wrongly rejected ({half}): {len(ids or [])}" + (f": {', '.join(ids)}" if ids else ""))
        lines.append("")
    return lines


def _authors_coverage(results: list[DocResult], set_name: str, extractor: str, columns: list[str]) -> list[str]:
    """A line saying on how many pages of each half authors are labelled, when not on all of them.

    A set whose authors we labelled on part of one half only (trafilatura-eval: tuning pages) must
    not read as if its other half scored nothing; the line says that half has no labels.
    """
    counts = []
    for half in columns:
        articles = [r for r in select(results, set_name, half, extractor) if r.case.truth.is_article]
        labelled = sum(1 for r in articles if r.case.truth.authors is not None)
        counts.append((half, labelled, len(articles)))
    if all(labelled == total for _, labelled, total in counts) or all(labelled == 0 for _, labelled, _ in counts):
        return []
    parts = ", ".join(f"{labelled} of {total} pages ({half})" for half, labelled, total in counts)
    unlabelled = [half for half, labelled, _ in counts if labelled == 0]
    note = f"; the {' and '.join(unlabelled)} half has no author labels, so no authors figure" if unlabelled else ""
    return [f"Authors labelled on {parts}{note}.", ""]


def _better(results: list[DocResult], set_name: str, half: str) -> list[DocResult]:
    return [r for name in BETTER_OF for r in select(results, set_name, half, name)]


def _body_cell(summary: Summary) -> str:
    if summary.segments is not None:
        s = summary.segments
        return f"{s.precision:.3f} / {s.recall:.3f} / {s.accuracy:.3f} / **{s.f1:.3f}**"
    if summary.body is not None:
        b = summary.body
        return f"{b.precision:.3f} / {b.recall:.3f} / **{b.f1:.3f}**"
    return "–"


def _field_table(per_half: dict[tuple[str, str], Summary], extractors: Sequence[str], columns: list[str]) -> list[str]:
    compared = [name for name in extractors if name in FIELDS_OF]
    rows: list[str] = []
    for field_name in (*FIELDS, "authors P / R"):
        cells = []
        for half in columns:
            parts = [_field_cell(per_half[(name, half)], field_name) for name in compared]
            cells.append(" vs ".join(parts))
        if any(part != "–" for cell in cells for part in cell.split(" vs ")):
            rows.append(f"| {field_name} | {' | '.join(cells)} |")
    if not rows:
        return []
    who = " vs ".join(LABELS[name] for name in compared)
    return [
        f"| field ({who}) | {' | '.join(columns)} |",
        "|---|" + "---|" * len(columns),
        *rows,
        "",
    ]


def _field_cell(summary: Summary, field_name: str) -> str:
    if field_name == "authors P / R":
        a = summary.authors
        return f"{a.precision:.2f} / {a.recall:.2f}" if a is not None else "–"
    if field_name not in summary.fields:
        return "–"
    right, total = summary.fields[field_name]
    return f"{right}/{total}"


def worst(results: list[DocResult], set_name: str, half: str, count: int) -> list[str]:
    """newslake's ``count`` lowest-scoring pages of a set, with trafilatura's better F1 beside them."""
    best: dict[str, float] = {}
    for r in _better(results, set_name, half):
        if (f1 := r.body_f1) is not None:
            best[r.case.doc_id] = max(best.get(r.case.doc_id, 0.0), f1)
    scored = [r for r in select(results, set_name, half, "newslake") if r.body_f1 is not None]
    scored.sort(key=lambda r: (r.body_f1 or 0.0, r.case.doc_id))
    lines = [f"worst newslake pages, {set_name} ({half}): id, half, F1, P, R, trafilatura best F1, rejected"]
    for r in scored[:count]:
        if r.segments is not None:
            p, rec = r.segments.precision, r.segments.recall
        else:
            p, rec = (r.shingles.precision or 0.0, r.shingles.recall or 0.0) if r.shingles else (0.0, 0.0)
        other = f"{best[r.case.doc_id]:.3f}" if r.case.doc_id in best else "–"
        lines.append(
            f"  {r.case.doc_id}  {_quarter(r.case.set_name, r.case.doc_id, r.case.half)}  "
            f"F1 {r.body_f1:.3f}  P {p:.3f}  R {rec:.3f}  "
            f"trafilatura {other}  {r.output.rejected or ''}"
        )
    return lines


def _quarter(set_name: str, doc_id: str, half: str) -> str:
    return f"{half}/{fold_of(set_name, doc_id)}" if half == "tuning" else half


def to_json(results: list[DocResult]) -> list[dict[str, Any]]:
    """One record per page and extractor, stable keys, to diff two runs."""
    records = []
    for r in results:
        out = r.output
        records.append(
            {
                "set": r.case.set_name,
                "id": r.case.doc_id,
                "half": _quarter(r.case.set_name, r.case.doc_id, r.case.half),
                "extractor": r.extractor,
                "body_f1": r.body_f1,
                "precision": r.segments.precision if r.segments else (r.shingles.precision if r.shingles else None),
                "recall": r.segments.recall if r.segments else (r.shingles.recall if r.shingles else None),
                "segments": [r.segments.tp, r.segments.fp, r.segments.fn, r.segments.tn] if r.segments else None,
                "rejected": out.rejected,
                "error": out.error,
                "fields": r.fields,
                "authors": [r.authors.tp, r.authors.fp, r.authors.fn] if r.authors else None,
                "title": out.title,
                "published_at": out.published_at.isoformat() if out.published_at else None,
                "published_day": out.published_day.isoformat() if out.published_day else None,
                "author_names": list(out.authors) if out.authors is not None else None,
                "credited_source": out.credited_source,
                "editor": out.editor,
                "language": out.language,
                "chars": len(out.text),
                "wall_ms": round(r.wall * 1000, 3),
                "cpu_ms": round(r.cpu * 1000, 3),
            }
        )
    return records


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


def _figure_args(argv: Sequence[str]) -> list[str]:
    """The arguments that change the figures: ``--json``, ``--worst`` and ``--no-write`` only add output."""
    kept: list[str] = []
    skip = False
    for arg in argv:
        if skip:
            skip = False
        elif arg in ("--json", "--worst"):
            skip = True
        elif not (arg == "--no-write" or arg.startswith(("--json=", "--worst="))):
            kept.append(arg)
    return kept


def _names(raw: str, known: Sequence[str], what: str) -> list[str]:
    names = [name.strip() for name in raw.split(",") if name.strip()]
    unknown = [name for name in names if name not in known]
    if unknown:
        raise SystemExit(f"Unknown {what} {', '.join(unknown)}; choose from {', '.join(known)}.")
    return names


def main(argv: list[str] | None = None) -> int:
    """Run the chosen sets and extractors, print the tables, update docs/benchmarks.md unless told not to."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("root", nargs="?", type=Path, default=None, help="shared benchmarks folder")
    parser.add_argument("--half", choices=list(HALF_CHOICES), default="all", help="pages of which half to run")
    parser.add_argument("--sets", default=",".join(SETS), help=f"comma-separated, of {', '.join(SETS)}")
    parser.add_argument("--extractors", default=",".join(EXTRACTORS), help=f"of {', '.join(EXTRACTORS)}")
    parser.add_argument(
        "--fold", choices=["fit", "check"], help="one quarter of the tuning half: write rules on fit, confirm on check"
    )
    parser.add_argument("--json", type=Path, help="write per-document results here (to diff two runs)")
    parser.add_argument("--worst", type=int, default=0, help="list newslake's N worst pages per set")
    parser.add_argument("--no-write", action="store_true", help="print only; leave docs/benchmarks.md alone")
    args = parser.parse_args(argv)
    root: Path = args.root or default_root()
    if not (root / "extraction").is_dir():
        print(f"No extraction benchmarks under {root}; pass the shared benchmarks folder.", file=sys.stderr)
        return 2
    sets = _names(args.sets, SETS, "set")
    names = _names(args.extractors, list(EXTRACTORS), "extractor")
    if args.fold and args.half != "tuning":
        raise SystemExit("--fold splits the tuning half: pass --half tuning with it.")
    full = args.half == "all" and sets == list(SETS) and names == list(EXTRACTORS) and not args.fold
    halves = frozenset(HALF_CHOICES[args.half])
    cases = [case for set_name in sets for case in load(set_name, root, halves)]
    cases = [case for case in cases if args.fold in (None, fold_of(case.set_name, case.doc_id))]
    results = run(cases, {name: EXTRACTORS[name] for name in names})
    command = " ".join(["nice -n 10 .venv/bin/python -m bench.extraction", *_figure_args(argv or sys.argv[1:])])
    section = render(results, sets, names, args.half, command)
    print(section)
    for set_name in sets if args.worst else ():
        print("\n".join(worst(results, set_name, args.half, args.worst)))
    if args.json:
        args.json.write_text(json.dumps(to_json(results), ensure_ascii=False, indent=1), encoding="utf-8")
        print(f"wrote {args.json}")
    if not args.no_write:
        if not full:
            print("Not all sets, halves and extractors ran: docs/benchmarks.md left alone.", file=sys.stderr)
        else:
            write_section(section)
            print(f"\nwrote {DOCS}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
