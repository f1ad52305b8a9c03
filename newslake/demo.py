"""``newslake demo``: the bundled sample news site, crawled into a local lake.

The site (``demo_site/``) is served on 127.0.0.1 only, for the length of the command; its
sources file is written next to the lake so the run can be repeated by hand afterwards.
"""

from __future__ import annotations

import os
import sys
import time
from contextlib import ExitStack
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


def demo_port() -> int:
    """The demo site's port: ``NEWSLAKE_DEMO_PORT``, else 8765 (where ``make airflow`` serves it too).

    A fixed port keeps the article URLs the same from one demo to the next, so a second demo
    is what a second scheduled run is: nothing already fetched is fetched again.
    """
    return int(os.environ.get("NEWSLAKE_DEMO_PORT") or DEMO_PORT)


def run_demo(lake_uri: str, port: int | None = None) -> int:
    """Serve the site, run the pipeline into ``lake_uri`` and print how to read the result."""
    lake = open_lake(lake_uri)
    port = demo_port() if port is None else port
    with ExitStack() as stack:
        try:
            site = stack.enter_context(serve_site(SITE, port))
        except OSError as error:
            print(
                f"error: port {port} for the demo site is taken ({error.strerror}); stop what uses it "
                "(`make airflow` serves the same site there) or pass --port",
                file=sys.stderr,
            )
            return 2
        sources_path = Path(lake.uri) / "demo-sources.yaml"
        sources_path.write_text(demo_sources_yaml(site.base_url), "utf-8")
        sources = load_sources(sources_path)
        now = datetime.now(UTC)
        run_id = f"demo__{now:%Y-%m-%dT%H%M%SZ}"
        print(f"newslake demo: sample site at {site.base_url}, run {run_id} into {lake.uri}")
        report = run_pipeline(sources, lake, run_id, now.date().isoformat())
    print()
    print(describe_demo_run(report.stages["dedup"].counts, report.stages["process"].counts.get("rejects", 0)))
    print("wrote:")
    for path in report.outputs:
        print(f"  {path}")
    print("read the stories (one canonical row per story; drop the WHERE for every copy) with DuckDB:")
    print(f"  {duckdb_hint(lake.uri)}")
    print(f"next: .venv/bin/newslake report --lake {lake_uri}   (an HTML report of the lake)")
    print("      make airflow   (the same pipeline on a schedule, in Airflow at http://127.0.0.1:8080)")
    return 1 if report.failed_sources else 0


def describe_demo_run(dedup: dict[str, int], rejects: int) -> str:
    """The run's counts, saying which are stories (canonical rows) and which are copies."""
    copies, duplicates = dedup.get("articles", 0), dedup.get("duplicates", 0)
    return (
        f"this run: {copies - duplicates} new stories (canonical rows) in {copies} article copies "
        f"({duplicates} copies of a story already seen); {rejects} URLs rejected"
    )


def serve_forever(port: int | None = None) -> int:
    """Serve the demo site until interrupted (for ``make airflow``)."""
    with serve_site(SITE, demo_port() if port is None else port) as site:
        print(f"newslake demo site at {site.base_url} (Ctrl-C to stop)", flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            return 0
