"""Shared fixtures: the real texts under tests/fixtures/neardup/."""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).parents[2] / "fixtures" / "neardup"


@pytest.fixture(scope="session")
def texts() -> dict[str, str]:
    """Every fixture text by file stem (original, copy_traditional, truncated, followup, ...)."""
    return {path.stem: path.read_text(encoding="utf-8") for path in sorted(FIXTURES.glob("*.txt"))}
