"""Airflow's metadata database, created once per session in the test AIRFLOW_HOME."""

from __future__ import annotations

from collections.abc import Iterator

import pytest


@pytest.fixture(scope="session")
def airflow_db() -> Iterator[None]:
    from airflow.utils import db  # noqa: PLC0415 - imported after conftest set AIRFLOW_HOME

    db.resetdb()
    yield
