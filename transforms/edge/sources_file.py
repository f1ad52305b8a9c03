"""Reading the sources file from disk; its rules live in :mod:`transforms.sources`."""

from __future__ import annotations

from pathlib import Path

from transforms.sources import SourcesError, SourcesFile, parse_sources


def load_sources(path: str | Path) -> SourcesFile:
    """Read and validate a sources file; raise ``SourcesError`` naming the line and key."""
    path = Path(path)
    try:
        text = path.read_text("utf-8")
    except FileNotFoundError:
        raise SourcesError(f"{path}: sources file not found (pass --sources or set NEWSLAKE_SOURCES)") from None
    return parse_sources(text, str(path))
