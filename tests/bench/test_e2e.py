"""The benchmark's synthetic site is deterministic and the end-to-end harness runs on a tiny site."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from bench import e2e
from bench.sitegen import COPY_EVERY, MAX_BYTES, MIN_BYTES, URLSET_LIMIT, Site


def test_the_site_is_a_pure_function_of_its_seed() -> None:
    first, again, other = Site(pages=120, seed=3), Site(pages=120, seed=3), Site(pages=120, seed=4)
    digest = [hashlib.sha256(first.page(index)).hexdigest() for index in (0, 1, 9, 119)]
    assert digest == [hashlib.sha256(again.page(index)).hexdigest() for index in (0, 1, 9, 119)]
    assert first.page(0) != other.page(0)
    assert first.urlset(0) == again.urlset(0)


def test_pages_are_portal_sized_chinese_and_english_with_syndicated_copies() -> None:
    site = Site(pages=200)
    sizes = [len(site.page(index)) for index in range(200)]
    assert min(sizes) >= MIN_BYTES * 0.95
    assert max(sizes) <= MAX_BYTES * 1.05
    assert 30_000 < sorted(sizes)[100] < 60_000
    assert {site.language(index) for index in range(200)} == {"zh", "en"}
    copy = COPY_EVERY - 1
    assert site.is_copy(copy) and not site.is_copy(0)
    assert site.paragraphs(copy) == site.paragraphs(0)[:-1]
    assert site.respond(site.path(copy))[0] == 200 and site.respond("/nope.html")[0] == 404


def test_sitemaps_chain_from_robots_and_urlsets_hold_at_most_the_limit() -> None:
    site = Site(pages=URLSET_LIMIT + 5, base_url="http://127.0.0.1:1")
    assert b"Sitemap: http://127.0.0.1:1/sitemap_index.xml" in site.robots()
    assert site.sitemap_index().count(b"<sitemap>") == 2
    last = site.urlset(1)
    assert last is not None and last.count(b"<url>") == 5
    assert site.urlset(2) is None


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # Scrapy/twisted in the baseline child only
@pytest.mark.http
@pytest.mark.slow  # two crawls of a 50-page site
def test_the_harness_measures_newslake_and_the_baseline_on_a_small_site(tmp_path: Path) -> None:
    result = e2e.bench_size(50, concurrency=4, seed=8, order="baseline,newslake")
    [bare], [ours] = result.baseline, result.newslake
    assert bare.pages == 50 and bare.cpu > 0
    assert bare.throttle["AUTOTHROTTLE_ENABLED"] is True and bare.throttle["CONCURRENT_REQUESTS_PER_DOMAIN"] == 4
    assert ours.articles == 50
    assert set(ours.stage_wall) == {"crawl", "process", "dedup", "publish"}
    assert ours.stage_rss["crawl"] > 0 and ours.lake_bytes > 0
    assert 0 < ours.peak_pss <= ours.peak_rss
    assert result.ratios() == [ours.wall / bare.wall]
    section = e2e.render([result], "cmd", 4)
    docs = tmp_path / "benchmarks.md"
    docs.write_text("# Benchmarks\n\n<!-- other:start -->\nkept\n<!-- other:end -->\n", encoding="utf-8")
    e2e.write_section(section, docs)
    e2e.write_section(section, docs)
    text = docs.read_text(encoding="utf-8")
    assert text.count(e2e.START) == 1 and "kept" in text and "| 50 |" in text
    assert "`AUTOTHROTTLE_ENABLED=True`" in text


def test_a_size_measured_without_the_baseline_says_so_in_the_table() -> None:
    measured = e2e.Measured(wall=10.0, cpu=5.0, peak_rss=2**28, articles=100, stage_wall={"crawl": 4.0})
    with_baseline = e2e.SizeResult(100, [measured], [e2e.Measured(wall=40.0, cpu=30.0, pages=100)])
    without = e2e.SizeResult(1000, [measured], [])
    section = e2e.render([with_baseline, without], "cmd", 8)
    rows = [line for line in section.splitlines() if line.startswith(("| 100 |", "| 1,000 |"))]
    assert "**0.25×**" in rows[0] and "not run" in rows[1] and "**" not in rows[1]
    assert "Median ratio over the sizes with a baseline: 0.25×" in section


def test_repeats_are_reported_as_medians_and_the_ratio_as_the_median_of_same_repeat_ratios() -> None:
    ours = [e2e.Measured(wall=wall, cpu=wall, articles=100) for wall in (10.0, 30.0, 12.0)]
    bare = [e2e.Measured(wall=wall, cpu=wall, pages=100) for wall in (40.0, 40.0, 60.0)]
    section = e2e.render([e2e.SizeResult(100, ours, bare)], "cmd", 8)
    [row] = [line for line in section.splitlines() if line.startswith("| 100 |")]
    # medians: newslake 12 s, baseline 40 s; ratios 0.25, 0.75, 0.20 -> 0.25 (not 12 / 40 = 0.30)
    assert "| 12.0 |" in row and "| 40.0 |" in row and "**0.25×**" in row
    assert "10.0 / 40.0 s = 0.25×, 30.0 / 40.0 s = 0.75×, 12.0 / 60.0 s = 0.20×" in section


def test_runs_of_newslake_alone_fill_the_scale_section_and_leave_the_comparison(tmp_path: Path) -> None:
    alone = [
        e2e.SizeResult(pages, [e2e.Measured(wall=pages / 70, cpu=pages / 50, articles=pages)], [])
        for pages in (10_000, 100_000)
    ]
    compared = e2e.SizeResult(100, [e2e.Measured(wall=10.0, articles=100)], [e2e.Measured(wall=40.0, pages=100)])
    docs = tmp_path / "benchmarks.md"
    e2e.write_section(e2e.render([compared], "compare", 8), docs)
    e2e.write_section(e2e.render(alone, "scale", 8), docs)
    e2e.write_section(e2e.render(alone, "scale", 8), docs)
    text = docs.read_text(encoding="utf-8")
    assert text.count(e2e.SCALE_START) == 1 and text.count(e2e.START) == 1
    assert "`compare`" in text and "**0.25×**" in text
    scale = text.split(e2e.SCALE_START, 1)[1]
    assert "| 100,000 |" in scale and "20.0 ms |" in scale and "not run" not in scale
    assert "From N=10,000 to N=100,000 (10× the pages): newslake's wall time grew 10.00×" in scale


def test_saved_runs_render_as_the_run_itself_would(tmp_path: Path) -> None:
    ours = e2e.Measured(wall=10.0, cpu=2.0, articles=100, stage_wall={"crawl": 4.0}, stage_rss={"crawl": 2**27})
    bare = e2e.Measured(wall=40.0, cpu=5.0, pages=100, throttle={"AUTOTHROTTLE_ENABLED": True})
    results = [e2e.SizeResult(100, [ours], [bare])]
    e2e.save(tmp_path / "runs.json", "cmd", 8, results)
    command, concurrency, loaded = e2e.load(tmp_path / "runs.json")
    assert e2e.render(loaded, command, concurrency) == e2e.render(results, "cmd", 8)
