"""The one-line reads docs/schema.md gives analysts, run against a lake the pipeline's own commits wrote."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import deltalake
import polars as pl
import pyarrow as pa
import pytest

from transforms.edge.duck import connect, s3_secret_sql
from transforms.edge.lake import Lake, open_lake
from transforms.schemas import ARTICLES

AT = datetime(2026, 4, 17, 8, tzinfo=UTC)


def articles(run_id: str, titles: list[str]) -> pa.Table:
    rows = [
        {"article_id": f"{run_id}-{k}", "title": title, "is_canonical": k % 2 == 0, "fetched_at": AT, "run_id": run_id}
        for k, title in enumerate(titles)
    ]
    return pa.Table.from_pylist(rows, schema=ARTICLES)


def two_runs(lake: Lake) -> None:
    lake.commit("articles", ARTICLES, {"dt": "2026-04-17"}, "r1", articles("r1", ["旧标题", "gone"]))
    lake.commit("articles", ARTICLES, {"dt": "2026-04-17"}, "r1", articles("r1", ["新闻", "copy", "third"]))
    lake.commit("articles", ARTICLES, {"dt": "2026-04-18"}, "r2", articles("r2", ["later"]))


EXPECTED = [("r1-0", "新闻", "2026-04-17"), ("r1-2", "third", "2026-04-17"), ("r2-0", "later", "2026-04-18")]


@pytest.mark.parametrize("where", ["local", pytest.param("s3", marks=pytest.mark.s3)])
def test_duckdb_reads_the_articles_table_with_delta_scan(
    where: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    uri = str(tmp_path / "lake") if where == "local" else str(request.getfixturevalue("s3_lake"))
    lake = open_lake(uri)
    two_runs(lake)
    rows = (
        connect(uri)
        .sql(f"SELECT article_id, title, dt FROM delta_scan('{uri}/articles') WHERE is_canonical ORDER BY 1")
        .fetchall()
    )
    assert rows == EXPECTED


def test_polars_and_pandas_read_the_articles_table(tmp_path: Path) -> None:
    uri = str(tmp_path / "lake")
    two_runs(open_lake(uri))
    frame = pl.read_delta(f"{uri}/articles").filter(pl.col("is_canonical")).sort("article_id")
    assert list(frame.select("article_id", "title", "dt").iter_rows()) == EXPECTED
    pandas = deltalake.DeltaTable(f"{uri}/articles").to_pandas()
    canonical = pandas[pandas["is_canonical"]].sort_values("article_id")
    assert list(canonical[["article_id", "title", "dt"]].itertuples(index=False, name=None)) == EXPECTED


def test_polars_reads_an_s3_lake_with_the_lakes_storage_options(s3_lake: str) -> None:
    lake = open_lake(s3_lake)
    two_runs(lake)
    frame = pl.read_delta(lake.table_uri("articles"), storage_options=lake.storage_options)
    assert sorted(frame.filter(pl.col("is_canonical"))["article_id"].to_list()) == ["r1-0", "r1-2", "r2-0"]


def test_the_s3_secret_speaks_plain_http_to_an_http_endpoint(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AWS_ENDPOINT_URL", "http://127.0.0.1:9000")
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "key")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "it's secret")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "eu-west-1")
    sql = s3_secret_sql()
    assert "ENDPOINT '127.0.0.1:9000'" in sql
    assert "URL_STYLE 'path'" in sql and "USE_SSL 'false'" in sql and "REGION 'eu-west-1'" in sql
    assert "SECRET 'it''s secret'" in sql
    connect("s3://bucket/lake")  # DuckDB accepts the secret


def test_duckdb_never_downloads_an_extension() -> None:
    con = connect(None)
    settings = dict(
        con.sql(
            "SELECT name, value FROM duckdb_settings() "
            "WHERE name IN ('autoinstall_known_extensions', 'autoload_known_extensions')"
        ).fetchall()
    )
    assert settings == {"autoinstall_known_extensions": "false", "autoload_known_extensions": "false"}
    loaded = {name for (name,) in con.sql("SELECT extension_name FROM duckdb_extensions() WHERE loaded").fetchall()}
    assert {"delta", "httpfs"} <= loaded
