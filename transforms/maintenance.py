"""Which days of the lake maintenance may touch: pure decisions over partition dates.

Days are measured from the newest day the lake holds (the newest run's logical date), never
from the wall clock: a lake restored from a backup, or a deployment that paused for a week,
keeps its open day open and its recent bodies until runs move on.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Policy:
    """What maintenance does to a lake (the defaults are settings: :mod:`transforms.edge.settings`).

    ``closed_after_days``: a day is closed (no run of the schedule writes it any more, so its
    files may be merged) once the newest day is at least this many days later.
    ``body_days``: fetch bodies of days more than this many days older than the newest day
    are dropped (their rows and every other column stay).
    ``grace_hours``: a file a newer snapshot no longer needs is deleted only this long after it
    was replaced, so a reader that opened an older snapshot finishes its query.
    ``target_bytes``: compacted files are written up to about this size.
    """

    closed_after_days: int
    body_days: int
    grace_hours: int
    target_bytes: int


def newest_day(days: Iterable[str]) -> str | None:
    """The latest ``YYYY-MM-DD`` among partition values (None for an empty lake)."""
    parsed = [_day(value) for value in days]
    valid = [day for day in parsed if day is not None]
    return max(valid).isoformat() if valid else None


def closed_days(days: Iterable[str], newest: str, closed_after_days: int) -> list[str]:
    """The days, oldest first, that are at least ``closed_after_days`` before ``newest``."""
    return _at_least(days, newest, closed_after_days)


def crowded_days(files: Iterable[tuple[str, int]], target_bytes: int) -> set[str]:
    """The days among ``files`` (each a day and a size in bytes) that hold two or more files under
    half of ``target_bytes``: runs' files to merge.

    A compacted day is files of about the target and at most one smaller remainder, so it is
    left alone: a clustered compaction rewrites every file of the day it is given, even one
    already compact.
    """
    small = Counter(day for day, size in files if size < target_bytes // 2)
    return {day for day, count in small.items() if count > 1}


def expired_days(days: Iterable[str], newest: str, body_days: int) -> list[str]:
    """The days, oldest first, whose bodies are past keeping: more than ``body_days`` before ``newest``."""
    return _at_least(days, newest, body_days + 1)


def _at_least(days: Iterable[str], newest: str, age: int) -> list[str]:
    top = date.fromisoformat(newest)
    found = {value for value in days if (day := _day(value)) is not None and (top - day).days >= age}
    return sorted(found)


def _day(value: str) -> date | None:
    """A partition value as a date; anything else (a hand-made folder) is not a day and is left alone."""
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None
