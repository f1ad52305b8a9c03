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

# Words that put a time after its date: ``kl. 14.30``, ``klo 14.30``, ``ore 14:30``, ``o godz.
# 14:30``, ``saat 14:30``, ``в 14:30``, ``lúc 14:30``, ``pukul 14.30``. A time written with a dot
# is only read after one of these, before ``am``/``pm``, ``Uhr`` or a zone word (``2.30pm``,
# ``14.30 BST``): elsewhere ``5.05`` is as likely a day and month, or a price.
_AT = (
    r"(?:(?P<at>(?<!\w)(?i:o\s+godz|godz|klo|kl|ore|ora|saat|um|à|a\s+las|alle|às|om|at|lúc|luc|pukul|jam|o|u|v|"
    r"в|στις|الساعة)(?!\w))\.?\s*)?"
)
# Zone words: a zone that switches with daylight saving is read in that zone on that date (``ET``
# is -05:00 in January, -04:00 in May); US pages write ``EST`` the year round, so the US words all
# name their zone. ``CST`` on a Chinese page is China's, ``IST`` on an Irish or Israeli one theirs.
_ZONE_WORDS = {
    **dict.fromkeys(("ET", "EST", "EDT"), "America/New_York"),
    **dict.fromkeys(("CT", "CST", "CDT"), "America/Chicago"),
    **dict.fromkeys(("MT", "MDT"), "America/Denver"),
    "MST": "America/Phoenix",  # Arizona keeps standard time all year
    **dict.fromkeys(("PT", "PST", "PDT"), "America/Los_Angeles"),
    **dict.fromkeys(("AKST", "AKDT"), "America/Anchorage"),
    "HST": "Pacific/Honolulu",
    "BST": "Europe/London",
    **dict.fromkeys(("CET", "CEST", "MEZ", "MESZ"), "Europe/Berlin"),
    **dict.fromkeys(("EET", "EEST", "OEZ", "OESZ"), "Europe/Athens"),
    **dict.fromkeys(("WET", "WEST"), "Europe/Lisbon"),
    "MSK": "Europe/Moscow",
    "IST": "Asia/Kolkata",
    "PKT": "Asia/Karachi",
    "ICT": "Asia/Bangkok",
    "WIB": "Asia/Jakarta",
    "WITA": "Asia/Makassar",
    "WIT": "Asia/Jayapura",
    "MYT": "Asia/Kuala_Lumpur",
    "SGT": "Asia/Singapore",
    "PHT": "Asia/Manila",
    "HKT": "Asia/Hong_Kong",
    "JST": "Asia/Tokyo",
    "KST": "Asia/Seoul",
    "AEST": "Australia/Brisbane",  # Queensland keeps AEST in summer, when Sydney is on AEDT
    "AEDT": "Australia/Sydney",
    "ACST": "Australia/Darwin",
    "ACDT": "Australia/Adelaide",
    "AWST": "Australia/Perth",
    **dict.fromkeys(("NZST", "NZDT"), "Pacific/Auckland"),
    "SAST": "Africa/Johannesburg",
}
_ZONE_WORD = "|".join(sorted(_ZONE_WORDS, key=len, reverse=True))
_CLOCK = (
    _AT + r"(?:(?P<half>[上下]午|早上|晚上|午[前後]|오[전후])\s*)?(?P<H>\d{1,2})"
    r"(?:\s*[:：时點点時시]\s*|\s*[hH](?=\d)|(?P<dot>\.))(?P<M>\d{2}|\d(?=\s*[分분]))(?:\s*[:：分분]\s*(?P<S>\d{2}))?"
    r"(?:\.\d+)?\s*(?P<ampm>[AaPp]\.?[Mm]\.?|[πμ]\.\s?μ\.|[صم](?!\w))?\s*(?P<uhr>Uhr)?\s*[\[(]?"
    rf"(?P<tz>Z(?!\w)|(?:GMT|UTC)\s*[+-]\d{{1,2}}(?::?\d{{2}})?|[+-]\d{{2}}:?\d{{2}}|(?:UTC|GMT)(?!\w)|(?-i:{_ZONE_WORD})(?!\w))?"
)
# What may stand between a date and its time: ``, 14:30``, ``- 14:30``, ``| 14:30``, ``· 14:30``, ``— 2.30pm``.
_THEN = r"[,،]?\s*(?:[-|·•–—]\s*)?"
_NUMERIC = re.compile(
    r"(?P<y>(?:19|20)\d{2})(?<!\d\d{4})\s*[-/.年년]\s*(?P<m>\d{1,2})\s*[-/.月월]\s*(?P<d>\d{1,2})(?!\d)\s*[日号일.]?"
    r"(?:\s*(?:[（(]?(?:星期|禮拜|礼拜|周|週)[一二三四五六日天][）)]?|[（(][月火水木金土日월화수목금토일](?:曜日?|요일)?[）)]))?"
    rf"(?:[\sT]*{_CLOCK})?"
)
# ``28.04.2023``, ``24.04.2024, 15:10 Uhr``, ``9/17/2004 5:54:13 AM``, ``5. 5. 2026``: the year last.
_YEAR_LAST = re.compile(
    r"(?P<a>\d(?<![\d.:/-]\d)\d?)(?P<sep>[./-])(?:(?<=\.) )?(?P<b>\d{1,2})(?P=sep)(?:(?<=\.) )?"
    r"(?P<y>(?:19|20)\d{2})(?![\d.:/-]\d)"
    rf"(?:{_THEN}{_CLOCK})?"
)
_YEAR = re.compile(r"(?:19|20)\d{2}")  # the year each full-date pattern below requires
# Arabic-Indic and Persian digits (``٥ مايو ٢٠٢٦``) are read as the digits they are.
_EASTERN_DIGIT = re.compile("[\u0660-\u0669\u06f0-\u06f9]")
_WESTERN_DIGITS = str.maketrans(
    {**{chr(0x0660 + n): str(n) for n in range(10)}, **{chr(0x06F0 + n): str(n) for n in range(10)}}
)
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
    rf"(?:st|nd|rd|th)?),?\s+(?P<y>(?:19|20)\d{{2}})(?:{_THEN}{_CLOCK})?",
    re.IGNORECASE,
)
# The month name ``_ENGLISH`` needs, looked for first: most texts with a year have none, and the
# full pattern is a slow case-insensitive scan.
_ENGLISH_MONTH = Folded(_MONTH_NAME)
# Month names of the languages the sources publish in, beyond English: ``13. Mai 2026``,
# ``5 de mayo de 2026``, ``le 5 mai 2026 à 10h30``, ``3 maart 2025``, ``5 Mayıs 2026``, ``5 مايو 2026``.
# Many languages write a date's month in the genitive (``15 августа 2016``, ``5. května 2026``,
# ``5 Μαΐου 2026``) or the partitive (``5. toukokuuta 2026``), so both forms are listed. One entry
# per month, January first; ``_`` joins the words of a two-word name (``كانون_الثاني``).
_MONTH_WORDS = (
    (
        "januar jänner janvier enero gennaio janeiro januari styczeń stycznia января січня январь януари јануар "
        "ledna leden januára január ianuarie tammikuuta ocak Ιανουαρίου Ιανουάριος Ιαν "
        "يناير جانفي كانون_الثاني كانون_الثانى ינואר siječnja gener มกราคม ม.ค."
    ),
    (
        "februar février fevrier febrero febbraio fevereiro februari lutego февраля лютого февраль февруари "
        "фебруар února únor februára február febr februarie helmikuuta şubat Φεβρουαρίου Φεβρουάριος Φεβ "
        "فبراير فيفري شباط פברואר veljače febrer กุมภาพันธ์ ก.พ."
    ),
    (
        "märz maerz mars marzo março marco maart marca марта березня март března březen marec március márc "
        "martie maret mac maaliskuuta mart Μαρτίου Μάρτιος Μαρ مارس آذار מרץ מרס marts mrt ožujka març มีนาคม มี.ค."
    ),
    (
        "avril abril aprile kwietnia апреля квітня апрель април dubna duben apríla apríl április ápr aprilie "
        "huhtikuuta nisan Απριλίου Απρίλιος Απρ أبريل ابريل إبريل أفريل نيسان אפריל travnja เมษายน เม.ย."
    ),
    (
        "mai mayo maggio maio mei maja мая травня май мај května květen mája máj május maj toukokuuta mayıs "
        "Μαΐου Μάιος مايو ماي أيار מאי svibnja maig พฤษภาคม พ.ค."
    ),
    (
        "juni juin junio giugno junho czerwca июня червня июнь юни јун června červen júna jún június iunie iun "
        "kesäkuuta haziran Ιουνίου Ιούνιος Ιουν يونيو يونيه جوان حزيران יוני lipnja junij juny มิถุนายน มิ.ย."
    ),
    (
        "juli juillet julio luglio julho lipca июля липня июль юли јул července červenec júla júl július iulie iul "
        "julai heinäkuuta temmuz Ιουλίου Ιούλιος Ιουλ يوليو يوليه يوليوز جويلية تموز יולי srpnja julij "
        "juliol กรกฎาคม ก.ค."
    ),
    (
        "august août aout agosto augustus sierpnia августа серпня август srpna srpen augusta augusztus augusti "
        "agustus ogos avgust elokuuta ağustos Αυγούστου Αύγουστος Αυγ أغسطس اغسطس أوت غشت آب אוגוסט kolovoza "
        "agost สิงหาคม ส.ค."
    ),
    (
        "september septembre septiembre setiembre settembre setembro września сентября вересня сентябрь "
        "септември септембар září septembra szeptember szept septembrie septembar syyskuuta eylül "
        "Σεπτεμβρίου Σεπτέμβριος Σεπ Σεπτ سبتمبر شتنبر أيلول ספטמבר rujna setembre กันยายน ก.ย."
    ),
    (
        "oktober octobre octubre ottobre outubro października октября жовтня октябрь октомври октобар října "
        "říjen októbra október okt octombrie oktobar lokakuuta ekim Οκτωβρίου Οκτώβριος Οκτ أكتوبر اكتوبر "
        "تشرين_الأول تشرين_الاول אוקטובר ตุลาคม ต.ค."
    ),
    (
        "november novembre noviembre novembro listopada ноября листопада ноябрь ноември новембар listopadu "
        "listopad novembra noiembrie noi novembar marraskuuta kasım Νοεμβρίου Νοέμβριος Νοε نوفمبر نونبر "
        "تشرين_الثاني تشرين_الثانى נובמבר studenoga พฤศจิกายน พ.ย."
    ),
    (
        "dezember décembre decembre diciembre dicembre dezembro december grudnia декабря грудня декабрь "
        "декември децембар prosince prosinec decembra decembrie desember disember des decembar joulukuuta "
        "aralık Δεκεμβρίου Δεκέμβριος Δεκ ديسمبر دجنبر كانون_الأول كانون_الاول דצמבר prosinca desembre ธันวาคม ธ.ค."
    ),
)
# How a month word is looked up: lower case, Greek without its accents (``ΜΑΪΟΥ`` and ``Μαΐου``
# are one word), Turkish without its dotless and dotted i (``MAYIS`` lowers to ``mayis``,
# ``NİSAN`` to ``ni̇san``), the two words of ``كانون الثاني`` joined by one space.
_MONTH_KEY = str.maketrans(
    {
        "ά": "α",
        "έ": "ε",
        "ή": "η",
        "ί": "ι",
        "ό": "ο",
        "ύ": "υ",
        "ώ": "ω",
        "ΐ": "ϊ",
        "ΰ": "ϋ",
        "ı": "i",
        "\u0307": None,
        ".": None,
    }
)


def _month_key(word: str) -> str:
    return " ".join(word.lower().translate(_MONTH_KEY).split())


_FOREIGN_MONTHS = {
    _month_key(name.replace("_", " ")): number
    for number, words in enumerate(_MONTH_WORDS, start=1)
    for word in words.split()
    # Hebrew writes "in May" before a year: ``5 במאי 2026``.
    for name in ((word, f"ב{word}") if "\u05d0" <= word[0] <= "\u05ea" else (word,))
}
# Any word in the month's place; ``_FOREIGN_MONTHS`` says whether it is one. Russian, Ukrainian and
# Polish may abbreviate "year" after it (``2016 г.``, ``2026 р.``, ``2026 r.``), Croatian and Serbian
# write it as an ordinal (``5. svibnja 2026. u 14:30``), before the time.
_FOREIGN = re.compile(
    r"(?P<d>\d(?<!\d\d)\d?)(?:\.|º|er)?\s*(?:de\s+)?"
    r"(?P<mon>(?:كانون|تشرين)\s+ال[^\W\d_]{3,5}|آب|[^\W\d_]{3,12})\.?[,،]?\s*(?:de\s+|del\s+)?"
    r"(?P<y>(?:19|20)\d{2})(?!\d)(?:\s*[грr]\.|\.(?!\d))?"
    rf"(?:{_THEN}{_CLOCK})?"
)
# Hungarian puts the year first: ``2026. május 5. 14:30``.
_YEAR_FIRST = re.compile(
    r"(?P<y>(?:19|20)\d{2})(?<!\d\d{4})\.\s*(?P<mon>[^\W\d_]{3,12})\.?\s*(?P<d>\d{1,2})\.?(?!\d)"
    rf"(?:{_THEN}{_CLOCK})?"
)
# Vietnamese names the month by its number: ``ngày 5 tháng 5 năm 2026``.
_VIETNAMESE = re.compile(
    r"(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s*(?:,\s*)?năm\s+(?P<y>(?:19|20)\d{2})(?!\d)"
    rf"(?:{_THEN}{_CLOCK})?"
)
# Thai writes the Buddhist year, 543 ahead (``5 พ.ค. 2569 14:30 น.`` is 5 May 2026), and its
# month words hold vowel marks that are no letters to ``\w``; a text holds Thai letters first.
_THAI = re.compile(
    r"(?P<d>\d(?<!\d\d)\d?)\s*(?P<mon>[\u0e01-\u0e4e.]{3,12})\s*(?:พ\.ศ\.\s*)?(?P<y>25\d{2}|(?:19|20)\d{2})(?!\d)"
    rf"(?:{_THEN}{_CLOCK})?"
)
_THAI_LETTER = re.compile("[\u0e01-\u0e2e]")
_BUDDHIST_ERA = 543
_DAY_FIRST_LANGUAGES = frozenset(
    (
        *("de", "fr", "es", "it", "pt", "nl", "pl", "ru", "uk", "da", "no", "nb", "nn", "sv", "fi", "cs", "sk"),
        *("tr", "el", "ro", "bg", "sr", "hr", "sl", "ar", "he", "id", "ms", "vi", "th"),
    )
)
_DAY_FIRST_COUNTRIES = frozenset(("uk", "ie", "au", "nz", "in", "za"))
# A time written just before its date: ``Updated 2:30 PM EDT, Tue May 5, 2026``, ``14:30, 5. mai
# 2026``, ``14:30 ngày 5/5/2026``; at most two words (a weekday, ``ngày``) between them.
_CLOCK_BEFORE = re.compile(rf"(?<![\d.:]){_CLOCK}\s*[,|·•–-]?\s*(?:[^\W\d_]{{1,12}}\.?,?\s+){{0,2}}$")
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
    "no": "Europe/Oslo",
    "nn": "Europe/Oslo",
    "fi": "Europe/Helsinki",
    "sk": "Europe/Bratislava",
    "hu": "Europe/Budapest",
    "ro": "Europe/Bucharest",
    "bg": "Europe/Sofia",
    "el": "Europe/Athens",
    "tr": "Europe/Istanbul",
    "uk": "Europe/Kiev",
    "hr": "Europe/Zagreb",
    "sr": "Europe/Belgrade",
    "sl": "Europe/Ljubljana",
    "he": "Asia/Jerusalem",
    "vi": "Asia/Ho_Chi_Minh",
    "th": "Asia/Bangkok",
    "ms": "Asia/Kuala_Lumpur",
    "id": "Asia/Jakarta",  # most of Indonesia's press writes from Jakarta's zone
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
    "hu": "Europe/Budapest",
    "ro": "Europe/Bucharest",
    "sk": "Europe/Bratislava",
    "bg": "Europe/Sofia",
    "hr": "Europe/Zagreb",
    "rs": "Europe/Belgrade",
    "si": "Europe/Ljubljana",
    "lt": "Europe/Vilnius",
    "lv": "Europe/Riga",
    "ee": "Europe/Tallinn",
    "is": "Atlantic/Reykjavik",
    "il": "Asia/Jerusalem",
    "eg": "Africa/Cairo",
    "sa": "Asia/Riyadh",
    "ae": "Asia/Dubai",
    "qa": "Asia/Qatar",
    "jo": "Asia/Amman",
    "lb": "Asia/Beirut",
    "ma": "Africa/Casablanca",
    "dz": "Africa/Algiers",
    "tn": "Africa/Tunis",
    "za": "Africa/Johannesburg",
    "ng": "Africa/Lagos",
    "ke": "Africa/Nairobi",
    "pk": "Asia/Karachi",
    "bd": "Asia/Dhaka",
    "vn": "Asia/Ho_Chi_Minh",
    "th": "Asia/Bangkok",
    "my": "Asia/Kuala_Lumpur",
    "ph": "Asia/Manila",
    "id": "Asia/Jakarta",
    "mx": "America/Mexico_City",
    "ar": "America/Argentina/Buenos_Aires",
    "cl": "America/Santiago",
    "pe": "America/Lima",
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
    forms: list[re.Match[str] | None] = []
    plain = text.isascii()
    has_year = _YEAR.search(text) is not None  # every full-date form holds one: most digits are no dates
    if not has_year and not plain and _EASTERN_DIGIT.search(text):
        text = text.translate(_WESTERN_DIGITS)
        has_year = _YEAR.search(text) is not None
    if has_year:
        foreign, year_first = _with_month_name(_FOREIGN, text), _with_month_name(_YEAR_FIRST, text)
        english = _ENGLISH.search(text) if _ENGLISH_MONTH.found_in(text) else None
        vietnamese = _VIETNAMESE.search(text) if "tháng" in text else None
        forms = [_NUMERIC.search(text), english, _YEAR_LAST.search(text), foreign, year_first, vietnamese]
    if not plain and _THAI_LETTER.search(text):
        forms.append(_with_month_name(_THAI, text))
    if matches := [m for m in forms if m]:
        match = min(matches, key=lambda m: m.start())
        groups = match.groupdict()
        year = int(groups["y"])
        year -= _BUDDHIST_ERA if year > 2400 else 0
        if match.re is _NUMERIC or match.re is _VIETNAMESE:
            month, day = int(groups["m"]), int(groups["d"])
        elif match.re is _YEAR_LAST:
            month, day = _day_and_month(int(groups["a"]), int(groups["b"]), groups["sep"], zone)
        elif match.re is _FOREIGN or match.re is _YEAR_FIRST or match.re is _THAI:
            month, day = _FOREIGN_MONTHS[_month_key(groups["mon"])], int(groups["d"])
        else:
            month = _MONTHS[(groups.get("mon1") or groups.get("mon2") or "")[:3].lower()]
            day = int(groups.get("d1") or groups.get("d2") or 0)
        if groups["H"] is None and (before := _CLOCK_BEFORE.search(text, max(0, match.start() - 40), match.start())):
            groups |= before.groupdict()
        return _build(year, month, day, groups, zone)
    if now is not None and (short := _MONTH_DAY.search(text)):
        local_now = now.astimezone(zone_for(zone)[0])
        groups = short.groupdict()
        found = _build(local_now.year, int(groups["m"]), int(groups["d"]), groups, zone)
        if found and found.value > now + timedelta(days=1):  # "12-30 08:00" read in January: last year
            found = _build(local_now.year - 1, int(groups["m"]), int(groups["d"]), groups, zone)
        return found
    return None


def _with_month_name(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    """The first match of ``pattern`` whose month word is a month's name (most have none at all)."""
    match = pattern.search(text)
    if match is None or _month_key(match["mon"]) in _FOREIGN_MONTHS:
        return match
    return next((m for m in pattern.finditer(text, match.end()) if _month_key(m["mon"]) in _FOREIGN_MONTHS), None)


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
    offset = groups.get("tz")
    # ``14.30`` is a time after ``kl.``, before ``pm``, ``Uhr`` or a zone word; elsewhere it may be a day.
    has_time = groups.get("H") is not None and not (
        groups.get("dot") and not (groups.get("at") or groups.get("ampm") or groups.get("uhr") or offset)
    )
    hour = int(groups.get("H") or 0) if has_time else 0
    ampm = _HALVES.get((groups.get("ampm") or "").lower().replace(".", "").replace(" ", ""), "")
    ampm = ampm or _HALVES.get(groups.get("half") or "", "")
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    minute, second = (int(groups.get("M") or 0), int(groups.get("S") or 0)) if has_time else (0, 0)
    try:
        naive = datetime(year, month, day, hour, minute, second)
    except ValueError:
        return None
    explicit = _explicit_zone(offset, zone) if offset and has_time else None
    if explicit is not None:
        return FoundDate(naive.replace(tzinfo=explicit), has_time, timezone_inferred=False)
    tzinfo, inferred = zone_for(zone)
    return FoundDate(naive.replace(tzinfo=tzinfo), has_time, timezone_inferred=inferred)


_HALVES = {
    **dict.fromkeys(("am", "ص", "πμ", "上午", "早上", "午前", "오전"), "am"),
    **dict.fromkeys(("pm", "م", "μμ", "下午", "晚上", "午後", "오후"), "pm"),
}
_CHINESE_COUNTRIES = frozenset(("cn", "hk", "mo", "tw"))


def _explicit_zone(offset: str, zone: Zone) -> ZoneInfo | timezone | None:
    """The zone a page wrote after its time: ``Z``, ``+02:00``, ``GMT+7``, ``UTC``, ``ET``, ``CEST``.

    A zone word is read on its date in the zone it names; ``CST`` on a Chinese page is China's
    and ``IST`` on an Irish or Israeli one theirs. None for an offset no zone has.
    """
    word = offset.upper()
    if word in ("Z", "UTC", "GMT"):
        return ZoneInfo("UTC")
    if word in _ZONE_WORDS:
        country = (urlsplit(zone.url or "").hostname or "").rsplit(".", 1)[-1]
        language = (zone.language or "").lower().split("-")[0]
        if word == "CST" and (language == "zh" or country in _CHINESE_COUNTRIES):
            return ZoneInfo("Asia/Shanghai")
        if word == "IST" and (country in {"ie", "il"} or language == "he"):
            return ZoneInfo("Europe/Dublin" if country == "ie" else "Asia/Jerusalem")
        return ZoneInfo(_ZONE_WORDS[word])
    digits = word.removeprefix("GMT").removeprefix("UTC").strip()  # ``+7``, ``+0530``, ``-05:00``
    hours, _, minutes = digits[1:].partition(":")
    if not minutes and len(hours) > 2:
        hours, minutes = hours[:-2], hours[-2:]
    delta = timedelta(hours=int(hours), minutes=int(minutes or 0))
    if delta > timedelta(hours=14):
        return None
    return timezone(-delta if digits.startswith("-") else delta)


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
