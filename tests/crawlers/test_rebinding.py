"""DNS rebinding: a host that answers a public address to the guard and a private one to the connection.

The crawl runs in a child process whose name lookups a test resolver answers (no real DNS):
``news.rebind.test`` first resolves to a public address, then to the second address. The
fixture site listens on 127.0.0.1, so a connection that used the second answer would reach it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from newslake.site_server import SiteServer, serve_site
from transforms.edge.lake import open_lake
from transforms.schemas import FETCHES

REPO = Path(__file__).resolve().parents[2]
SCRIPT = REPO / "tests" / "support" / "rebinding_crawl.py"
HOST = "news.rebind.test"


@pytest.mark.parametrize("second", ["127.0.0.1", "169.254.169.254"])
def test_a_host_rebinding_to_a_private_address_is_refused_at_connect_time(tmp_path: Path, second: str) -> None:
    root = tmp_path / "site"
    (root / "news").mkdir(parents=True)
    with serve_site(root) as site:
        port = site.base_url.rsplit(":", 1)[1]
        article = f"http://{HOST}:{port}/news/internal.html"
        (root / "feed.xml").write_text(
            f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
            f"<item><title>Internal</title><link>{article}</link></item></channel></rss>",
            "utf-8",
        )
        (root / "news" / "internal.html").write_text("<html><body><p>internal</p></body></html>", "utf-8")
        sources = tmp_path / "sources.yaml"
        sources.write_text(
            "sources:\n"
            f"  - {{id: feed, kind: feed, urls: ['{site.base_url}/feed.xml'], delay: 0,"
            f" allowed_domains: ['127.0.0.1', '{HOST}']}}\n",
            "utf-8",
        )
        lake = tmp_path / "lake"
        crawl = [
            "--sources", str(sources), "--source", "feed", "--lake", str(lake),
            "--run-id", "run-1", "--dt", "2026-05-16", "--log-level", "WARNING",
        ]  # fmt: skip
        done = subprocess.run(
            [sys.executable, str(SCRIPT), HOST, second, "--", *crawl],
            capture_output=True,
            text=True,
            timeout=120,
            cwd=REPO,
            env={**os.environ, "PYTHONPATH": str(REPO), "NEWSLAKE_RETRY_BACKOFF": "0.1"},
            check=False,
        )
        hosts_seen = _hosts(site)
    assert done.returncode == 0, done.stderr
    assert f"answers: 93.184.216.34,{second}" in done.stderr  # the guard saw public, the connection the other
    assert hosts_seen == {f"127.0.0.1:{port}"}  # nothing reached the site under the rebinding name
    rows = open_lake(str(lake)).read(FETCHES, open_lake(str(lake)).files("fetches")).to_pylist()
    (record,) = [row for row in rows if row["url"] == article]
    assert record["error"] == "private_address"
    assert second in record["error_detail"]


def _hosts(site: SiteServer) -> set[str]:
    return set(site.peak_in_flight)
