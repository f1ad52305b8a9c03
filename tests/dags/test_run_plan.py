"""One run plan: ``newslake run`` and the ``news_ingest`` DAG take the same options and write the same lake."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from support.lake_tables import table_rows

from newslake.cli import _parser, main
from newslake.pipeline import OPTIONS, RunOptions

DAGS = Path(__file__).resolve().parents[2] / "dags"
LOGICAL = datetime(2026, 4, 17, 12, tzinfo=UTC)  # a run of its own: the metadata DB lives for the session
# When things happened: the only columns allowed to differ between the two runs.
MOMENTS = {"fetched_at", "started_at", "finished_at", "stage_seconds"}


def load_dag(dag_id: str) -> Any:
    from airflow.dag_processing.dagbag import DagBag  # noqa: PLC0415 - after conftest set AIRFLOW_HOME

    return DagBag(dag_folder=str(DAGS)).dags[dag_id]


def run_command_flags() -> dict[str, argparse.Action]:
    commands = next(a for a in _parser()._actions if isinstance(a, argparse._SubParsersAction))
    return {action.option_strings[0]: action for action in commands.choices["run"]._actions if action.option_strings}


def test_the_trigger_form_and_newslake_run_offer_the_same_options_with_the_same_defaults() -> None:
    params = load_dag("news_ingest").params
    flags = run_command_flags()
    assert set(params) == {option.name for option in OPTIONS}
    assert {option.flag for option in OPTIONS} <= set(flags)
    defaults = RunOptions()
    for option in OPTIONS:
        param = params.get_param(option.name)
        assert param.description == option.help == flags[option.flag].help
        assert RunOptions.from_values({option.name: param.value}) == defaults


def lake_rows(lake: Path, table: str) -> list[dict[str, Any]]:
    rows = table_rows(lake, table)
    return sorted(({k: v for k, v in row.items() if k not in MOMENTS} for row in rows), key=repr)


@pytest.mark.usefixtures("airflow_db")
def test_the_same_run_from_the_command_line_and_from_airflow_writes_the_same_rows(
    wire_sources: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    options = {"since": "2026-04-16", "history_days": 3}
    monkeypatch.setenv("NEWSLAKE_SOURCES", str(wire_sources))
    monkeypatch.setenv("NEWSLAKE_LAKE", str(tmp_path / "dag"))
    dag_run = load_dag("news_ingest").test(logical_date=LOGICAL, run_after=LOGICAL, run_conf=options)
    assert dag_run.state == "success"

    flags = ["--since", "2026-04-16", "--history-days", "3", "--run-id", dag_run.run_id, "--dt", "2026-04-17"]
    assert main(["run", "--sources", str(wire_sources), "--lake", str(tmp_path / "cli"), *flags]) == 0
    printed = capsys.readouterr().out

    for table in ("articles", "rejects", "runs"):
        from_cli, from_dag = lake_rows(tmp_path / "cli", table), lake_rows(tmp_path / "dag", table)
        assert from_cli == from_dag, table
        assert from_cli, table
    assert any(row["reason"] == "too_old" for row in lake_rows(tmp_path / "cli", "rejects"))
    runs = table_rows(tmp_path / "cli", "runs")
    assert {stage for stage, _ in runs[0]["stage_seconds"]} == {"crawl", "process", "dedup"}
    assert "health   wire-rss: ok" in printed
