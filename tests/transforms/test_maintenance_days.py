"""Which days maintenance may touch, counted from the newest day the lake holds."""

from __future__ import annotations

from transforms.maintenance import closed_days, crowded_days, expired_days, newest_day

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


def test_a_day_is_crowded_while_it_holds_two_small_files_and_not_once_compacted() -> None:
    target = 100
    runs = [("2026-03-01", 10), ("2026-03-01", 12), ("2026-03-02", 10)]
    assert crowded_days(runs, target) == {"2026-03-01"}  # one small file alone is already compact
    compacted = [("2026-03-03", 100), ("2026-03-03", 98), ("2026-03-03", 20)]  # full files and one remainder
    assert crowded_days(compacted, target) == set()
    assert crowded_days([*compacted, ("2026-03-03", 5)], target) == {"2026-03-03"}  # a late rerun's file
