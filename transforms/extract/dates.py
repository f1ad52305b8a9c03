"""Publish dates to the minute, with the timezone and where they were found.

Dates are the most reported bug of news extractors: day-only values, and times read in the
wrong timezone. A date here keeps its time when the page has one, takes an explicit offset
when given, else the source's timezone, else a timezone inferred from the site's country or
the page's language (flagged as inferred). Relative forms (``3小时前``, ``昨天 08:30``,
``03-05 08:30``) are read against the fetch time, which the caller passes in: extraction has
no clock.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from transforms.extract.folding import Folded

_CLOCK = (
    r"(?:(?P<half>[上下]午|早上|晚上)\s*)?(?P<H>\d{1,2})\s*(?:[:：时點点]|h(?=\d))\s*(?P<M>\d{2})(?:\s*[:：分]\s*(?P<S>\d{2}))?"
    r"(?:\.\d+)?\s*(?P<ampm>[AaPp]\.?[Mm]\.?)?\s*(?P<tz>Z|[+-]\d{2}:?\d{2}|UTC|GMT)?"
)
_NUMERIC = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d{2})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})(?!\d)\s*[日号]?"
    r"(?:\s*[（(]?(?:星期|禮拜|礼拜|周|週)[一二三四五六日天][）)]?)?"
    rf"(?:[\sT]*{_CLOCK})?"
)
# ``28.04.2023``, ``24.04.2024, 15:10 Uhr``, ``9/17/2004 5:54:13 AM``: the year last.
_YEAR_LAST = re.compile(
    r"(?<![\d.:/-])(?P<a>\d{1,2})(?P<sep>[./-])(?P<b>\d{1,2})(?P=sep)(?P<y>(?:19|20)\d{2})(?![\d.:/-]\d)"
    rf"(?:,?\s*(?:um|à|a las|alle|às|om|at|kl\.?|[-|·•])?\s*{_CLOCK})?"
)
_YEAR = re.compile(r"(?:19|20)\d{2}")  # the year each full-date pattern below requires
_EPOCH = re.compile(r"^@(\d{9,10})$")
_URL_DAY = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})[/_-]?(?P<m>[01]\d)[/_-](?P<d>[0-3]\d)(?!\d)")
_COMPACT = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})(?P<m>[01]\d)(?P<d>[0-3]\d)(?!\d)")
_MONTH_ABBREVIATIONS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTHS = {name: number for number, name in enumerate(_MONTH_ABBREVIATIONS, 1)}
_MONTH_NAME = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|"
    r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_ENGLISH = re.compile(
    rf"(?:(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<mon1>{_MONTH_NAME})\.?|(?P<mon2>{_MONTH_NAME})\.?\s+(?P<d2>\d{{1,2}})"
    rf"(?:st|nd|rd|th)?),?\s+(?P<y>(?:19|20)\d{{2}})(?:,?\s*(?:at\s+|[-|]\s*)?{_CLOCK})?",
    re.IGNORECASE,
)
# The month name ``_ENGLISH`` needs, looked for first: most texts with a year have none, and the
# full pattern is a slow case-insensitive scan.
_ENGLISH_MONTH = Folded(_MONTH_NAME)
# Month names of the languages the sources publish in, beyond English: ``13. Mai 2026``,
# ``5 de mayo de 2026``, ``le 5 mai 2026 à 10h30``, ``3 maart 2025``.
# Russian and Ukrainian write a date's month in the genitive: ``15 августа 2016``, ``15 серпня 2016``.
_CYRILLIC_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("января", "січня"),
            ("февраля", "лютого"),
            ("марта", "березня"),
            ("апреля", "квітня"),
            ("мая", "травня"),
            ("июня", "червня"),
            ("июля", "липня"),
            ("августа", "серпня"),
            ("сентября", "вересня"),
            ("октября", "жовтня"),
            ("ноября", "листопада"),
            ("декабря", "грудня"),
        ),
        start=1,
    )
    for name in names
}
_FOREIGN_MONTHS = {
    **_CYRILLIC_MONTHS,
    **dict.fromkeys(
        ("januar", "jänner", "janvier", "enero", "gennaio", "janeiro", "januari", "styczeń", "stycznia"), 1
    ),
    **dict.fromkeys(("februar", "février", "fevrier", "febrero", "febbraio", "fevereiro", "februari", "lutego"), 2),
    **dict.fromkeys(("märz", "maerz", "mars", "marzo", "março", "marco", "maart", "marca"), 3),
    **dict.fromkeys(("avril", "abril", "aprile", "kwietnia"), 4),
    **dict.fromkeys(("mai", "mayo", "maggio", "maio", "mei", "maja"), 5),
    **dict.fromkeys(("juni", "juin", "junio", "giugno", "junho", "czerwca"), 6),
    **dict.fromkeys(("juli", "juillet", "julio", "luglio", "julho", "lipca"), 7),
    **dict.fromkeys(("august", "août", "aout", "agosto", "augustus", "sierpnia"), 8),
    **dict.fromkeys(("september", "septembre", "septiembre", "setiembre", "settembre", "setembro", "września"), 9),
    **dict.fromkeys(("oktober", "octobre", "octubre", "ottobre", "outubro", "października"), 10),
    **dict.fromkeys(("november", "novembre", "noviembre", "novembro", "listopada"), 11),
    **dict.fromkeys(
        ("dezember", "décembre", "decembre", "diciembre", "dicembre", "dezembro", "december", "grudnia"), 12
    ),
}
_FOREIGN = re.compile(  # any word in the month's place; ``_FOREIGN_MONTHS`` says whether it is one
    r"(?<!\d)(?P<d>\d{1,2})(?:\.|º|er)?\s*(?:de\s+)?(?P<mon>[^\W\d_]{3,12})\.?,?\s*(?:de\s+|del\s+)?"
    r"(?P<y>(?:19|20)\d{2})(?!\d)"
    rf"(?:,?\s*(?:um|à|a las|alle|às|om|kl\.?|[-|·•])?\s*{_CLOCK})?"
)
_DAY_FIRST_LANGUAGES = frozenset(
    ("de", "fr", "es", "it", "pt", "nl", "pl", "ru", "da", "no", "nb", "sv", "fi", "cs", "tr")
)
_DAY_FIRST_COUNTRIES = frozenset(("uk", "ie", "au", "nz", "in", "za"))
_MONTH_DAY = re.compile(
    r"(?<![\d-])(?P<m>[01]?\d)\s*[-/月]\s*(?P<d>[0-3]?\d)\s*日?\s+(?P<H>[0-2]?\d)[:：](?P<M>[0-5]\d)"
)
_RELATIVE = re.compile(r"(?P<n>\d+)\s*(?P<unit>秒|分钟|小時|小时|天|日|minutes?|mins?|hours?|hrs?|days?)\s*(?:前|ago)")
_DAY_WORD = re.compile(r"(?P<word>今天|昨天|前天|today|yesterday)\s*(?P<H>\d{1,2})[:：](?P<M>\d{2})", re.IGNORECASE)
_JUST_NOW = re.compile(r"^\s*(?:刚刚|剛剛|just now)\s*$", re.IGNORECASE)
_LANGUAGE_ZONES = {
    "zh-hans": "Asia/Shanghai",
    "zh-hant": "Asia/Taipei",
    "zh": "Asia/Shanghai",
    "ja": "Asia/Tokyo",
    "ko": "Asia/Seoul",
    # Languages spoken (nearly) in one zone only; Spanish, Portuguese and English span oceans.
    "de": "Europe/Berlin",
    "fr": "Europe/Paris",
    "it": "Europe/Rome",
    "nl": "Europe/Amsterdam",
    "pl": "Europe/Warsaw",
    "cs": "Europe/Prague",
    "da": "Europe/Copenhagen",
    "sv": "Europe/Stockholm",
    "nb": "Europe/Oslo",
    "fi": "Europe/Helsinki",
}
_COUNTRY_ZONES = {
    "cn": "Asia/Shanghai",
    "hk": "Asia/Hong_Kong",
    "mo": "Asia/Macau",
    "tw": "Asia/Taipei",
    "sg": "Asia/Singapore",
    "jp": "Asia/Tokyo",
    "kr": "Asia/Seoul",
    "uk": "Europe/London",
    "ie": "Europe/Dublin",
    "de": "Europe/Berlin",
    "fr": "Europe/Paris",
    "it": "Europe/Rome",
    "es": "Europe/Madrid",
    "nl": "Europe/Amsterdam",
    "ru": "Europe/Moscow",
    "ua": "Europe/Kiev",
    "in": "Asia/Kolkata",
    "br": "America/Sao_Paulo",
    "au": "Australia/Sydney",
    "nz": "Pacific/Auckland",
    "at": "Europe/Vienna",
    "ch": "Europe/Zurich",
    "pl": "Europe/Warsaw",
    "cz": "Europe/Prague",
    "be": "Europe/Brussels",
    "pt": "Europe/Lisbon",
    "se": "Europe/Stockholm",
    "no": "Europe/Oslo",
    "dk": "Europe/Copenhagen",
    "fi": "Europe/Helsinki",
    "gr": "Europe/Athens",
    "tr": "Europe/Istanbul",
}
_UNITS = {
    "秒": timedelta(seconds=1),
    "分钟": timedelta(minutes=1),
    "小时": timedelta(hours=1),
    "小時": timedelta(hours=1),
    "天": timedelta(days=1),
    "日": timedelta(days=1),
    "minute": timedelta(minutes=1),
    "min": timedelta(minutes=1),
    "hour": timedelta(hours=1),
    "hr": timedelta(hours=1),
    "day": timedelta(days=1),
}


@dataclass(frozen=True)
class FoundDate:
    """A parsed date and how much of it the page really said."""

    value: datetime
    has_time: bool
    timezone_inferred: bool


@dataclass(frozen=True)
class Zone:
    """Where naive times are placed: the source's zone, else an inferred one (flagged)."""

    timezone: str | None = None
    language: str | None = None
    url: str | None = None


def parse_date(text: str, zone: Zone, now: datetime | None = None) -> FoundDate | None:
    """The first date in ``text``; naive values are placed in the zone ``zone`` resolves to.

    A date later than ``now`` (beyond a day of clock skew) is refused: it is an event date,
    an expiry or a typo, never when the article was published.
    """
    found = _epoch(text, zone) or _absolute(text, zone, now) or _relative(text, zone, now)
    if found is None or (now is not None and found.value > now + timedelta(days=1)):
        return None
    return found


def zone_for(zone: Zone) -> tuple[ZoneInfo, bool]:
    """The source's zone when configured, else one inferred from the site's country or language."""
    if zone.timezone:
        return ZoneInfo(zone.timezone), False
    host = urlsplit(zone.url or "").hostname or ""
    country = host.rsplit(".", 1)[-1] if "." in host else ""
    if country in _COUNTRY_ZONES:
        return ZoneInfo(_COUNTRY_ZONES[country]), True
    language = (zone.language or "").lower()
    inferred = _LANGUAGE_ZONES.get(language) or _LANGUAGE_ZONES.get(language.split("-")[0], "UTC")
    return ZoneInfo(inferred), True


def _absolute(text: str, zone: Zone, now: datetime | None) -> FoundDate | None:
    """The earliest full date in ``text`` whatever its form, so a date line is read as written."""
    matches = []
    if _YEAR.search(text):  # every full-date form holds a year: most digits on a page are not dates
        foreign = next((m for m in _FOREIGN.finditer(text) if m["mon"].lower() in _FOREIGN_MONTHS), None)
        english = _ENGLISH.search(text) if _ENGLISH_MONTH.found_in(text) else None
        matches = [m for m in (_NUMERIC.search(text), english, _YEAR_LAST.search(text), foreign) if m]
    if matches:
        match = min(matches, key=lambda m: m.start())
        groups = match.groupdict()
        year = int(groups["y"])
        if match.re is _NUMERIC:
            month, day = int(groups["m"]), int(groups["d"])
        elif match.re is _YEAR_LAST:
            month, day = _day_and_month(int(groups["a"]), int(groups["b"]), groups["sep"], zone)
        elif match.re is _FOREIGN:
            month, day = _FOREIGN_MONTHS[groups["mon"].lower()], int(groups["d"])
        else:
            month = _MONTHS[(groups.get("mon1") or groups.get("mon2") or "")[:3].lower()]
            day = int(groups.get("d1") or groups.get("d2") or 0)
        return _build(year, month, day, groups, zone)
    if now is not None and (short := _MONTH_DAY.search(text)):
        local_now = now.astimezone(zone_for(zone)[0])
        groups = short.groupdict()
        found = _build(local_now.year, int(groups["m"]), int(groups["d"]), groups, zone)
        if found and found.value > now + timedelta(days=1):  # "12-30 08:00" read in January: last year
            found = _build(local_now.year - 1, int(groups["m"]), int(groups["d"]), groups, zone)
        return found
    return None


def _epoch(text: str, zone: Zone) -> FoundDate | None:
    """``@1581418070``, an instant read from a page's script: exact, shown in the site's zone."""
    if not (match := _EPOCH.match(text)):
        return None
    tzinfo, _ = zone_for(zone)
    return FoundDate(datetime.fromtimestamp(int(match[1]), tz=tzinfo), has_time=True, timezone_inferred=False)


def _day_and_month(first: int, second: int, separator: str, zone: Zone) -> tuple[int, int]:
    """(month, day) of ``first/second/year``: dots and dashes are day-first everywhere; slashes are
    day-first when the numbers say so or the site's country or language writes them that way."""
    if first > 12 or separator in ".-":
        return second, first
    if second > 12:
        return first, second
    host = urlsplit(zone.url or "").hostname or ""
    language = (zone.language or "").lower().split("-")[0]
    if host.rsplit(".", 1)[-1] in _DAY_FIRST_COUNTRIES or language in _DAY_FIRST_LANGUAGES:
        return second, first
    return first, second


def parse_url_date(url: str, zone: Zone) -> FoundDate | None:
    """A day in the URL's path: ``/2019/11/19/``, ``/2019-11/19/``, ``/t20191119_…``."""
    path = urlsplit(url).path
    match = _URL_DAY.search(path) or _COMPACT.search(path)
    if match is None:
        return None
    return _build(int(match["y"]), int(match["m"]), int(match["d"]), {}, zone)


def _build(year: int, month: int, day: int, groups: dict[str, str | None], zone: Zone) -> FoundDate | None:
    hour = int(groups.get("H") or 0)
    ampm = (groups.get("ampm") or "").lower().replace(".", "")
    ampm = ampm or {"下午": "pm", "晚上": "pm", "上午": "am", "早上": "am"}.get(groups.get("half") or "", "")
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    try:
        naive = datetime(year, month, day, hour, int(groups.get("M") or 0), int(groups.get("S") or 0))
    except ValueError:
        return None
    has_time = groups.get("H") is not None
    offset = groups.get("tz")
    if offset:
        if offset.upper() in ("Z", "UTC", "GMT"):
            return FoundDate(naive.replace(tzinfo=ZoneInfo("UTC")), has_time, timezone_inferred=False)
        sign = 1 if offset[0] == "+" else -1
        digits = offset[1:].replace(":", "")
        delta = timedelta(hours=int(digits[:2]), minutes=int(digits[2:4] or 0))
        return FoundDate(naive.replace(tzinfo=timezone(sign * delta)), has_time, timezone_inferred=False)
    tzinfo, inferred = zone_for(zone)
    return FoundDate(naive.replace(tzinfo=tzinfo), has_time, timezone_inferred=inferred)


def _relative(text: str, zone: Zone, now: datetime | None) -> FoundDate | None:
    if now is None:
        return None
    if _JUST_NOW.match(text):
        value = now.replace(second=0, microsecond=0).astimezone(zone_for(zone)[0])
        return FoundDate(value, has_time=True, timezone_inferred=False)
    if match := _DAY_WORD.search(text):
        return _day_word(match, zone, now)
    match = _RELATIVE.search(text)
    step = (_UNITS.get(match["unit"].lower().rstrip("s")) or _UNITS.get(match["unit"])) if match else None
    if match is None or step is None:
        return None
    value = (now - int(match["n"]) * step).replace(second=0, microsecond=0)
    return FoundDate(value.astimezone(zone_for(zone)[0]), has_time=step < timedelta(days=1), timezone_inferred=False)


def _day_word(match: re.Match[str], zone: Zone, now: datetime) -> FoundDate | None:
    """``昨天 08:30``: a wall-clock time on a day counted back from the fetch, in the site's zone."""
    tzinfo, inferred = zone_for(zone)
    back = {"今天": 0, "today": 0, "昨天": 1, "yesterday": 1, "前天": 2}[match["word"].lower()]
    day = now.astimezone(tzinfo) - timedelta(days=back)
    try:
        value = day.replace(hour=int(match["H"]), minute=int(match["M"]), second=0, microsecond=0)
    except ValueError:
        return None
    return FoundDate(value, has_time=True, timezone_inferred=inferred)
