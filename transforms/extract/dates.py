"""Publish dates to the minute, with the timezone and where they were found.

Dates are the most reported bug of news extractors: day-only values, and times read in the
wrong timezone. A date here keeps its time when the page has one, takes an explicit offset
when given, else the source's timezone, else a timezone inferred from the page's language
(flagged as inferred).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

_DATETIME = re.compile(
    r"(?P<y>(?:19|20)\d{2})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})\s*日?"
    r"(?:[\sT]*(?P<H>\d{1,2})\s*[:：时]\s*(?P<M>\d{2})(?:\s*[:：分]\s*(?P<S>\d{2}))?"
    r"(?:\.\d+)?\s*(?P<tz>Z|[+-]\d{2}:?\d{2})?)?"
)
_RELATIVE = re.compile(r"(?P<n>\d+)\s*(?P<unit>分钟|小时|天)前")
_INFERRED_ZONES = {"zh": "Asia/Shanghai", "ja": "Asia/Tokyo", "ko": "Asia/Seoul"}


@dataclass(frozen=True)
class FoundDate:
    """A parsed date and how much of it the page really said."""

    value: datetime
    has_time: bool
    timezone_inferred: bool


def parse_date(
    text: str, *, timezone: str | None, language: str | None, now: datetime | None = None
) -> FoundDate | None:
    """The first date in ``text``; naive values are placed in ``timezone`` or an inferred one."""
    match = _DATETIME.search(text)
    if match is None:
        return _relative(text, now)
    try:
        naive = datetime(
            int(match["y"]), int(match["m"]), int(match["d"]),
            int(match["H"] or 0), int(match["M"] or 0), int(match["S"] or 0),
        )
    except ValueError:
        return None
    has_time = match["H"] is not None
    offset = match["tz"]
    if offset:
        parsed = datetime.fromisoformat(naive.isoformat() + ("+00:00" if offset == "Z" else _colon(offset)))
        return FoundDate(parsed, has_time, timezone_inferred=False)
    zone, inferred = zone_for(timezone, language)
    return FoundDate(naive.replace(tzinfo=zone), has_time, timezone_inferred=inferred)


def zone_for(timezone: str | None, language: str | None) -> tuple[ZoneInfo, bool]:
    """The source's zone when configured, else one inferred from the language (UTC if unknown)."""
    if timezone:
        return ZoneInfo(timezone), False
    base = (language or "").split("-")[0]
    return ZoneInfo(_INFERRED_ZONES.get(base, "UTC")), True


def _relative(text: str, now: datetime | None) -> FoundDate | None:
    match = _RELATIVE.search(text)
    if match is None or now is None:
        return None
    unit = {"分钟": timedelta(minutes=1), "小时": timedelta(hours=1), "天": timedelta(days=1)}[match["unit"]]
    value = (now - int(match["n"]) * unit).replace(second=0, microsecond=0)
    return FoundDate(value, has_time=match["unit"] != "天", timezone_inferred=False)


def _colon(offset: str) -> str:
    return offset if ":" in offset else offset[:3] + ":" + offset[3:]
