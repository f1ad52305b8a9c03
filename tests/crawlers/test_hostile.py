"""Issue 7's done-when: a run against a hostile site finishes, keeps every good page, accounts
for every bad URL with one reject, leaks nothing local into the lake and stays small in memory."""

from __future__ import annotations

import itertools
import os
import subprocess
import sys
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psutil
import pyarrow.parquet as pq
import pytest
from support.hostile_site import BAD, BAD_FEEDS, FEEDS, GOOD, HostileSite, serve_hostile_site
from support.lake_tables import table_rows

from crawlers.retry_after import BACKOFF_SETTING, backoff_seconds
from crawlers.settings import crawl_settings
from transforms.sites import Site
from transforms.sources import Source

NEWSLAKE = str(Path(sys.executable).with_name("newslake"))
TIMEOUT = 1.5  # seconds; the site's slow page answers after 4
BACKOFF = 0.5  # seconds before the first retry, doubled for the second
RSS_LIMIT = 1024**3


@pytest.fixture(scope="module")
def canary(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A local file only an external entity could read, holding a string that must never reach the lake."""
    value = f"local-file-canary-{uuid.uuid4().hex}"
    path = tmp_path_factory.mktemp("secret") / "secret.txt"
    path.write_text(value + "\n", "utf-8")
    return path, value


@pytest.fixture(scope="module")
def hostile(canary: tuple[Path, str]) -> Iterator[HostileSite]:
    with serve_hostile_site(canary[0], slow_seconds=4.0) as site:
        yield site


@pytest.fixture(scope="module")
def run(hostile: HostileSite, canary: tuple[Path, str], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """One `newslake run` against the site in a child process, its process tree's memory sampled."""
    work = tmp_path_factory.mktemp("hostile-run")
    sources = work / "sources.yaml"
    urls = ", ".join(f'"{hostile.base_url}{feed}"' for feed in FEEDS)
    sources.write_text(
        f"sources:\n  - id: hostile\n    kind: feed\n    urls: [{urls}]\n    delay: 0\n    concurrency: 4\n"
    )
    env_canary = f"env-canary-{uuid.uuid4().hex}"
    env = {
        **os.environ,
        "NEWSLAKE_DOWNLOAD_TIMEOUT": str(TIMEOUT),
        "NEWSLAKE_RETRY_BACKOFF": str(BACKOFF),
        "NEWSLAKE_TEST_SECRET": env_canary,
        "AWS_SECRET_ACCESS_KEY": env_canary,
    }
    lake = work / "lake"
    command = [NEWSLAKE, "run", "--sources", str(sources), "--lake", str(lake), "--run-id", "h1", "--dt", "2026-05-02"]
    started = time.monotonic()
    with (work / "out.log").open("w+b") as log:
        child = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env, cwd=work)
        peak = _peak_tree_rss(child, deadline=started + 120)
        log.seek(0)
        output = log.read().decode("utf-8", "replace")
    return {
        "exit": child.returncode,
        "lake": lake,
        "peak_rss": peak,
        "seconds": time.monotonic() - started,
        "output": output,
        "secrets": [canary[1], env_canary],
    }


def _peak_tree_rss(child: subprocess.Popen[bytes], deadline: float) -> int:
    """The largest sum of resident memory over the child and its descendants, sampled every 50 ms."""
    parent = psutil.Process(child.pid)
    peak = 0
    while child.poll() is None:
        if time.monotonic() > deadline:
            child.kill()
            pytest.fail("the run did not finish within 120 s")
        total = 0
        try:
            for process in [parent, *parent.children(recursive=True)]:
                total += process.memory_info().rss
        except psutil.Error:
            pass  # a process ended between listing and sampling
        peak = max(peak, total)
        time.sleep(0.05)
    return peak


def _table(lake: Path, name: str) -> list[dict[str, Any]]:
    return table_rows(lake, name)


def test_the_run_completes(run: dict[str, Any]) -> None:
    assert run["exit"] == 0, run["output"][-3000:]


def test_every_good_page_is_an_article(run: dict[str, Any], hostile: HostileSite) -> None:
    articles = _table(run["lake"], "articles")
    urls = Counter(row["url"].removeprefix(hostile.base_url) for row in articles)
    assert set(urls) == set(GOOD), run["output"][-3000:]
    assert all(count == 1 for count in urls.values())
    assert all(len(row["text"]) >= 300 for row in articles)


def test_every_bad_url_is_one_reject_with_a_sensible_reason(run: dict[str, Any], hostile: HostileSite) -> None:
    rejects = _table(run["lake"], "rejects")
    by_url = Counter(row["url"].removeprefix(hostile.base_url) for row in rejects)
    assert set(by_url) == set(BAD) | set(BAD_FEEDS), rejects
    assert all(count == 1 for count in by_url.values()), by_url
    reasons = {row["url"].removeprefix(hostile.base_url): row["reason"] for row in rejects}
    wrong = {path: reason for path, reason in reasons.items() if reason not in (BAD | BAD_FEEDS)[path]}
    assert not wrong, [row for row in rejects if row["url"].removeprefix(hostile.base_url) in wrong]


def test_random_bytes_served_as_html_are_rejected(run: dict[str, Any], hostile: HostileSite) -> None:
    rejects = {row["url"].removeprefix(hostile.base_url): row["reason"] for row in _table(run["lake"], "rejects")}
    assert rejects.get("/bad/random.html") in BAD["/bad/random.html"]


def test_nothing_local_and_no_secret_reaches_the_lake(run: dict[str, Any]) -> None:
    passwd_line = Path("/etc/passwd").read_text("utf-8").splitlines()[0]  # e.g. root:x:0:0:root:/root:/bin/bash
    needles = [*run["secrets"], passwd_line]
    files = list(run["lake"].rglob("*"))
    assert [path for path in files if path.suffix == ".parquet"]
    for path in files:
        if not path.is_file():
            continue
        raw = path.read_bytes()
        # Parquet pages are compressed, so search the decoded values as well as the bytes.
        decoded = repr(pq.read_table(path).to_pylist()) if path.suffix == ".parquet" else ""
        for needle in needles:
            assert needle.encode() not in raw, (needle, path)
            assert needle not in decoded, (needle, path)
    for needle in run["secrets"]:
        assert needle not in run["output"]


def test_the_process_tree_stays_well_under_a_gigabyte(run: dict[str, Any]) -> None:
    print(f"peak RSS of the run's process tree: {run['peak_rss'] / 1024**2:.0f} MB; {run['seconds']:.1f} s")
    assert run["peak_rss"] < RSS_LIMIT


def test_a_page_failing_with_502_is_retried_after_growing_delays(run: dict[str, Any], hostile: HostileSite) -> None:
    attempts = hostile.requests_to("/flaky/bad-gateway.html")
    assert [status for _, status in attempts] == [502, 502, 200]
    gaps = [later - earlier for (earlier, _), (later, _) in itertools.pairwise(attempts)]
    print("502, 502, 200: seconds between attempts", [round(gap, 2) for gap in gaps])
    assert gaps[0] >= BACKOFF * 0.9
    assert gaps[1] >= 2 * BACKOFF * 0.9


def test_timeouts_and_dropped_connections_are_retried_twice_after_growing_delays(
    run: dict[str, Any], hostile: HostileSite
) -> None:
    for path, attempt_seconds in (("/bad/slow.html", TIMEOUT), ("/bad/reset.html", 0.0), ("/bad/short.html", 0.0)):
        times = [at for at, _ in hostile.requests_to(path)]
        assert len(times) == 3, path  # the first try and RETRY_TIMES (2) retries, then a reject
        gaps = [later - earlier for earlier, later in itertools.pairwise(times)]
        print(path, "seconds between attempts", [round(gap, 2) for gap in gaps])
        assert gaps[0] >= attempt_seconds + BACKOFF * 0.9, (path, gaps)
        assert gaps[1] >= attempt_seconds + 2 * BACKOFF * 0.9, (path, gaps)


def test_retry_after_is_honoured_before_the_page_becomes_an_article(run: dict[str, Any], hostile: HostileSite) -> None:
    for path, status in (("/flaky/throttled.html", 429), ("/flaky/unavailable.html", 503)):
        attempts = hostile.requests_to(path)
        assert [s for _, s in attempts] == [status, 200]
        print(path, status, "then 200 after", round(attempts[1][0] - attempts[0][0], 2), "s")
        assert attempts[1][0] - attempts[0][0] >= 0.9  # Retry-After: 1


def test_the_backoff_doubles_and_is_bounded() -> None:
    assert [backoff_seconds(attempt, 1.0, 120.0) for attempt in range(4)] == [1.0, 2.0, 4.0, 8.0]
    assert backoff_seconds(40, 1.0, 120.0) == 120.0


def test_the_timeout_is_lowered_only_through_the_environment() -> None:
    source = Source(id="s", kind="feed", urls=("http://127.0.0.1/feed.xml",))
    site = Site(name="127.0.0.1", sources=(source,), concurrency=2, delay=1.0)
    default = crawl_settings(site, "ua", environ={})
    assert (default["DOWNLOAD_TIMEOUT"], default[BACKOFF_SETTING]) == (30, 1.0)
    lowered = crawl_settings(site, "ua", environ={"NEWSLAKE_DOWNLOAD_TIMEOUT": "1.5", "NEWSLAKE_RETRY_BACKOFF": "0.2"})
    assert (lowered["DOWNLOAD_TIMEOUT"], lowered[BACKOFF_SETTING]) == (1.5, 0.2)
    with pytest.raises(ValueError, match="NEWSLAKE_DOWNLOAD_TIMEOUT='soon' is not a number of seconds"):
        crawl_settings(site, "ua", environ={"NEWSLAKE_DOWNLOAD_TIMEOUT": "soon"})
