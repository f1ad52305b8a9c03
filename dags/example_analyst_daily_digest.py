"""
### example_analyst_daily_digest

An analyst's DAG, as an example of consuming the lake: it runs whenever `news_ingest` or
`news_reprocess` updates the `newslake_articles` Asset, reads the latest day's articles with
DuckDB (S3 lakes through fsspec, so an Airflow connection's credentials work too) and logs a
digest: stories (canonical rows) and copies (all rows) per source, and the stories carried by the most outlets.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from airflow.sdk import Asset, dag, task


@dag(
    dag_id="example_analyst_daily_digest",
    description="Example consumer: a digest of the latest day's stories whenever the articles Asset updates.",
    schedule=Asset.ref(name="newslake_articles"),
    start_date=datetime(2026, 1, 1, tzinfo=UTC),
    catchup=False,
    max_active_runs=1,
    tags=["newslake", "example", "analyst"],
    doc_md=__doc__,
    default_args={
        "owner": "newslake",
        "retries": 1,
        "retry_delay": timedelta(minutes=1),
        "execution_timeout": timedelta(minutes=20),
    },
)
def example_analyst_daily_digest() -> None:
    @task
    def digest() -> dict[str, object]:
        from newslake import analyst_digest  # noqa: PLC0415 - keep DAG parsing light

        return analyst_digest.daily_digest()

    digest()


example_analyst_daily_digest()
