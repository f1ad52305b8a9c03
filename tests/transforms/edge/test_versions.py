"""The runs table names what produced its rows."""

from __future__ import annotations

from datetime import UTC, datetime

from transforms.edge.versions import package_version, run_versions
from transforms.extract.version import RULES_VERSION
from transforms.runs import run_rows


def test_extractor_version_names_newslakes_own_rules_not_a_library_it_does_not_call() -> None:
    at = datetime(2026, 5, 1, tzinfo=UTC)
    fetch = {"source_id": "wire", "role": "article", "status": 200, "error": None}
    (row,) = run_rows("r1", ["wire"], [fetch], [], [], at, at, versions=run_versions())
    assert row["extractor_version"] == f"newslake {package_version('newslake')} rules {RULES_VERSION}"
    assert "trafilatura" not in row["extractor_version"]
