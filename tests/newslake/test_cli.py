"""The ``newslake`` command as a user runs it, against the fixture site and a real S3 endpoint."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import boto3
import pytest
from support.lake_tables import duck

from newslake.cli import main
from newslake.site_server import SiteServer

TESTS = Path(__file__).resolve().parents[1]
WIRE = TESTS / "fixtures" / "sites" / "wire"
EXPECTED = json.loads((WIRE / "expected.json").read_text("utf-8"))
SEEDS = TESTS.parents[1] / "shared" / "seeds"


def query(sql: str) -> list[dict[str, Any]]:
    result = duck(None).sql(sql)
    return [dict(zip(result.columns, row, strict=True)) for row in result.fetchall()]


def articles_of(lake: Path) -> list[dict[str, Any]]:
    return query(f"SELECT * FROM delta_scan('{lake}/articles')")


def test_run_on_a_feed_site_writes_an_article_for_every_good_link_and_a_reject_for_every_bad_one(
    wire_sources: Path, wire_site: SiteServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lake = tmp_path / "lake"
    code = main(["run", "--sources", str(wire_sources), "--lake", str(lake), "--run-id", "r1", "--dt", "2026-04-17"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "process  articles 13, rejects 6" in out
    assert f"{lake}/articles/dt=2026-04-17" in out
    rows = {row["url"].removeprefix(wire_site.base_url): row for row in articles_of(lake)}
    assert set(rows) == set(EXPECTED["articles"])
    for path, expected in EXPECTED["articles"].items():
        assert expected["contains"] in rows[path]["text"], path
        assert rows[path]["language"] == expected["language"], path
        assert rows[path]["is_canonical"] and rows[path]["cluster_id"] == rows[path]["article_id"]
    rejects = query(f"SELECT url, reason, http_status FROM delta_scan('{lake}/rejects')")
    assert {r["url"].removeprefix(wire_site.base_url): r["reason"] for r in rejects} == {
        path: item["reason"] for path, item in EXPECTED["rejects"].items()
    }
    runs = query(f"SELECT source_id, articles, rejects FROM delta_scan('{lake}/runs') ORDER BY 1")
    assert runs == [
        {"source_id": "wire-atom", "articles": 3, "rejects": 0},
        {"source_id": "wire-rss", "articles": 10, "rejects": 6},
    ]


def test_rerunning_a_run_replaces_its_rows(wire_sources: Path, tmp_path: Path) -> None:
    lake = tmp_path / "lake"
    args = ["run", "--sources", str(wire_sources), "--lake", str(lake), "--run-id", "r1", "--dt", "2026-04-17"]
    assert main(args) == 0
    first = sorted(row["article_id"] for row in articles_of(lake))
    assert main(args) == 0
    assert sorted(row["article_id"] for row in articles_of(lake)) == first


def test_a_later_run_marks_a_refetched_page_as_an_exact_duplicate(wire_sources: Path, tmp_path: Path) -> None:
    lake = tmp_path / "lake"
    common = ["--sources", str(wire_sources), "--lake", str(lake), "--only", "wire-atom"]
    assert main(["run", *common, "--run-id", "r1", "--dt", "2026-04-17"]) == 0
    assert main(["run", *common, "--run-id", "r2", "--dt", "2026-04-18", "--recrawl"]) == 0
    rows = query(
        f"SELECT run_id, cluster_id, is_canonical, dup_kind, duplicate_of, article_id "
        f"FROM delta_scan('{lake}/articles')"
    )
    first = {row["article_id"] for row in rows if row["run_id"] == "r1"}
    later = [row for row in rows if row["run_id"] == "r2"]
    assert len(first) == len(later) == 3
    assert all(row["dup_kind"] == "exact" and not row["is_canonical"] and row["duplicate_of"] in first for row in later)


def test_run_writes_to_s3_through_the_endpoint_in_aws_endpoint_url(
    wire_sources: Path, s3_lake: str, s3_endpoint: str
) -> None:
    assert main(["run", "--sources", str(wire_sources), "--lake", s3_lake, "--run-id", "r1", "--dt", "2026-04-17"]) == 0
    bucket, prefix = s3_lake.removeprefix("s3://").split("/", 1)
    s3 = boto3.client("s3", endpoint_url=s3_endpoint)
    keys = sorted(o["Key"] for o in s3.list_objects_v2(Bucket=bucket)["Contents"])
    assert any(key.startswith(f"{prefix}/articles/dt=2026-04-17/part-") for key in keys)
    assert any(key.startswith(f"{prefix}/fetches/dt=2026-04-17/part-") for key in keys)
    texts = duck(s3_lake).sql(f"SELECT text FROM delta_scan('{s3_lake}/articles') WHERE dt = '2026-04-17'").fetchall()
    assert len(texts) == 13
    assert all(text for (text,) in texts)


def test_a_bad_sources_file_stops_the_run_with_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sources = tmp_path / "sources.yaml"
    sources.write_text("sources:\n  - id: a\n    kind: feed\n    url: [http://example.com/feed]\n", "utf-8")
    assert main(["run", "--sources", str(sources), "--lake", str(tmp_path / "lake")]) == 2
    err = capsys.readouterr().err
    assert err == f"newslake: {sources}:4: source 'a': unknown key 'url' (did you mean 'urls'?)\n"
    assert not (tmp_path / "lake" / "fetches").exists()


def test_an_unreachable_lake_stops_the_run_before_crawling(
    wire_sources: Path, s3_endpoint: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["run", "--sources", str(wire_sources), "--lake", "s3://missing-bucket/news"]) == 2
    assert "bucket 'missing-bucket' does not exist" in capsys.readouterr().err


def test_a_source_whose_feed_is_gone_fails_the_run_but_keeps_the_others(
    wire_sources: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = wire_sources.read_text("utf-8").replace("/atom.xml", "/gone.xml")
    wire_sources.write_text(text, "utf-8")
    lake = tmp_path / "lake"
    assert main(["run", "--sources", str(wire_sources), "--lake", str(lake), "--run-id", "r1"]) == 1
    out = capsys.readouterr().out
    assert "crawl    127.0.0.1 (wire-rss, wire-atom): FAILED (a source could fetch none of its start URLs: " in out
    assert "wire-atom: http://127.0.0.1:" in out
    assert "gone.xml: HTTP 404" in out
    assert "source wire-atom FAILED" in out
    assert len(articles_of(lake)) == 10


def test_extract_prints_seed_001_cleanly_with_its_editor_and_time() -> None:
    out = subprocess.run(
        [
            str(Path(sys.executable).with_name("newslake")),
            "extract",
            str(SEEDS / "001_e7b0d80d02d9ef71.txt"),
            "--url",
            "https://example.com/a/1",
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    ).stdout
    article = json.loads(out)
    assert article["title"] == "美媒爆料:俄罗斯仍要求乌军从顿巴斯撤离,美国试图提出新方案"
    assert article["published_at"] == "2026-04-17T19:18:00+08:00"
    assert article["editor"] == "本枝百世网"
    assert article["credited_source"] == "本枝百世网-工人日报"
    assert article["language"] == "zh-Hans"
    assert article["text"].startswith("俄乌和平谈判加速")
    for leftover in ("rich_media_content", "\\u003c", "MID_AD", "<p>", "责任编辑", "来源"):
        assert leftover not in article["text"]


RULES_PAGE = (
    TESTS / "fixtures" / "sites" / "rules" / "article" / "uk-tories-under-fire-twitter-name-switch-during-debate.html"
)


def test_extract_reads_a_saved_file_without_its_url(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(RULES_PAGE)]) == 0
    article = json.loads(capsys.readouterr().out)
    assert article["url"] is None
    assert article["title"] == "UK Tories under fire for Twitter name switch during debate"
    assert article["published_at"] == "2019-11-20T06:01:44-05:00"
    assert article["canonical_url"].startswith("https://hosted.ap.org/citizensvoice/")  # the page's own rel=canonical
    assert "LONDON (AP) — Britain's Conservative Party was accused" in article["text"]
    assert "Places in this Story" in article["text"]  # the site's tag panel, kept by the generic extractor
    assert article["source_rules"] is None


@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("http://[::1/2024/05/03/budget", "not an address (Invalid IPv6 URL)"),
        ("https://news.example.com:99999/a", "not an address (Port out of range 0-65535)"),
        ("news.example.com/a", "not an http(s) address"),
    ],
)
def test_extract_refuses_an_address_that_does_not_parse(
    url: str, says: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["extract", str(RULES_PAGE), "--url", url]) == 2
    assert f"--url {url!r}: {says}; give the page's full URL or leave --url out" in capsys.readouterr().err


def test_extract_as_a_source_applies_its_extract_rules(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sources = tmp_path / "sources.yaml"
    sources.write_text(
        "sources:\n  - id: hosted\n    kind: feed\n    urls: [https://example.com/rss.xml]\n"
        "    extract:\n      drop: [.ap-tags-blk]\n      date: '.no-such-date'\n",
        "utf-8",
    )
    assert main(["extract", str(RULES_PAGE), "--sources", str(sources), "--source", "hosted"]) == 0
    article = json.loads(capsys.readouterr().out)
    assert "Places in this Story" not in article["text"]  # the tag panel the plain extractor keeps
    assert article["source_rules"] == {"drop": "matched", "date": "no match"}
    assert main(["extract", str(RULES_PAGE), "--sources", str(sources), "--source", "wire"]) == 2
    assert "no source 'wire' (sources are: hosted)" in capsys.readouterr().err


def test_extract_cuts_seed_000s_related_headlines(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(SEEDS / "000_2a6d5082bc5fee0b.txt"), "--url", "https://example.com/a/2"]) == 0
    article = json.loads(capsys.readouterr().out)
    assert article["text"].endswith("3 月份至少有 164 人死亡,910 人受伤。")
    assert "过去24小时新闻" not in article["text"]
    assert "关税豁免" not in article["text"]
