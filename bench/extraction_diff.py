"""What changed between two runs of the extraction benchmark, page by page.

Run from the repository root, with two files written by ``bench.extraction --json``::

    .venv/bin/python -m bench.extraction_diff /tmp/before.json /tmp/after.json

Lists, for one extractor (newslake unless told), the pages whose body F1 moved by more than
``--min`` or whose rejection or field verdicts changed, worst loss first, so a rule that wins on
one page and loses on another shows both.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

Record = dict[str, Any]


@dataclass(frozen=True)
class Change:
    """One page whose result differs between the two runs."""

    set_name: str
    doc_id: str
    half: str
    before: float | None
    after: float | None
    notes: tuple[str, ...]

    @property
    def delta(self) -> float:
        """Body F1 after minus before (0 when either run did not score the page)."""
        return (self.after or 0.0) - (self.before or 0.0) if self.before is not None or self.after is not None else 0.0


def changes(before: Sequence[Record], after: Sequence[Record], extractor: str, minimum: float) -> list[Change]:
    """Pages of ``extractor`` present in both runs whose body F1, rejection or fields differ."""
    old = {(r["set"], r["id"]): r for r in before if r["extractor"] == extractor}
    found = []
    for r in after:
        if r["extractor"] != extractor or (key := (r["set"], r["id"])) not in old:
            continue
        was = old[key]
        notes = [
            f"{name}: {'right' if right else 'wrong'}"
            for name, right in r["fields"].items()
            if was["fields"].get(name) is not None and was["fields"][name] != right
        ]
        if was["rejected"] != r["rejected"]:
            notes.append(f"rejected: {was['rejected']} -> {r['rejected']}")
        if was.get("authors") is not None and r.get("authors") is not None and was["authors"] != r["authors"]:
            notes.append(f"authors tp/fp/fn: {_counts(was['authors'])} -> {_counts(r['authors'])}")
        delta = (r["body_f1"] or 0.0) - (was["body_f1"] or 0.0)
        if abs(delta) > minimum or notes:
            found.append(Change(r["set"], r["id"], r["half"], was["body_f1"], r["body_f1"], tuple(notes)))
    return sorted(found, key=lambda change: (change.delta, change.set_name, change.doc_id))


def _counts(authors: Sequence[int]) -> str:
    return "/".join(str(count) for count in authors)


def authors_by_quarter(records: Sequence[Record], extractor: str) -> dict[str, tuple[int, int, int]]:
    """Author names found right (tp), wrongly (fp) and missed (fn), summed per half and quarter: the
    body and field sums say nothing of a rule that finds writers."""
    totals: dict[str, tuple[int, int, int]] = {}
    for r in records:
        if r["extractor"] == extractor and r.get("authors") is not None:
            tp, fp, fn = totals.get(r["half"], (0, 0, 0))
            totals[r["half"]] = (tp + r["authors"][0], fp + r["authors"][1], fn + r["authors"][2])
    return dict(sorted(totals.items()))


def by_quarter(found: Sequence[Change]) -> dict[str, tuple[int, int, float]]:
    """Per half (the tuning half split in ``fit`` and ``check``): pages better, worse, and the summed
    F1 move, so a rule that wins on the pages it was written on and loses on the others shows it."""
    totals: dict[str, tuple[int, int, float]] = {}
    for change in found:
        better, worse, moved = totals.get(change.half, (0, 0, 0.0))
        totals[change.half] = (better + (change.delta > 0), worse + (change.delta < 0), moved + change.delta)
    return dict(sorted(totals.items()))


def main(argv: list[str] | None = None) -> int:
    """Print the changed pages and a count of wins and losses."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    parser.add_argument("--extractor", default="newslake")
    parser.add_argument("--min", type=float, default=0.01, help="smallest body F1 move listed")
    args = parser.parse_args(argv)
    before = json.loads(args.before.read_text(encoding="utf-8"))
    after = json.loads(args.after.read_text(encoding="utf-8"))
    found = changes(before, after, args.extractor, args.min)
    for change in found:
        scores = f"{change.before or 0.0:.3f} -> {change.after or 0.0:.3f}"
        print(f"{change.set_name:17} {change.half:9} {change.doc_id:40} {scores}  {'; '.join(change.notes)}")
    better = sum(1 for change in found if change.delta > 0)
    worse = sum(1 for change in found if change.delta < 0)
    print(f"{len(found)} pages changed: body better on {better}, worse on {worse}")
    for half, (up, down, moved) in by_quarter(found).items():
        print(f"  {half:15} better {up:3}  worse {down:3}  summed F1 move {moved:+.3f}")
    both = {(r["set"], r["id"]) for r in before} & {(r["set"], r["id"]) for r in after}
    was_authors = authors_by_quarter([r for r in before if (r["set"], r["id"]) in both], args.extractor)
    for half, now in authors_by_quarter([r for r in after if (r["set"], r["id"]) in both], args.extractor).items():
        if (then := was_authors.get(half)) is not None and then != now:
            print(f"  {half:15} authors tp/fp/fn {_counts(then)} -> {_counts(now)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
