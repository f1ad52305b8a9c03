"""The dependency rule: a pure core, I/O at its edge, frameworks in the shells, DAG files wiring only.

``transforms/`` outside ``transforms/edge/`` is the core: values in, values out. It may import
only what :data:`CORE_MAY_IMPORT` lists (computation: parsing, hashing, Arrow arrays and
numpy), never a module that reaches files, the environment, the clock, processes, threads,
DuckDB or the network; and it calls none of the functions in :data:`CORE_MAY_NOT_CALL`.
``transforms/edge/`` does that I/O for it (the lake, spools, DuckDB, pools, settings).
"""

from __future__ import annotations

import ast
import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EDGE = ROOT / "transforms" / "edge"
CORE = sorted(path for path in (ROOT / "transforms").rglob("*.py") if EDGE not in path.parents)

CORE_MAY_IMPORT = frozenset(
    {
        # standard library: computation on values
        "__future__",
        "base64",
        "codecs",
        "collections",
        "collections.abc",
        "dataclasses",
        "datetime",
        "difflib",
        "email.utils",
        "enum",
        "functools",
        "gzip",
        "hashlib",
        "heapq",
        "html",
        "html.entities",  # the HTML5 named-entity table: data
        "http",
        "itertools",
        "json",
        "logging",  # records what went wrong with a page; where the records go is the caller's choice
        "math",
        "operator",
        "re",
        "statistics",
        "typing",
        "unicodedata",
        "urllib.parse",
        "uuid",  # name-based uuid5 only: uuid1/uuid4 are in CORE_MAY_NOT_CALL
        "zlib",
        "zoneinfo",
        # third party: parsers, hashes and arrays (not pyarrow.parquet, .fs, .dataset: those read files)
        "charset_normalizer",
        "cssselect",
        "lxml.etree",
        "lxml.html",
        "numpy",
        "numpy.typing",
        "opencc",
        "pyarrow",
        "parsel",  # CSS and XPath selectors over a given document (a source's extract: rules)
        "pyarrow.compute",
        "w3lib.url",
        "xxhash",
        "yaml",
    }
)
"""Modules the core may import (by full name), besides its own modules outside ``transforms.edge``."""

CORE_MAY_NOT_CALL = frozenset(
    {
        "open",
        "print",
        "input",
        "now",
        "utcnow",
        "today",
        "uuid1",
        "uuid4",
        "getenv",
        "read_text",
        "read_bytes",
        "write_text",
        "write_bytes",
        "fromfile",
        "tofile",
        "memmap",
        "memory_map",
    }
)
"""Names whose call means I/O or a clock even through an allowed import (``datetime.now()``, ``open()``)."""


def imported_modules(path: Path, *, top_level_only: bool = False) -> set[str]:
    """Full names of imported modules; ``from a import b`` counts ``a.b`` when that is a module, else ``a``."""
    tree = ast.parse(path.read_text("utf-8"))
    nodes = tree.body if top_level_only else list(ast.walk(tree))
    modules: set[str] = set()
    for node in nodes:
        if isinstance(node, ast.Import):
            modules |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                submodule = f"{node.module}.{alias.name}"
                modules.add(submodule if _is_module(node.module, alias.name) else node.module)
    return modules


def _is_module(package: str, name: str) -> bool:
    try:
        return importlib.util.find_spec(f"{package}.{name}") is not None
    except (ImportError, ValueError):  # ``package`` is a module, not a package
        return False


def imported_roots(path: Path, *, top_level_only: bool = False) -> set[str]:
    return {name.split(".")[0] for name in imported_modules(path, top_level_only=top_level_only)}


def core_may_import(module: str) -> bool:
    if module == "transforms.edge" or module.startswith("transforms.edge."):
        return False
    return module in CORE_MAY_IMPORT or module == "transforms" or module.startswith("transforms.")


def called_names(path: Path) -> set[str]:
    calls: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Call):
            if isinstance(node.func, ast.Name):
                calls.add(node.func.id)
            elif isinstance(node.func, ast.Attribute):
                calls.add(node.func.attr)
    return calls


@pytest.mark.parametrize("path", CORE, ids=lambda p: str(p.relative_to(ROOT)))
def test_the_core_imports_only_computation(path: Path) -> None:
    outside = sorted(module for module in imported_modules(path) if not core_may_import(module))
    assert not outside, f"{path.relative_to(ROOT)} is core and imports {outside}: move the I/O to transforms/edge/"


@pytest.mark.parametrize("path", CORE, ids=lambda p: str(p.relative_to(ROOT)))
def test_the_core_calls_no_file_clock_or_environment_function(path: Path) -> None:
    found = sorted(called_names(path) & CORE_MAY_NOT_CALL)
    assert not found, f"{path.relative_to(ROOT)} is core and calls {found}: take the value as a parameter"


def test_the_contract_catches_what_it_forbids(tmp_path: Path) -> None:
    """The check itself: a core file reaching for I/O is caught, however it imports it."""
    sample = tmp_path / "sample.py"
    sample.write_text(
        "import os\nimport duckdb\nfrom pyarrow import parquet\nimport pyarrow.fs\nfrom transforms.edge import lake\n"
        "import subprocess, multiprocessing, threading, tempfile\nfrom pathlib import Path\n",
        "utf-8",
    )
    outside = {module for module in imported_modules(sample) if not core_may_import(module)}
    assert outside >= {
        "os",
        "duckdb",
        "pyarrow.parquet",
        "pyarrow.fs",
        "transforms.edge.lake",
        "subprocess",
        "multiprocessing",
        "threading",
        "tempfile",
        "pathlib",
    }
    sample.write_text("from datetime import datetime\nstamp = datetime.now()\ntext = open('x').read()\n", "utf-8")
    assert called_names(sample) & CORE_MAY_NOT_CALL == {"now", "open"}


@pytest.mark.parametrize("path", sorted((ROOT / "transforms").rglob("*.py")), ids=lambda p: str(p.relative_to(ROOT)))
def test_transforms_import_neither_scrapy_nor_airflow_nor_the_shells(path: Path) -> None:
    assert not imported_roots(path) & {"scrapy", "twisted", "airflow", "crawlers", "newslake", "dags"}


@pytest.mark.parametrize("path", sorted((ROOT / "crawlers").rglob("*.py")), ids=lambda p: str(p.relative_to(ROOT)))
def test_crawlers_do_not_import_airflow_or_the_cli(path: Path) -> None:
    assert not imported_roots(path) & {"airflow", "newslake", "dags"}


@pytest.mark.parametrize("path", sorted((ROOT / "dags").glob("*.py")), ids=lambda p: p.name)
def test_dag_files_import_only_airflow_and_the_standard_library_at_module_level(path: Path) -> None:
    allowed = {"airflow", "__future__"} | set(sys.stdlib_module_names)
    assert imported_roots(path, top_level_only=True) <= allowed
