"""Issue 5's "done when": syndicated copies crawled a run after their originals join their clusters.

The syndication site (tests/fixtures/sites/syndication/README.md) has a wire whose originals
arrive in run 1 and, in run 2, the copies other outlets ran (reworded, edited, Traditional,
truncated, English) together with the wire's next-day follow-ups and a new story copied the
same day.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from support.lake_tables import duck, table_rows

from newslake.cli import main
from newslake.site_server import SiteServer, serve_site

TESTS = Path(__file__).resolve().parents[1]
SITE = TESTS / "fixtures" / "sites" / "syndication"
EXPECTED = json.loads((SITE / "expected.json").read_text("utf-8"))
FAMILIES: dict[str, dict[str, Any]] = EXPECTED["families"]
SCHEMA_DOC = TESTS.parent / "docs" / "schema.md"


@pytest.fixture(scope="module")
def site() -> Iterator[SiteServer]:
    with serve_site(SITE) as served:
        yield served


def sources_file(path: Path, base_url: str, feeds: list[str]) -> Path:
    """One feed source per outlet (its folder on the site)."""
    lines = ["sources:"]
    for feed in feeds:
        lines += [
            f"  - id: {feed.split('/')[0]}",
            "    kind: feed",
            f'    urls: ["{base_url}/{feed}"]',
            "    timezone: Asia/Shanghai",
            "    delay: 0",
            "    concurrency: 4",
        ]
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


def articles(lake: Path, base_url: str) -> dict[str, dict[str, Any]]:
    """Every article row of the lake by its path on the site."""
    result = duck(lake).sql(f"SELECT * FROM delta_scan('{lake}/articles')")
    rows = [dict(zip(result.columns, row, strict=True)) for row in result.fetchall()]
    by_path = {row["url"].removeprefix(f"{base_url}/"): row for row in rows}
    assert len(by_path) == len(rows), "a page became two article rows"
    return by_path


@pytest.fixture(scope="module")
def crawled(site: SiteServer, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The lake after run 1 (the wire's originals) and run 2 (copies and follow-ups); run 2's sources."""
    tmp = tmp_path_factory.mktemp("syndication")
    lake = tmp / "lake"
    day1 = sources_file(tmp / "day1.yaml", site.base_url, EXPECTED["runs"]["1"])
    day2 = sources_file(tmp / "day2.yaml", site.base_url, EXPECTED["runs"]["2"])
    assert main(["run", "--sources", str(day1), "--lake", str(lake), "--run-id", "day1", "--dt", "2026-04-20"]) == 0
    assert main(["run", "--sources", str(day2), "--lake", str(lake), "--run-id", "day2", "--dt", "2026-04-21"]) == 0
    return lake, day2


def test_every_page_became_one_article_in_the_run_that_crawled_it(crawled: tuple[Path, Path], site: SiteServer) -> None:
    rows = articles(crawled[0], site.base_url)
    originals = {family["original"] for family in FAMILIES.values()}
    copies = {path for family in FAMILIES.values() for path in family["copies"]}
    follow_ups = {path for family in FAMILIES.values() for path in family["follow_ups"]}
    assert set(rows) == originals | copies | follow_ups
    assert {path for path, row in rows.items() if row["run_id"] == "day1"} == {
        path for path in originals if "/0420/" in path
    }
    assert rows["hk/news/20260420/jiangzhou-metro.html"]["language"] == "zh-Hant"
    assert rows["portal/en/20260420/landmark-bridge-back.html"]["language"] == "en"


def test_every_copy_shares_its_originals_cluster(crawled: tuple[Path, Path], site: SiteServer) -> None:
    rows = articles(crawled[0], site.base_url)
    for name, family in FAMILIES.items():
        original = rows[family["original"]]
        # Also when the copy came in the same run: inside a run the earliest published is first seen.
        assert original["is_canonical"] and original["cluster_id"] == original["article_id"], name
        for path, how in family["copies"].items():
            copy = rows[path]
            assert copy["cluster_id"] == original["article_id"], f"{name}: {path} ({how})"
            assert not copy["is_canonical"] and copy["dup_kind"] in {"near", "exact"}, path
            assert rows_by_id(rows)[copy["duplicate_of"]]["cluster_id"] == original["article_id"], path
    repost = rows["portal/news/20260420/metro-5-hk-view.html"]
    assert (repost["dup_kind"], repost["duplicate_of"]) == (
        "exact",
        rows["hk/news/20260420/jiangzhou-metro.html"]["article_id"],
    )
    kinds = [rows[path]["dup_kind"] for family in FAMILIES.values() for path in family["copies"]]
    assert (kinds.count("near"), kinds.count("exact")) == (9, 1)


def test_no_follow_up_joins_the_story_it_follows(crawled: tuple[Path, Path], site: SiteServer) -> None:
    rows = articles(crawled[0], site.base_url)
    for family in FAMILIES.values():
        for path in family["follow_ups"]:
            row = rows[path]
            assert row["is_canonical"] and row["cluster_id"] == row["article_id"], path
            assert row["dup_kind"] is None and row["duplicate_of"] is None, path


def test_every_cluster_has_exactly_one_canonical_row(crawled: tuple[Path, Path], site: SiteServer) -> None:
    rows = articles(crawled[0], site.base_url)
    canonicals: dict[str, int] = {}
    for row in rows.values():
        canonicals[row["cluster_id"]] = canonicals.get(row["cluster_id"], 0) + row["is_canonical"]
    assert set(canonicals.values()) == {1}
    assert len(canonicals) == len(FAMILIES) + sum(len(family["follow_ups"]) for family in FAMILIES.values())


def test_the_documented_reach_query_counts_outlets_per_story(crawled: tuple[Path, Path], site: SiteServer) -> None:
    lake = crawled[0]
    (sql,) = re.findall(r"How far did each story travel\?\n\n```sql\n(.*?)```", SCHEMA_DOC.read_text("utf-8"), re.S)
    result = duck(lake).sql(sql.replace("lake/", f"{lake}/"))
    reach = {row[0]: dict(zip(result.columns, row, strict=True)) for row in result.fetchall()}
    rows = articles(lake, site.base_url)
    metro = reach[rows[FAMILIES["metro-line-5"]["original"]]["article_id"]]
    assert (metro["title"], metro["copies"], metro["outlets"]) == ("江州地铁5号线今日开通运营 串联东西两大城区", 6, 3)
    bridge = reach[rows[FAMILIES["harbour-bridge"]["original"]]["article_id"]]
    assert (bridge["copies"], bridge["outlets"]) == (3, 2)


def test_rerunning_run_two_with_its_run_id_leaves_identical_clusters(
    crawled: tuple[Path, Path], site: SiteServer
) -> None:
    lake, day2 = crawled
    before = {path: (row["cluster_id"], row["is_canonical"]) for path, row in articles(lake, site.base_url).items()}
    assert main(["run", "--sources", str(day2), "--lake", str(lake), "--run-id", "day2", "--dt", "2026-04-21"]) == 0
    after = {path: (row["cluster_id"], row["is_canonical"]) for path, row in articles(lake, site.base_url).items()}
    assert after == before
    assert sorted({row["run_id"] for row in table_rows(lake, "dedup_index", ["run_id"])}) == ["day1", "day2"]


def rows_by_id(rows: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {row["article_id"]: row for row in rows.values()}
