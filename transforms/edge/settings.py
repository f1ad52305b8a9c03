"""Settings taken from the environment, each with its one default.

The command line, the Airflow tasks and the crawl processes read their configuration here, so
a default is written once. (DAG files read ``NEWSLAKE_SCHEDULE`` and, for the trigger form's
pick list, ``NEWSLAKE_SOURCES`` themselves: they may import only Airflow at parse time; a
test checks they use these same defaults.)
"""

from __future__ import annotations

import os

from transforms.maintenance import Policy

SOURCES = ("NEWSLAKE_SOURCES", "sources.yaml")
LAKE = ("NEWSLAKE_LAKE", "./lake")
SCHEDULE = ("NEWSLAKE_SCHEDULE", "@hourly")
CRAWL_PARALLELISM = ("NEWSLAKE_CRAWL_PARALLELISM", "2")
"""Crawls a command-line run runs at once (each is a Scrapy process); in Airflow the
``newslake_crawl`` pool's slots play this part."""
PROCESS_WORKERS = ("NEWSLAKE_PROCESS_WORKERS", "")
"""Extraction processes (empty: one per core)."""
AWS_CONN_ID = ("NEWSLAKE_AWS_CONN_ID", "")
CLOSED_AFTER_DAYS = ("NEWSLAKE_CLOSED_AFTER_DAYS", "1")
"""A day's files are compacted once the newest run's day is this many days later."""
BODY_RETENTION_DAYS = ("NEWSLAKE_BODY_RETENTION_DAYS", "90")
"""Fetch bodies older than this many days (before the newest run's day) are dropped; the rows stay."""
VACUUM_GRACE_HOURS = ("NEWSLAKE_VACUUM_GRACE_HOURS", "168")
"""Files replaced (by compaction, retention or a rerun) are deleted only this long after: a reader
of an older snapshot, or a look back in time within the window, still finds them."""
COMPACT_TARGET_MB = ("NEWSLAKE_COMPACT_TARGET_MB", "256")
"""About how large a compacted file grows before a partition gets a second one."""
MAINTENANCE_SCHEDULE = ("NEWSLAKE_MAINTENANCE_SCHEDULE", "@daily")
"""When the news_maintenance DAG runs (``none`` switches it off)."""


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


def maintenance_policy() -> Policy:
    """What ``newslake compact`` and the maintenance DAG do, from the NEWSLAKE_* settings above."""
    return Policy(
        closed_after_days=whole_number(CLOSED_AFTER_DAYS) or 1,
        body_days=whole_number(BODY_RETENTION_DAYS) or 1,
        grace_hours=whole_number(VACUUM_GRACE_HOURS) or 1,
        target_bytes=(whole_number(COMPACT_TARGET_MB) or 1) * 1024 * 1024,
    )
