"""The DAG run note reads as Markdown: the outcome in its header, one list item per source."""

from __future__ import annotations

from newslake.run_note import NOTE_LIMIT, health_note
from transforms.health import SourceHealth


def verdict(source_id: str, ok: bool) -> SourceHealth:
    state = "ok, 10 articles" if ok else "FAILED, 0 articles (no earlier runs): feed empty"
    return SourceHealth(source_id, ok, 10 if ok else 0, None, f"{source_id}: {state}")


def test_a_failed_source_heads_the_note_and_each_source_has_its_own_line() -> None:
    note = health_note([verdict("a-ok", True), verdict("b-empty", False)], "/lake/reports/dt=2026-04-17/r1.html")
    lines = note.splitlines()
    assert lines[0] == "### Source health: 1 of 2 sources FAILED"
    assert lines[2:4] == ["- **b-empty: FAILED, 0 articles (no earlier runs): feed empty**", "- a-ok: ok, 10 articles"]
    assert lines[-1] == "Report: `/lake/reports/dt=2026-04-17/r1.html`"


def test_a_healthy_run_says_so_and_a_long_note_stays_within_airflows_limit() -> None:
    assert health_note([verdict("a", True)]).splitlines()[0] == "### Source health: all 1 sources healthy"
    many = [verdict(f"source-{i:03d}", i % 2 == 0) for i in range(200)]
    note = health_note(many, "/lake/r.html")
    assert len(note) <= NOTE_LIMIT
    assert "more (see the health task's log)" in note and note.endswith("Report: `/lake/r.html`")
