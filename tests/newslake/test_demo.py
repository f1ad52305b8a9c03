"""``newslake demo`` run twice, as a user runs ``make demo`` twice: the second run refetches nothing."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from support.lake_tables import table_rows

from newslake.cli import main
from newslake.demo import run_demo


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def test_a_second_demo_fetches_no_article_again_and_says_what_it_counts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEWSLAKE_DEMO_PORT", str(free_port()))  # the port `make demo` takes from the environment
    lake = tmp_path / "lake"
    assert run_demo(str(lake)) == 0
    first = capsys.readouterr().out
    assert run_demo(str(lake)) == 0
    second = capsys.readouterr().out

    runs = sorted({row["run_id"] for row in table_rows(lake, "runs", ["run_id"])})
    assert len(runs) == 2
    fetches = table_rows(lake, "fetches", ["run_id", "url", "status"])
    articles = [row for row in table_rows(lake, "articles", ["run_id", "url"]) if row["run_id"] == runs[0]]
    first_articles = {row["url"] for row in articles}
    # A page skipped as fetched before keeps a row (error seen_before) but has no HTTP status.
    second_urls = [row["url"] for row in fetches if row["run_id"] == runs[1] and row["status"] is not None]
    assert len(first_articles) == 16
    assert {url: second_urls.count(url) for url in first_articles} == dict.fromkeys(first_articles, 0)

    assert "this run: 13 new stories (canonical rows) in 16 article copies" in first
    assert "this run: 0 new stories (canonical rows) in 0 article copies" in second
    assert main(["check-lake", str(lake)]) == 0  # as `make demo` runs it after the demo
    assert "check-lake:" not in capsys.readouterr().out
    for out in (first, second):
        assert "WHERE is_canonical" in out
        assert "_work" not in out
        assert "next: .venv/bin/newslake report" in out and "make airflow" in out
