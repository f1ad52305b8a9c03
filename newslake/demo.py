"""``newslake demo``: the bundled sample news site, crawled into a local lake.

The site (``demo_site/``) is served on 127.0.0.1 only, for the length of the command; its
sources file is written next to the lake so the run can be repeated by hand afterwards.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime
from pathlib import Path

from newslake.pipeline import duckdb_hint, run_pipeline
from newslake.site_server import serve_site
from transforms.edge.lake import open_lake
from transforms.edge.sources_file import load_sources

SITE = Path(__file__).parent / "demo_site"
DEMO_PORT = 8765


def demo_sources_yaml(base_url: str) -> str:
    """The sources file for the demo site served at ``base_url``."""
    return f"""\
# Sources of the bundled demo site (served by `newslake demo --serve` at {base_url}).
user_agent: "newslake-demo/0.1 (+https://github.com/newslake/newslake)"
sources:
  - id: morning-breeze-zh
    kind: feed
    urls: ["{base_url}/feed.xml"]
    timezone: Asia/Shanghai
    language: zh
    delay: 0
    concurrency: 4
  - id: morning-breeze-en
    kind: feed
    urls: ["{base_url}/en/atom.xml"]
    language: en
    delay: 0
    concurrency: 4
"""


def run_demo(lake_uri: str, port: int = 0) -> int:
    """Serve the site, run the pipeline into ``lake_uri`` and print how to read the result."""
    lake = open_lake(lake_uri)
    with serve_site(SITE, port) as site:
        sources_path = Path(lake.uri) / "demo-sources.yaml"
        sources_path.write_text(demo_sources_yaml(site.base_url), "utf-8")
        sources = load_sources(sources_path)
        now = datetime.now(UTC)
        run_id = f"demo__{now:%Y-%m-%dT%H%M%SZ}"
        print(f"newslake demo: sample site at {site.base_url}, run {run_id} into {lake.uri}")
        report = run_pipeline(sources, lake, run_id, now.date().isoformat())
    articles = report.stages["dedup"].counts
    rejects = report.stages["process"].counts.get("rejects", 0)
    print()
    print(
        f"articles: {articles['articles']} rows in {articles['clusters']} clusters "
        f"({articles['duplicates']} duplicates); rejects: {rejects} rows"
    )
    print("wrote:")
    for path in report.files:
        print(f"  {path}")
    print(f"sources used: {sources_path}")
    print("read it with DuckDB:")
    print(f"  {duckdb_hint(lake.uri)}")
    return 1 if report.failed_sources else 0


def serve_forever(port: int = DEMO_PORT) -> int:
    """Serve the demo site until interrupted (for ``make airflow``)."""
    with serve_site(SITE, port or DEMO_PORT) as site:
        print(f"newslake demo site at {site.base_url} (Ctrl-C to stop)", flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            return 0
