"""How late the lake's data is, in one line, against the configured limit."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from newslake.freshness import freshness

NOW = datetime(2026, 4, 17, 12, 0, tzinfo=UTC)


def test_an_update_within_the_limit_is_fresh_and_says_its_age() -> None:
    verdict = freshness(NOW - timedelta(minutes=75), NOW, timedelta(hours=3))
    assert verdict.ok
    assert verdict.line == "articles are fresh: last updated 2026-04-17 10:45 UTC, 1 h 15 min ago (limit 3 h)"


def test_an_older_update_or_none_at_all_is_late() -> None:
    late = freshness(NOW - timedelta(hours=5), NOW, timedelta(hours=3))
    assert not late.ok and late.line.startswith("articles are late: last updated 2026-04-17 07:00 UTC, 5 h 00 min ago")
    never = freshness(None, NOW, timedelta(hours=3))
    assert not never.ok and "never updated" in never.line
