"""Source health: did a source's article yield collapse in this run, and why, probably?

A source fails its check when its run yielded no article (unless every page it listed had
already been fetched by an earlier run: nothing new is not a failure), or when its yield fell
by more than ``max_drop`` against the median of its earlier runs. Each verdict is one line
naming the source and the likely cause, read from the run's counts and rejects: an empty
feed, pages all rejected as ``not_article`` (a template change?), HTTP 403/429 (blocked?).

Pure functions over rows of the ``runs`` and ``rejects`` tables; no I/O, no clock.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from statistics import median
from typing import Any

TRAILING_RUNS = 7
MAX_DROP = 0.8
BLOCKED_STATUSES = (401, 403, 429)
FETCH_FAILURES = ("timeout", "connection_error", "fetch_error", "truncated", "too_large")


@dataclass(frozen=True)
class SourceHealth:
    """One source's verdict for one run."""

    source_id: str
    ok: bool
    articles: int
    baseline: float | None
    line: str


def check_sources(
    current: Iterable[Mapping[str, Any]],
    history: Iterable[Mapping[str, Any]],
    rejects: Iterable[Mapping[str, Any]] = (),
    known_rejects: Collection[tuple[str, str]] = frozenset(),
    *,
    trailing_runs: int = TRAILING_RUNS,
    max_drop: float = MAX_DROP,
) -> list[SourceHealth]:
    """Verdicts for each source of the run's ``runs`` rows, sorted by source id.

    ``history`` holds earlier ``runs`` rows (``source_id``, ``run_id``, ``articles``,
    ``started_at``); rows of the current run are ignored. ``rejects`` are the run's reject rows
    (``source_id``, ``source_ids``, ``url``, ``reason``, ``http_status``), used to name the cause.
    ``known_rejects`` holds the (source_id, url) pairs that earlier runs rejected: a dead link
    that fails every run is no new page, so a run whose only new pages are those is not
    a failure.
    """
    rows = sorted(current, key=lambda row: row["source_id"])
    run_ids = {row["run_id"] for row in rows}
    earlier: dict[str, list[Mapping[str, Any]]] = {}
    for row in history:
        if row["run_id"] not in run_ids:
            earlier.setdefault(row["source_id"], []).append(row)
    by_source: dict[str, list[Mapping[str, Any]]] = {}
    for reject in rejects:
        for source_id in reject.get("source_ids") or [reject["source_id"]]:  # every source that found the URL
            by_source.setdefault(source_id, []).append(reject)
    verdicts = []
    for row in rows:
        past = sorted(earlier.get(row["source_id"], []), key=lambda r: (r["started_at"], r["run_id"]))
        yields = [int(r["articles"]) for r in past[-trailing_runs:]]
        own = by_source.get(row["source_id"], [])
        recurring = sum(
            1 for r in own if r.get("stage") != "discover" and (row["source_id"], r.get("url")) in known_rejects
        )
        verdicts.append(_verdict(row, yields, own, recurring, max_drop))
    return verdicts


def _verdict(
    row: Mapping[str, Any], yields: Sequence[int], rejects: Sequence[Mapping[str, Any]], recurring: int, max_drop: float
) -> SourceHealth:
    source_id = row["source_id"]
    articles = int(row["articles"])
    baseline = float(median(yields)) if yields else None
    compared = f"(trailing median {baseline:g})" if baseline is not None else "(no earlier runs)"
    if articles == 0:
        if row.get("discovered") and _new_pages(row) <= recurring:
            line = f"{source_id}: ok, no new articles ({row['discovered']} listed pages: fetched before"
            line += f", or failing as in earlier runs: {recurring})" if recurring else ")"
            return SourceHealth(source_id, True, articles, baseline, line)
        cause = likely_cause(row, rejects)
        return SourceHealth(
            source_id, False, articles, baseline, f"{source_id}: FAILED, 0 articles {compared}: {cause}"
        )
    if baseline is not None and articles < (1 - max_drop) * baseline:
        cause = likely_cause(row, rejects)
        drop = 1 - articles / baseline
        line = f"{source_id}: FAILED, {articles} articles, {drop:.0%} below the trailing median {baseline:g}: {cause}"
        return SourceHealth(source_id, False, articles, baseline, line)
    return SourceHealth(source_id, True, articles, baseline, f"{source_id}: ok, {articles} articles {compared}")


def likely_cause(row: Mapping[str, Any], rejects: Sequence[Mapping[str, Any]]) -> str:  # noqa: PLR0911 - one exit per cause reads best
    """The most probable reason a source yielded little, in a few words an operator can act on."""
    statuses = Counter(r["http_status"] for r in rejects if r["http_status"] in BLOCKED_STATUSES)
    if statuses:
        codes = "/".join(str(code) for code, _ in statuses.most_common())
        return f"HTTP {codes} on {sum(statuses.values())} requests — blocked?"
    reasons = reasons_of(row)
    fetched = int(row.get("fetched") or 0)
    if not row.get("discovered"):
        failed = [r for r in rejects if r.get("stage") == "discover"]
        if failed:
            return f"feed could not be read ({failed[0]['reason']}: {failed[0].get('detail') or 'no detail'})"
        return "feed empty: no article links discovered"
    if reasons.get("not_article", 0) and reasons["not_article"] >= max(fetched, 1) * 0.5:
        share = "all" if reasons["not_article"] >= fetched else f"{reasons['not_article']} of"
        return f"{share} {fetched} fetched pages rejected as not_article — template change?"
    failures = sum(reasons.get(reason, 0) for reason in FETCH_FAILURES)
    if failures:
        return f"{failures} pages could not be fetched (timeouts or connection errors) — site down?"
    if reasons:
        reason, count = max(reasons.items(), key=lambda item: (item[1], item[0]))
        return f"{count} pages rejected as {reason}"
    return f"feed listed only {_new_pages(row)} new pages"


def reasons_of(row: Mapping[str, Any]) -> dict[str, int]:
    """``rejects_by_reason`` as a dict (Arrow maps arrive as lists of pairs)."""
    value = row.get("rejects_by_reason") or {}
    pairs = value.items() if isinstance(value, Mapping) else value
    return {str(reason): int(count) for reason, count in pairs}


def _new_pages(row: Mapping[str, Any]) -> int:
    seen = row.get("seen_before")
    if seen is None:  # rows written before the column existed
        return int(row.get("discovered") or 0)
    return int(row.get("discovered") or 0) - int(seen)


def summary(verdicts: Sequence[SourceHealth]) -> str:
    """A short note for the DAG run: failures first, then how many sources were fine."""
    failed = [v.line for v in verdicts if not v.ok]
    healthy = len(verdicts) - len(failed)
    return "\n".join([*failed, f"{healthy} of {len(verdicts)} sources healthy"])
