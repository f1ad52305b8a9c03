"""Every DAG file imports cleanly and carries what operators rely on."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

DAGS = Path(__file__).resolve().parents[2] / "dags"


@pytest.fixture(scope="module")
def dagbag():  # type: ignore[no-untyped-def]
    from airflow.dag_processing.dagbag import DagBag  # noqa: PLC0415

    return DagBag(dag_folder=str(DAGS))


def test_dags_import_without_errors(dagbag) -> None:  # type: ignore[no-untyped-def]
    assert dagbag.import_errors == {}
    assert "news_ingest" in dagbag.dags


def test_news_ingest_has_tags_retries_a_schedule_and_a_trigger_form(dagbag) -> None:  # type: ignore[no-untyped-def]
    dag = dagbag.dags["news_ingest"]
    assert dag.tags and dag.doc_md
    assert dag.max_active_runs == 1
    assert not dag.catchup
    assert all(task.retries >= 1 for task in dag.tasks)
    assert set(dag.params) == {"sources", "max_pages", "recrawl"}
    assert dag.task_dict["crawl"].map_index_template == "{{ source_id }}"


def test_parsing_a_dag_file_does_not_import_the_pipeline() -> None:
    code = (
        "import runpy, sys\n"
        f"runpy.run_path({str(DAGS / 'news_ingest.py')!r})\n"
        "ours = ('scrapy', 'trafilatura', 'transforms', 'crawlers', 'newslake', 'pyarrow')\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ours)\n"
        "print(heavy)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120)
    assert out.stdout.strip().splitlines()[-1] == "[]"
