"""DuckDB on the lake: a connection that reads its Delta tables, local or on S3, offline.

DuckDB's ``delta`` and ``httpfs`` extensions come from their Python packages
(``duckdb-extension-delta``, ``-httpfs``, built for the pinned DuckDB) and are loaded from
those files; nothing is downloaded (automatic install and load are off, so a missing
package is an error here, not a silent download on a machine that may be offline). For an
``s3://`` lake the connection gets an S3 secret from the same ``AWS_*`` environment the lake
uses, so ``delta_scan('s3://…/articles')`` works against AWS, MinIO or a local endpoint.
"""

from __future__ import annotations

import importlib
import os
from pathlib import Path
from urllib.parse import urlsplit

import duckdb

EXTENSIONS = ("httpfs", "delta")


class DuckError(RuntimeError):
    """DuckDB cannot read the lake; the message names what is missing and how to get it."""


def extension_file(name: str) -> Path:
    """The packaged extension file for this DuckDB version."""
    try:
        package = importlib.import_module(f"duckdb_extension_{name}")
    except ImportError:
        raise DuckError(
            f"DuckDB's {name} extension is not installed; install duckdb-extension-{name}=={duckdb.__version__}"
        ) from None
    path = Path(package.__file__ or "").parent / "extensions" / f"v{duckdb.__version__}" / f"{name}.duckdb_extension"
    if not path.is_file():
        raise DuckError(
            f"the installed duckdb-extension-{name} has no build for DuckDB {duckdb.__version__} ({path}); "
            f"install duckdb-extension-{name}=={duckdb.__version__}"
        )
    return path


def connect(lake_uri: str | None = None) -> duckdb.DuckDBPyConnection:
    """A DuckDB connection that reads the lake's tables with ``delta_scan('<lake>/<table>')``."""
    con = duckdb.connect(config={"autoinstall_known_extensions": "false", "autoload_known_extensions": "false"})
    for name in EXTENSIONS:
        con.execute(f"LOAD '{extension_file(name)}'")
    if lake_uri is not None and lake_uri.startswith("s3://"):
        con.execute(s3_secret_sql())
    return con


def s3_secret_sql() -> str:
    """``CREATE SECRET`` for S3 from the ``AWS_*`` environment (path-style, plain HTTP for an http:// endpoint)."""
    options = {"TYPE": "s3"}
    endpoint = os.environ.get("AWS_ENDPOINT_URL_S3") or os.environ.get("AWS_ENDPOINT_URL")
    if endpoint:
        parts = urlsplit(endpoint)
        options |= {
            "ENDPOINT": parts.netloc or parts.path,
            "URL_STYLE": "path",
            "USE_SSL": "false" if parts.scheme == "http" else "true",
        }
    region = os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION")
    if region:
        options["REGION"] = region
    keys = {"KEY_ID": "AWS_ACCESS_KEY_ID", "SECRET": "AWS_SECRET_ACCESS_KEY", "SESSION_TOKEN": "AWS_SESSION_TOKEN"}
    options |= {option: os.environ[key] for option, key in keys.items() if os.environ.get(key)}
    if "KEY_ID" not in options:
        options["PROVIDER"] = "credential_chain"
    body = ", ".join(
        f"{key} {value}" if key in {"TYPE", "PROVIDER"} else f"{key} '{value.replace(chr(39), chr(39) * 2)}'"
        for key, value in options.items()
    )
    return f"CREATE OR REPLACE SECRET newslake_lake ({body})"
