"""Names in the lake: the file name a run owns and the partition values a path carries.

Pure string rules, shared by the lake's edge (which reads and writes the files) and the core
(which picks files by partition without opening them).
"""

from __future__ import annotations

import re

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def run_key(run_id: str) -> str:
    """A run id made safe for a file name (Airflow ids hold ':' and '+')."""
    return _UNSAFE.sub("_", run_id).strip("_") or "run"


def partition_values(path: str) -> dict[str, str]:
    """The Hive partition values written in a file's path."""
    return dict(part.split("=", 1) for part in path.split("/") if "=" in part)
