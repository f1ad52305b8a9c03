"""The dependency rule: the functional core imports no framework, DAG files hold wiring only."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def imported_roots(path: Path, *, top_level_only: bool = False) -> set[str]:
    tree = ast.parse(path.read_text("utf-8"))
    nodes = tree.body if top_level_only else list(ast.walk(tree))
    roots: set[str] = set()
    for node in nodes:
        if isinstance(node, ast.Import):
            roots |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


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
