"""Start one site's crawl as a child process and wait for it, with a time limit.

The child gets its own session so a timeout kills its whole process group. Its log goes
straight to our stderr (the terminal), or, given ``log_line``, to that function one line at a
time: an Airflow task relays it through its own logger at each line's level, because a task's
raw stderr is shown as errors. Its JSON summary comes back on stdout.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

EXIT_MEANINGS = {
    2: "bad configuration",
    3: "a source could fetch none of its start URLs",
    4: "the fetches could not be written to the lake",
    -9: "killed",
}


@dataclass(frozen=True)
class CrawlResult:
    """How one site's crawl ended."""

    site: str
    source_ids: tuple[str, ...]
    exit_code: int
    summary: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """True when the crawl ran and each source fetched at least one of its start URLs."""
        return self.exit_code == 0

    @property
    def failed_sources(self) -> list[str]:
        """The sources that fetched none of their start URLs (all of them when the crawl did not run)."""
        per_source = self.summary.get("sources") or {}
        if not per_source:
            return [] if self.ok else list(self.source_ids)
        return [
            source_id
            for source_id in self.source_ids
            if not any(
                str(outcome).startswith("ok")
                for outcome in per_source.get(source_id, {}).get("start_urls", {}).values()
            )
        ]


def crawl_site(
    sources_path: str,
    site: str,
    source_ids: Sequence[str],
    lake_uri: str,
    run_id: str,
    dt: str,
    *,
    max_pages: int | None = None,
    recrawl: bool = False,
    timeout_seconds: float = 3600,
    log_level: str = "WARNING",
    env: Mapping[str, str] | None = None,
    log_line: Callable[[str], None] | None = None,
) -> CrawlResult:
    """Crawl the sources of ``site`` (``source_ids``, which share its host) into the lake in a child process."""
    command = [
        sys.executable,
        "-m",
        "crawlers.crawl",
        "--sources",
        sources_path,
        *(part for source_id in source_ids for part in ("--source", source_id)),
        "--lake",
        lake_uri,
        "--run-id",
        run_id,
        "--dt",
        dt,
        "--log-level",
        log_level,
    ]
    if max_pages is not None:
        command += ["--max-pages", str(max_pages)]
    if recrawl:
        command.append("--recrawl")
    child = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE if log_line else None,
        text=True,
        errors="replace",
        start_new_session=True,
        env={**os.environ, **(env or {})},
    )
    lines: list[str] = []
    pumps = [_pump(child.stdout, lines.append)]
    if log_line:
        pumps.append(_pump(child.stderr, log_line))
    try:
        child.wait(timeout=timeout_seconds)
    except subprocess.TimeoutExpired:
        os.killpg(child.pid, signal.SIGKILL)
        child.wait()
        why = f"the crawl took longer than {timeout_seconds:.0f} s"
        return CrawlResult(site, tuple(source_ids), -9, {"error": why})
    finally:
        for pump in pumps:
            pump.join()
        for stream in (child.stdout, child.stderr):
            if stream:
                stream.close()
    summary: dict[str, Any] = {}
    for line in reversed(lines):
        if line.startswith("{"):
            summary = json.loads(line)
            break
    return CrawlResult(site, tuple(source_ids), child.returncode, summary)


def _pump(stream: Iterable[str] | None, take: Callable[[str], None]) -> threading.Thread:
    """Hand each line of one of the child's pipes to ``take`` as it comes, on a thread of its own."""

    def pump() -> None:
        for line in stream or ():
            take(line.rstrip("\n"))

    thread = threading.Thread(target=pump, daemon=True)
    thread.start()
    return thread
