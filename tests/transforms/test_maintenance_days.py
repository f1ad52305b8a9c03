"""Which days maintenance may touch, counted from the newest day the lake holds."""

from __future__ import annotations

from transforms.maintenance import closed_days, expired_days, newest_day

DAYS = ["2026-03-01", "2026-03-02", "2026-03-03", "2026-03-04", "__HIVE_DEFAULT_PARTITION__"]


def test_the_newest_day_ignores_values_that_are_not_days() -> None:
    assert newest_day(DAYS) == "2026-03-04"
    assert newest_day(["not-a-day"]) is None
    assert newest_day([]) is None


def test_only_days_before_the_margin_are_closed_so_the_open_day_keeps_taking_runs() -> None:
    assert closed_days(DAYS, "2026-03-04", 1) == ["2026-03-01", "2026-03-02", "2026-03-03"]
    assert closed_days(DAYS, "2026-03-04", 2) == ["2026-03-01", "2026-03-02"]
    assert closed_days(["2026-03-04"], "2026-03-04", 1) == []


def test_bodies_expire_only_after_the_days_kept() -> None:
    assert expired_days(DAYS, "2026-03-04", 2) == ["2026-03-01"]
    assert expired_days(DAYS, "2026-03-04", 3) == []
