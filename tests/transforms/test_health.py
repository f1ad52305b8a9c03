"""Source health verdicts: a collapsed yield fails with one line naming the source and the likely cause."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from transforms.health import check_sources, summary

START = datetime(2026, 4, 1, tzinfo=UTC)


def run_row(source_id: str, articles: int, run: int = 99, **counts: Any) -> dict[str, Any]:
    discovered = counts.pop("discovered", articles)
    return {
        "run_id": f"run-{run}",
        "source_id": source_id,
        "discovered": discovered,
        "fetched": counts.pop("fetched", discovered),
        "seen_before": counts.pop("seen_before", 0),
        "articles": articles,
        "rejects_by_reason": list(counts.items()),
        "started_at": START + timedelta(hours=run),
    }


def history(source_id: str, *yields: int) -> list[dict[str, Any]]:
    return [run_row(source_id, n, run=i) for i, n in enumerate(yields)]


def reject(source_id: str, reason: str, status: int | None = None, stage: str = "process") -> dict[str, Any]:
    return {"source_id": source_id, "reason": reason, "http_status": status, "stage": stage, "detail": "x"}


def test_a_steady_source_is_healthy() -> None:
    (verdict,) = check_sources([run_row("wire", 9)], history("wire", 10, 8, 12))
    assert verdict.ok
    assert verdict.line == "wire: ok, 9 articles (trailing median 10)"


def test_a_drop_of_more_than_80_percent_against_the_trailing_median_fails() -> None:
    current = [run_row("wire", 1, discovered=10, not_article=9)]
    (verdict,) = check_sources(current, history("wire", 10, 9, 11, 10), [reject("wire", "not_article")] * 9)
    assert not verdict.ok
    assert verdict.line == (
        "wire: FAILED, 1 articles, 90% below the trailing median 10: "
        "9 of 10 fetched pages rejected as not_article — template change?"
    )


def test_a_drop_of_exactly_80_percent_still_passes() -> None:
    (verdict,) = check_sources([run_row("wire", 2)], history("wire", 10, 10, 10))
    assert verdict.ok


def test_only_the_trailing_runs_make_the_baseline() -> None:
    old_glory = [100] * 10
    recent = [5, 5, 5, 5, 5, 5, 5]
    (verdict,) = check_sources([run_row("wire", 4)], history("wire", *old_glory, *recent))
    assert verdict.ok
    assert verdict.baseline == 5


def test_zero_articles_from_an_empty_feed() -> None:
    (verdict,) = check_sources([run_row("wire", 0, discovered=0)], history("wire", 10))
    assert not verdict.ok
    assert verdict.line == "wire: FAILED, 0 articles (trailing median 10): feed empty: no article links discovered"


def test_zero_articles_fails_even_without_history() -> None:
    (verdict,) = check_sources([run_row("new-source", 0, discovered=0)], [])
    assert verdict.line.startswith("new-source: FAILED, 0 articles (no earlier runs): feed empty")


def test_http_403_and_429_read_as_blocked() -> None:
    rejects = [reject("wire", "http_error", 403, stage="discover"), reject("wire", "http_error", 429)]
    (verdict,) = check_sources([run_row("wire", 0, discovered=1, http_error=2)], history("wire", 7), rejects)
    assert verdict.line.endswith("HTTP 403/429 on 2 requests — blocked?")


def test_nothing_new_is_not_a_failure() -> None:
    (verdict,) = check_sources([run_row("wire", 0, discovered=12, fetched=0, seen_before=12)], history("wire", 10))
    assert verdict.ok
    assert "no new articles" in verdict.line


def test_the_current_run_never_counts_as_its_own_history() -> None:
    current = run_row("wire", 1)
    (verdict,) = check_sources([current], [current, current])
    assert verdict.baseline is None


def test_the_summary_puts_failures_first() -> None:
    verdicts = check_sources([run_row("a", 5), run_row("b", 0, discovered=0)], [*history("a", 5), *history("b", 5)])
    assert summary(verdicts).splitlines() == [
        "b: FAILED, 0 articles (trailing median 5): feed empty: no article links discovered",
        "1 of 2 sources healthy",
    ]


def test_a_dead_link_failing_every_run_is_not_a_new_page() -> None:
    current = [run_row("wire", 0, discovered=11, fetched=1, seen_before=10, http_error=1)]
    dead = {**reject("wire", "http_error", 404, stage="crawl"), "url": "http://wire/gone.html"}
    (verdict,) = check_sources(current, history("wire", 10), [dead], {("wire", "http://wire/gone.html")})
    assert verdict.ok, verdict.line
    assert (
        verdict.line == "wire: ok, no new articles (11 listed pages: fetched before, or failing as in earlier runs: 1)"
    )
    (verdict,) = check_sources(current, history("wire", 10), [dead])
    assert not verdict.ok
