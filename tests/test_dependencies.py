"""Runtime dependencies are what the runtime code imports; bench-only libraries stay out of them.

The deployment image installs ``[project] dependencies`` and nothing else (deploy/Dockerfile,
``uv export --no-dev``), so a runtime import missing from them breaks only in production, and
a library listed there that only ``bench/`` uses is weight every deployment carries.
"""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from functools import cache
from importlib.metadata import packages_distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUNTIME = ("newslake", "transforms", "crawlers", "dags")
BENCH_ONLY = {"trafilatura", "readability-lxml", "htmldate", "datasketch", "rensa"}
# The `airflow` package is split across apache-airflow-core, the task SDK and the providers;
# the apache-airflow distribution is what pulls them in at matching versions.
PROVIDED_BY = {"airflow": {"apache-airflow"}}
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))


def normalised(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def declared(requirements: list[str]) -> set[str]:
    return {normalised(re.split(r"[^A-Za-z0-9._-]", requirement, maxsplit=1)[0]) for requirement in requirements}


@cache
def distributions_of(module: str) -> frozenset[str]:
    """The installed distributions that provide a top-level module, by normalised name."""
    return frozenset(normalised(name) for name in _providers().get(module, [module]))


@cache
def _providers() -> dict[str, list[str]]:
    return packages_distributions()


def runtime_imports() -> set[str]:
    roots: set[str] = set()
    for folder in RUNTIME:
        for path in (ROOT / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text("utf-8"))):
                if isinstance(node, ast.Import):
                    roots |= {alias.name.split(".")[0] for alias in node.names}
                elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                    roots.add(node.module.split(".")[0])
    return {root for root in roots if root not in sys.stdlib_module_names and root not in RUNTIME}


def test_every_library_the_runtime_code_imports_is_a_declared_runtime_dependency() -> None:
    runtime = declared(PYPROJECT["project"]["dependencies"])
    undeclared = {
        module for module in runtime_imports() if not (PROVIDED_BY.get(module) or distributions_of(module)) & runtime
    }
    assert undeclared == set()


def test_bench_only_libraries_are_a_group_of_their_own_that_development_installs() -> None:
    groups = PYPROJECT["dependency-groups"]
    assert not BENCH_ONLY & declared(PYPROJECT["project"]["dependencies"])
    assert declared(groups["bench"]) >= BENCH_ONLY
    assert {"include-group": "bench"} in groups["dev"]
    assert "dev" in PYPROJECT["tool"]["uv"]["default-groups"]
    assert not BENCH_ONLY & {
        normalised(name) for module in runtime_imports() for name in packages_distributions().get(module, [])
    }
