"""The DAG run's note: Markdown that says the outcome first, then one line per source.

Airflow shows a run's note in the grid; its first line is the header the UI shows folded, so
it names the outcome. The lines are Markdown list items (the UI renders notes as Markdown, so
plain lines would run together into one paragraph).
"""

from __future__ import annotations

from collections.abc import Sequence

from transforms.health import SourceHealth

NOTE_LIMIT = 1000  # characters Airflow keeps of a note


def health_note(verdicts: Sequence[SourceHealth], report: str | None = None) -> str:
    """The note of a run that crawled: failures first, each source on its own line, the report's path."""
    failed = [verdict for verdict in verdicts if not verdict.ok]
    if failed:
        header = f"### Source health: {len(failed)} of {len(verdicts)} sources FAILED"
    else:
        header = f"### Source health: all {len(verdicts)} sources healthy"
    lines = [f"- **{v.line}**" for v in failed] + [f"- {v.line}" for v in verdicts if v.ok]
    tail = f"\n\nReport: `{report}`" if report else ""
    return _fit(header, lines, tail)


def plan_failed_note(error: str, sources_path: str) -> str:
    """The note of a run that stopped at its plan: what failed and what to fix."""
    return (
        "### Plan failed: nothing was crawled\n\n"
        f"- {error}\n\n"
        f"Fix the trigger form's sources or the sources file (`NEWSLAKE_SOURCES`, now `{sources_path}`) "
        "and trigger a new run."
    )


def _fit(header: str, lines: list[str], tail: str) -> str:
    """Header, lines and tail within the note's limit; lines that do not fit are counted instead."""
    kept = list(lines)
    while kept and len(header) + len(tail) + sum(len(line) + 1 for line in kept) + 40 > NOTE_LIMIT:
        kept.pop()
    more = f"\n- … and {len(lines) - len(kept)} more (see the health task's log)" if len(kept) < len(lines) else ""
    return f"{header}\n\n" + "\n".join(kept) + more + tail
