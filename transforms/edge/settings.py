"""Settings taken from the environment, each with its one default.

The command line, the Airflow tasks and the crawl processes read their configuration here, so
a default is written once. (DAG files read ``NEWSLAKE_SCHEDULE`` and, for the trigger form's
pick list, ``NEWSLAKE_SOURCES`` themselves: they may import only Airflow at parse time; a
test checks they use these same defaults.)
"""

from __future__ import annotations

import os

SOURCES = ("NEWSLAKE_SOURCES", "sources.yaml")
LAKE = ("NEWSLAKE_LAKE", "./lake")
SCHEDULE = ("NEWSLAKE_SCHEDULE", "@hourly")
CRAWL_PARALLELISM = ("NEWSLAKE_CRAWL_PARALLELISM", "2")
"""Crawls a command-line run runs at once (each is a Scrapy process); in Airflow the
``newslake_crawl`` pool's slots play this part."""
PROCESS_WORKERS = ("NEWSLAKE_PROCESS_WORKERS", "")
"""Extraction processes (empty: one per core)."""
AWS_CONN_ID = ("NEWSLAKE_AWS_CONN_ID", "")


class SettingError(ValueError):
    """A setting holds a value that cannot be used; the message names it and the fix."""


def setting(variable: tuple[str, str]) -> str:
    """The variable's value, or its default when unset or blank."""
    name, default = variable
    return os.environ.get(name, "").strip() or default


def sources_path() -> str:
    """The sources file (``$NEWSLAKE_SOURCES``, default ``sources.yaml``)."""
    return setting(SOURCES)


def lake_uri() -> str:
    """The lake (``$NEWSLAKE_LAKE``, default ``./lake``)."""
    return setting(LAKE)


def whole_number(variable: tuple[str, str]) -> int | None:
    """A setting that counts something (at least 1), or None when unset with no default."""
    value = setting(variable)
    if not value:
        return None
    try:
        return max(1, int(value))
    except ValueError:
        raise SettingError(f"{variable[0]}={value!r} is not a whole number; unset it or give e.g. 2") from None


def crawl_parallelism() -> int:
    """How many crawls a command-line run runs at once."""
    return whole_number(CRAWL_PARALLELISM) or 1
