"""A ``dag.test()`` run of the maintenance DAG over a lake of hourly runs: the closed days end compact."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from deltalake import DeltaTable

from tests.support.delta_rows import commit_fetches
from transforms.edge.maintenance import files_per_day

DAGS = Path(__file__).resolve().parents[2] / "dags"


def load_dag(dag_id: str) -> Any:
    from airflow.dag_processing.dagbag import DagBag  # noqa: PLC0415 - after conftest set AIRFLOW_HOME

    return DagBag(dag_folder=str(DAGS)).dags[dag_id]


@pytest.mark.usefixtures("airflow_db")
def test_the_maintenance_dag_compacts_closed_days_and_drops_expired_bodies(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    uri = str(tmp_path / "lake" / "fetches")
    for day in ("2026-05-01", "2026-05-02", "2026-05-03"):
        for hour in range(3):
            commit_fetches(tmp_path / "lake", f"{day}T{hour:02}", "alpha", day, 2)
    monkeypatch.setenv("NEWSLAKE_LAKE", str(tmp_path / "lake"))
    monkeypatch.setenv("NEWSLAKE_BODY_RETENTION_DAYS", "1")
    run = load_dag("news_maintenance").test()
    assert run.state == "success"
    table = DeltaTable(uri)
    assert files_per_day(table) == {"2026-05-01": 1, "2026-05-02": 1, "2026-05-03": 3}
    bodies = {(row["dt"], row["body"] is None) for row in table.to_pyarrow_table(columns=["dt", "body"]).to_pylist()}
    assert bodies == {("2026-05-01", True), ("2026-05-02", False), ("2026-05-03", False)}
