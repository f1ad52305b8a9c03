"""Reprocessing stored fetches: no crawl, and on unchanged code the same articles, rejects and runs."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from support.lake_tables import table_rows as rows_of

from newslake.cli import main
from transforms.edge.lake import open_lake
from transforms.edge.reprocess import reprocess_range, stored_runs
from transforms.edge.sources_file import load_sources
from transforms.edge.stages import since_stage
from transforms.recency import split_by_date


def table_rows(lake: Path, table: str) -> dict[tuple[str, str], list[dict[str, Any]]]:
    """Every run's rows of a table, (dt, run id) -> rows in a stable order."""
    found: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for row in rows_of(lake, table):
        found.setdefault((row["dt"], row["run_id"]), []).append(row)
    return {key: sorted(rows, key=repr) for key, rows in sorted(found.items())}


def test_reprocessing_on_unchanged_code_leaves_the_lake_as_it_was(wire_sources: Path, tmp_path: Path) -> None:
    lake = tmp_path / "lake"
    common = ["--sources", str(wire_sources), "--lake", str(lake)]
    assert main(["run", *common, "--run-id", "r1", "--dt", "2026-04-17"]) == 0
    # The second run fetches every RSS page again: its copies are duplicates of the first run's.
    assert main(["run", *common, "--run-id", "r2", "--dt", "2026-04-18", "--recrawl", "--only", "wire-rss"]) == 0
    before = {table: table_rows(lake, table) for table in ("articles", "rejects", "runs")}
    fetches = open_lake(str(lake)).delta("fetches")
    assert fetches is not None

    done = list(reprocess_range(open_lake(str(lake)), load_sources(wire_sources), date(2026, 4, 1), date(2026, 4, 30)))

    assert [run.key for run, _ in done] == ["r1", "r2"]
    assert {table: table_rows(lake, table) for table in ("articles", "rejects", "runs")} == before
    assert open_lake(str(lake)).delta("fetches").version() == fetches.version()  # type: ignore[union-attr]
    duplicates = [row for row in before["articles"][("2026-04-18", "r2")] if row["dup_kind"]]
    assert len(duplicates) == 10  # the check above compared real cross-run clusters


def test_a_range_picks_only_the_runs_fetched_in_it(wire_sources: Path, tmp_path: Path) -> None:
    lake = tmp_path / "lake"
    common = ["--sources", str(wire_sources), "--lake", str(lake), "--only", "wire-atom"]
    assert main(["run", *common, "--run-id", "r1", "--dt", "2026-04-17"]) == 0
    assert main(["run", *common, "--run-id", "r2", "--dt", "2026-04-18", "--recrawl"]) == 0
    opened = open_lake(str(lake))
    assert [run.key for run in stored_runs(opened, date(2026, 4, 18), date(2026, 4, 18))] == ["r2"]
    done = list(reprocess_range(opened, load_sources(wire_sources), date(2026, 4, 18), date(2026, 4, 19)))
    assert [(run.key, run.dt) for run, _ in done] == [("r2", "2026-04-18")]


def test_since_turns_older_articles_into_too_old_rejects_and_keeps_undated_ones() -> None:
    def article(url: str, published: datetime | None) -> dict[str, Any]:
        return {"url": url, "source_id": "s", "published_at": published, "fetched_at": None, "run_id": "r"}

    rows = [
        article("old", datetime(2026, 3, 31, 23, 59, tzinfo=UTC)),
        article("new", datetime(2026, 4, 1, tzinfo=UTC)),
        article("undated", None),
    ]
    kept, rejects = split_by_date(rows, date(2026, 4, 1))
    assert [row["url"] for row in kept] == ["new", "undated"]
    assert [(r["url"], r["reason"], r["detail"]) for r in rejects] == [
        ("old", "too_old", "published 2026-03-31 23:59 UTC, before 2026-04-01")
    ]


def test_since_moves_older_articles_of_a_run_to_its_rejects_once(wire_sources: Path, tmp_path: Path) -> None:
    lake = tmp_path / "lake"
    args = ["run", "--sources", str(wire_sources), "--lake", str(lake), "--run-id", "r1", "--dt", "2026-04-18"]
    assert main([*args, "--only", "wire-rss"]) == 0
    opened = open_lake(str(lake))
    first = since_stage(opened, "r1", "2026-04-18", date(2026, 4, 17))
    again = since_stage(opened, "r1", "2026-04-18", date(2026, 4, 17))
    extracted = rows_of(lake, "_work/extracted")
    rejects = rows_of(lake, "rejects")
    assert first.counts["too_old"] > 0 and again.counts["too_old"] == 0
    assert all(row["published_at"] >= datetime(2026, 4, 17, tzinfo=UTC) for row in extracted)
    assert len([r for r in rejects if r["reason"] == "too_old"]) == first.counts["too_old"]
    assert len(extracted) + first.counts["too_old"] == 10
