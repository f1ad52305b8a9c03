"""The versions a run records, read from the installed packages' metadata."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from transforms.extract.version import extractor_version


def package_version(name: str) -> str:
    """An installed package's version, or 'unknown'."""
    try:
        return version(name)
    except PackageNotFoundError:
        return "unknown"


def run_versions() -> dict[str, str]:
    """The runs table's ``newslake_version`` and ``extractor_version`` columns."""
    return {
        "newslake_version": package_version("newslake"),
        "extractor_version": extractor_version(package_version("newslake")),
    }
