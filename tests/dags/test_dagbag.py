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


VERDICTS = {"check.crawls", "check.health", "freshness"}  # they judge what landed; a retry cannot change the answer


def test_dags_import_without_errors(dagbag) -> None:  # type: ignore[no-untyped-def]
    assert dagbag.import_errors == {}
    assert set(dagbag.dags) == {
        "news_ingest",
        "news_reprocess",
        "news_freshness",
        "news_maintenance",
        "example_analyst_daily_digest",
    }


@pytest.mark.parametrize(
    "dag_id", ["news_ingest", "news_reprocess", "news_freshness", "news_maintenance", "example_analyst_daily_digest"]
)
def test_every_dag_has_tags_docs_retries_and_timeouts(dagbag, dag_id: str) -> None:  # type: ignore[no-untyped-def]
    dag = dagbag.dags[dag_id]
    assert "newslake" in dag.tags and dag.doc_md
    assert dag.description and dag.owner == "newslake"  # the DAG list shows both
    assert dag.max_active_runs == 1
    assert not dag.catchup
    assert all(task.retries >= 1 for task in dag.tasks if task.task_id not in VERDICTS)
    assert all(task.execution_timeout for task in dag.tasks)


def test_news_ingest_has_stage_groups_a_crawl_pool_and_a_trigger_form(dagbag) -> None:  # type: ignore[no-untyped-def]
    dag = dagbag.dags["news_ingest"]
    assert {task.task_id.split(".")[0] for task in dag.tasks} == {
        "plan",
        "crawl",
        "process",
        "dedup",
        "publish",
        "check",
    }
    crawl = dag.task_dict["crawl.site"]
    assert crawl.map_index_template == "{{ site_label }}"
    assert crawl.pool == "newslake_crawl"
    assert dag.default_args["retry_exponential_backoff"]
    assert set(dag.params) == {"sources", "max_pages", "recrawl", "since", "history_days"}
    assert dag.params.get_param("since").schema["format"] == "date"
    assert [o.name for o in dag.task_dict["publish.runs"].outlets] == ["newslake_articles"]


def test_the_sources_field_offers_the_ids_of_the_sources_file(tmp_path: Path) -> None:
    sources = tmp_path / "sources.yaml"
    sources.write_text(
        "sources:\n  - {id: beta, kind: feed, urls: [http://x]}\n  - {id: alpha, kind: feed, urls: [x]}\n"
    )
    broken = tmp_path / "broken.yaml"
    broken.write_text("sources: [: nope\n")
    code = (
        "import os, runpy\n"
        f"for path in ({str(sources)!r}, {str(broken)!r}, '/nonexistent.yaml'):\n"
        "    os.environ['NEWSLAKE_SOURCES'] = path\n"
        f"    dag = runpy.run_path({str(DAGS / 'news_ingest.py')!r})['news_ingest']()\n"
        "    print(dag.params.get_param('sources').schema.get('examples'))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120)
    assert out.stdout.strip().splitlines()[-3:] == ["['alpha', 'beta']", "[]", "[]"]


def test_the_reprocess_form_asks_for_a_date_range(dagbag) -> None:  # type: ignore[no-untyped-def]
    dag = dagbag.dags["news_reprocess"]
    assert dag.schedule is None or dag.timetable.summary == "None"
    assert {name: dag.params.get_param(name).schema["format"] for name in dag.params} == {
        "start": "date",
        "end": "date",
    }
    # The form opens valid: both dates may stay empty (the latest day that has fetches).
    dag.params.validate()
    assert all("null" in dag.params.get_param(name).schema["type"] for name in dag.params)


def test_no_field_of_the_ingest_form_is_required(dagbag) -> None:  # type: ignore[no-untyped-def]
    params = dagbag.dags["news_ingest"].params
    params.validate()  # the defaults pass: "Sources" left empty means every source
    assert all("null" in params.get_param(name).schema["type"] for name in params if name != "recrawl")
    assert params["sources"] is None


def test_maintenance_runs_daily_on_its_own_schedule(dagbag) -> None:  # type: ignore[no-untyped-def]
    dag = dagbag.dags["news_maintenance"]
    assert dag.schedule == "@daily"
    assert [task.task_id for task in dag.tasks] == ["compact"]


def test_the_analyst_dag_runs_when_the_articles_asset_is_updated(dagbag) -> None:  # type: ignore[no-untyped-def]
    dag = dagbag.dags["example_analyst_daily_digest"]
    assert "newslake_articles" in repr(dag.timetable.asset_condition)


@pytest.mark.parametrize(
    "name",
    [
        "news_ingest.py",
        "news_reprocess.py",
        "news_freshness.py",
        "news_maintenance.py",
        "example_analyst_daily_digest.py",
    ],
)
def test_parsing_a_dag_file_does_not_import_the_pipeline(name: str) -> None:
    code = (
        "import runpy, sys\n"
        f"runpy.run_path({str(DAGS / name)!r})\n"
        "ours = ('scrapy', 'trafilatura', 'transforms', 'crawlers', 'newslake', 'pyarrow', 'duckdb')\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ours)\n"
        "print(heavy)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120)
    assert out.stdout.strip().splitlines()[-1] == "[]"
