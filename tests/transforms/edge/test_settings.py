"""Every environment setting has one default, written in transforms/edge/settings.py."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from transforms.edge import settings
from transforms.edge.settings import SettingError, crawl_parallelism

ROOT = Path(__file__).resolve().parents[3]
DEFAULTS = dict(value for value in vars(settings).values() if isinstance(value, tuple) and len(value) == 2)


def environment_reads(path: Path) -> list[tuple[str, object]]:
    """``os.environ.get("NEWSLAKE_…", default)`` calls in a file: (variable, default or None)."""
    found: list[tuple[str, object]] = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in {"get", "getenv"}
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and str(node.args[0].value).startswith("NEWSLAKE_")
        ):
            default = node.args[1].value if len(node.args) > 1 and isinstance(node.args[1], ast.Constant) else None
            found.append((str(node.args[0].value), default))
    return found


PACKAGES = [
    p for folder in ("transforms", "crawlers", "newslake", "dags") for p in sorted((ROOT / folder).rglob("*.py"))
]


@pytest.mark.parametrize("path", PACKAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_a_setting_read_outside_the_settings_module_uses_the_same_default(path: Path) -> None:
    for name, default in environment_reads(path):
        if name in DEFAULTS and default is not None:
            assert default == DEFAULTS[name], f"{path.relative_to(ROOT)} defaults {name} to {default!r}"
        if name in DEFAULTS:  # only DAG files, which may import only Airflow at parse time, read them directly
            assert path.parent.name == "dags", f"{path.relative_to(ROOT)} reads {name}; use transforms.edge.settings"


def test_crawl_parallelism_is_a_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEWSLAKE_CRAWL_PARALLELISM", raising=False)
    assert crawl_parallelism() == 2
    monkeypatch.setenv("NEWSLAKE_CRAWL_PARALLELISM", "4")
    assert crawl_parallelism() == 4
    monkeypatch.setenv("NEWSLAKE_CRAWL_PARALLELISM", "many")
    with pytest.raises(SettingError, match="NEWSLAKE_CRAWL_PARALLELISM='many' is not a whole number"):
        crawl_parallelism()
