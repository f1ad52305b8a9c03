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
from datetime import UTC, date, datetime, timedelta, timezone
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from transforms.extract.folding import Folded

# Words that put a time after its date: ``kl. 14.30``, ``klo 14.30``, ``ore 14:30``, ``o godz.
# 14:30``, ``saat 14:30``, ``в 14:30``, ``lúc 14:30``, ``pukul 14.30``, ``plkst. 14.30``, ``kell 14.30``,
# ``ساعت ۱۴:۳۰``, Ukrainian ``о 14:30``. A time written with a dot
# is only read after one of these, before ``am``/``pm``, ``Uhr`` or a zone word (``2.30pm``,
# ``14.30 BST``): elsewhere ``5.05`` is as likely a day and month, or a price.
_AT = (
    r"(?:(?P<at>(?<!\w)(?i:o\s+godz|godz|klo|kl|ore|ora|saat|um|à|a\s+las|alle|às|om|at|lúc|luc|pukul|jam|o|u|v|"
    r"plkst|kell|в|о|об|στις|الساعة|ساعت)(?!\w))\.?\s*)?"
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
    # Russian pages write Moscow's zone in Cyrillic (``14:30 МСК``); Turkey's ``TSİ``, Iran's ``IRST``.
    **dict.fromkeys(("MSK", "МСК", "мск"), "Europe/Moscow"),
    "TSİ": "Europe/Istanbul",
    **dict.fromkeys(("IRST", "IRDT"), "Asia/Tehran"),
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
# Weekday names, which some languages write between a date and its time with no comma
# (``13 Mayıs 2026 Çarşamba 14:30``, ``13 maja 2026 środa 14:30``); one entry per language.
_WEEKDAY_WORDS = (
    "pazartesi salı çarşamba perşembe cuma cumartesi pazar",  # Turkish
    "poniedziałek wtorek środa czwartek piątek sobota niedziela",  # Polish
    "понедельник вторник среда четверг пятница суббота воскресенье",  # Russian
    "понеділок вівторок середа четвер п'ятниця п’ятниця пʼятниця субота неділя",  # Ukrainian: three apostrophes
    "pirmadienis antradienis trečiadienis ketvirtadienis penktadienis šeštadienis sekmadienis",  # Lithuanian
    "pirmdiena otrdiena trešdiena ceturtdiena piektdiena sestdiena svētdiena",  # Latvian
    "esmaspäev teisipäev kolmapäev neljapäev reede laupäev pühapäev",  # Estonian
    "دوشنبه سه‌شنبه سهشنبه چهارشنبه پنجشنبه پنج‌شنبه جمعه یکشنبه یک‌شنبه شنبه",  # Persian, with and without ZWNJ
    "सोमवार मंगलवार बुधवार गुरुवार बृहस्पतिवार शुक्रवार शनिवार रविवार",  # Hindi
)
_WEEKDAY = "|".join(sorted({re.escape(w) for words in _WEEKDAY_WORDS for w in words.split()}, key=len, reverse=True))
# What may stand between a date and its time: ``, 14:30``, ``- 14:30``, ``| 14:30``, ``· 14:30``, ``— 2.30pm``,
# ``/ 14:30``, a weekday set off by commas or brackets: ``5. Mai 2026, Dienstag, 14:30``, ``5 maja 2026
# (wtorek) 14:30``, or a weekday of ``_WEEKDAY_WORDS`` alone. A word with no such marks (``5 May 2026
# updated 14:30``) keeps the time from its date.
_THEN = (
    r"(?:[,،]?\s*(?:\([^\W\d_]{2,12}\.?\)|[^\W\d_]{2,12}\.?(?=[,،])|"
    rf"(?i:{_WEEKDAY})(?![\w\u0900-\u097f])))?[,،]?\s*(?:[-|·•–—/]\s*)?"
)
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
# Digits of other scripts are read as the digits they are: Arabic-Indic and Persian (``٥ مايو ٢٠٢٦``,
# ``۱۵ اردیبهشت ۱۴۰۵``), Devanagari (``५ मई २०२६``), Bengali, Gurmukhi, Gujarati, Thai, Lao, Myanmar,
# Khmer and full-width (``２０２６年５月５日``); each script's zero is listed, its nine follow it.
_ZEROS = (0x0660, 0x06F0, 0x0966, 0x09E6, 0x0A66, 0x0AE6, 0x0E50, 0x0ED0, 0x1040, 0x17E0, 0xFF10)
_OTHER_DIGIT = re.compile("[" + "".join(f"{chr(zero)}-{chr(zero + 9)}" for zero in _ZEROS) + "]")
_WESTERN_DIGITS = str.maketrans({chr(zero + n): str(n) for zero in _ZEROS for n in range(10)})
_EPOCH = re.compile(r"^@(\d{9,10})$")
_UNIX_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
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
# ``5 Μαΐου 2026``, ``gegužės 5 d.``), the locative (``5. maijā``) or the partitive (``5. toukokuuta
# 2026``), so those forms are listed too, and the English and German abbreviations after a day written
# with its full stop (``7. Jun 2017``, ``12. Dez 2020``). One entry per month, January first; ``_``
# joins the words of a two-word name (``كانون_الثاني``). Devanagari names (``5 मई 2026``) are read by
# ``_DEVANAGARI``.
_MONTH_WORDS = (
    (
        "januar jänner janvier enero gennaio janeiro januari styczeń stycznia января січня январь януари јануар "
        "ledna leden januára január ianuarie tammikuuta ocak Ιανουαρίου Ιανουάριος Ιαν "
        "يناير جانفي كانون_الثاني كانون_الثانى ינואר siječnja gener มกราคม ม.ค."
        " janvāris janvāra janvārī janv sausis sausio jaanuar जनवरी जानेवारी ژانویه jan"
    ),
    (
        "februar février fevrier febrero febbraio fevereiro februari lutego февраля лютого февраль февруари "
        "фебруар února únor februára február febr februarie helmikuuta şubat Φεβρουαρίου Φεβρουάριος Φεβ "
        "فبراير فيفري شباط פברואר veljače febrer กุมภาพันธ์ ก.พ."
        " februāris februāra februārī vasaris vasario veebruar फ़रवरी फरवरी फेब्रुवारी फेब्रुअरी فوریه feb"
    ),
    (
        "märz maerz mars marzo março marco maart marca марта березня март března březen marec március márc "
        "martie maret mac maaliskuuta mart Μαρτίου Μάρτιος Μαρ مارس آذار מרץ מרס marts mrt ožujka març มีนาคม มี.ค."
        " marta martā kovas kovo märts मार्च mar mär mrz"
    ),
    (
        "avril abril aprile kwietnia апреля квітня апрель април dubna duben apríla apríl április ápr aprilie "
        "huhtikuuta nisan Απριλίου Απρίλιος Απρ أبريل ابريل إبريل أفريل نيسان אפריל travnja เมษายน เม.ย."
        " aprīlis aprīļa aprīlī balandis balandžio aprill अप्रैल अप्रेल एप्रिल अप्रिल آوریل apr"
    ),
    (
        "mai mayo maggio maio mei maja мая травня май мај května květen mája máj május maj toukokuuta mayıs "
        "Μαΐου Μάιος مايو ماي أيار מאי svibnja maig พฤษภาคม พ.ค."
        " maijs maija maijā gegužė gegužės मई मे مه"
    ),
    (
        "juni juin junio giugno junho czerwca июня червня июнь юни јун června červen júna jún június iunie iun "
        "kesäkuuta haziran Ιουνίου Ιούνιος Ιουν يونيو يونيه جوان حزيران יוני lipnja junij juny มิถุนายน มิ.ย."
        " jūnijs jūnija jūnijā jūn birželis birželio juuni जून जुन ژوئن jun"
    ),
    (
        "juli juillet julio luglio julho lipca июля липня июль юли јул července červenec júla júl július iulie iul "
        "julai heinäkuuta temmuz Ιουλίου Ιούλιος Ιουλ يوليو يوليه يوليوز جويلية تموز יולי srpnja julij "
        "juliol กรกฎาคม ก.ค."
        " jūlijs jūlija jūlijā jūl liepa liepos juuli जुलाई जुलै ژوئیه jul"
    ),
    (
        "august août aout agosto augustus sierpnia августа серпня август srpna srpen augusta augusztus augusti "
        "agustus ogos avgust elokuuta ağustos Αυγούστου Αύγουστος Αυγ أغسطس اغسطس أوت غشت آب אוגוסט kolovoza "
        "agost สิงหาคม ส.ค."
        " augusts augustā rugpjūtis rugpjūčio अगस्त ऑगस्ट अगस्ट اوت aug"
    ),
    (
        "september septembre septiembre setiembre settembre setembro września сентября вересня сентябрь "
        "септември септембар září septembra szeptember szept septembrie septembar syyskuuta eylül "
        "Σεπτεμβρίου Σεπτέμβριος Σεπ Σεπτ سبتمبر شتنبر أيلول ספטמבר rujna setembre กันยายน ก.ย."
        " septembris septembrī rugsėjis rugsėjo septembri सितंबर सितम्बर सप्टेंबर सेप्टेम्बर سپتامبر sep sept"
    ),
    (
        "oktober octobre octubre ottobre outubro października октября жовтня октябрь октомври октобар října "
        "říjen októbra október okt octombrie oktobar lokakuuta ekim Οκτωβρίου Οκτώβριος Οκτ أكتوبر اكتوبر "
        "تشرين_الأول تشرين_الاول אוקטובר ตุลาคม ต.ค."
        " oktobris oktobra oktobrī spalis spalio oktoober oktoobri अक्टूबर अक्तूबर ऑक्टोबर अक्टोबर اکتبر"
    ),
    (
        "november novembre noviembre novembro listopada ноября листопада ноябрь ноември новембар listopadu "
        "listopad novembra noiembrie noi novembar marraskuuta kasım Νοεμβρίου Νοέμβριος Νοε نوفمبر نونبر "
        "تشرين_الثاني تشرين_الثانى נובמבר studenoga พฤศจิกายน พ.ย."
        " novembris novembrī lapkritis lapkričio novembri नवंबर नवम्बर नोव्हेंबर नोभेम्बर نوامبر nov"
    ),
    (
        "dezember décembre decembre diciembre dicembre dezembro december grudnia декабря грудня декабрь "
        "декември децембар prosince prosinec decembra decembrie desember disember des decembar joulukuuta "
        "aralık Δεκεμβρίου Δεκέμβριος Δεκ ديسمبر دجنبر كانون_الأول كانون_الاول דצמבר prosinca desembre ธันวาคม ธ.ค."
        " decembris decembrī gruodis gruodžio detsember detsembri दिसंबर दिसम्बर डिसेंबर डिसेम्बर دسامبر dez dec"
    ),
)
# How a month word is looked up: lower case, Greek without its accents (``ΜΑΪΟΥ`` and ``Μαΐου``
# are one word), Turkish without its dotless and dotted i (``MAYIS`` lowers to ``mayis``,
# ``NİSAN`` to ``ni̇san``), the two words of ``كانون الثاني`` joined by one space; Persian written
# with the Arabic yeh or kaf (``ارديبهشت``) as with its own, Devanagari without its nukta (``फ़रवरी``
# typed as one letter or as two is one word).
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
        "ي": "ی",
        "ى": "ی",
        "ك": "ک",
        "\u200c": None,
        "\u093c": None,
        **{chr(0x0958 + n): base for n, base in enumerate("कखगजडढफय")},
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
# "Year" after a year, abbreviated or in full: Russian ``2016 г.``, ``2016 года``, Ukrainian ``2026 р.``,
# ``2026 року``, Polish ``2026 r.``, ``2026 roku``, Turkish ``2026 yılı``.
_YEAR_WORD = r"[грr]\.|года|году|року|roku|yılı(?!\w)"
# Any word in the month's place; ``_FOREIGN_MONTHS`` says whether it is one. Russian, Ukrainian and
# Polish may write "year" after it (``_YEAR_WORD``), Croatian and Serbian write it as an ordinal
# (``5. svibnja 2026. u 14:30``), before the time.
_FOREIGN = re.compile(
    r"(?P<d>\d(?<!\d\d)\d?)(?:\.|º|er)?\s*(?:de\s+)?"
    r"(?P<mon>(?:كانون|تشرين)\s+ال[^\W\d_]{3,5}|آب|مه|[^\W\d_]{3,12})\.?[,،]?\s*(?:de\s+|del\s+)?"
    rf"(?P<y>(?:19|20)\d{{2}})(?!\d)(?:\s*(?:{_YEAR_WORD})|\.(?!\d))?"
    rf"(?:{_THEN}{_CLOCK})?"
)
# Hungarian and Lithuanian put the year first: ``2026. május 5. 14:30``, ``2026 m. gegužės 5 d.``
# (``m.`` the year, ``d.`` the day); Latvian puts the day before the month: ``2026. gada 5. maijs``.
_YEAR_FIRST = re.compile(
    r"(?P<y>(?:19|20)\d{2})(?<!\d\d{4})(?:\.|\s*m\.)\s*(?P<mon>[^\W\d_]{3,12})\.?\s*(?P<d>\d{1,2})(?:\.|\s*d\.)?(?!\d)"
    rf"(?:{_THEN}{_CLOCK})?"
)
# Lithuanian may also put the month first and the year last, the day marked ``d.``: ``gegužės 13 d.,
# 2026``, ``gegužės 13 d., 2026 m. 14:30``.
_DAY_MARKED = re.compile(
    r"(?P<mon>[^\W\d_]{3,12})\s+(?P<d>\d{1,2})\s*d\.[,\s]*(?P<y>(?:19|20)\d{2})(?!\d)(?:\s*m\.)?"
    rf"(?:{_THEN}{_CLOCK})?"
)
_GADA = re.compile(
    r"(?P<y>(?:19|20)\d{2})(?<!\d\d{4})\.\s*gada\s+(?P<d>\d{1,2})\.\s*(?P<mon>[^\W\d_]{3,12})\.?(?!\w)"
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
# Devanagari month words hold vowel signs that are no letters to ``\w`` either; Hindi writes the day
# first (``5 मई 2026``) or the month (``मई 05, 2026 14:30 IST``), Marathi and Nepali the day first.
_DEVANAGARI_WORD = r"[\u0900-\u0963\u0971-\u097f]{2,12}"
_DEVANAGARI = re.compile(
    rf"(?P<d>\d(?<!\d\d)\d?)\s*(?P<mon>{_DEVANAGARI_WORD})[,،]?\s*(?P<y>(?:19|20)\d{{2}})(?!\d)(?:{_THEN}{_CLOCK})?"
)
_DEVANAGARI_MONTH_FIRST = re.compile(
    rf"(?P<mon>{_DEVANAGARI_WORD})\s*(?P<d>\d{{1,2}}),?\s*(?P<y>(?:19|20)\d{{2}})(?!\d)(?:{_THEN}{_CLOCK})?"
)
_DEVANAGARI_LETTER = re.compile("[\u0905-\u0939]")
# Iran and Afghanistan count Solar Hijri years (``۱۵ اردیبهشت ۱۴۰۵`` is 5 May 2026): a month is one
# of Iran's names or Afghanistan's (Dari) names, the year 1300–1499, read into the Gregorian calendar
# by ``_solar_hijri_to_gregorian``. Pages in Persian also write the year first in figures
# (``۱۴۰۵/۰۲/۱۵``), read so on pages in Persian, Dari or Pashto only: an Arabic page's ``1447/11/18``
# counts lunar Hijri years.
_SOLAR_MONTHS = {
    _month_key(word): number
    for number, words in enumerate(
        (
            "فروردین حمل",
            "اردیبهشت ثور",
            "خرداد جوزا",
            "تیر سرطان",
            "مرداد امرداد اسد",
            "شهریور سنبله",
            "مهر میزان",
            "آبان عقرب",
            "آذر قوس",
            "دی جدی",
            "بهمن دلو",
            "اسفند حوت",
        ),
        start=1,
    )
    for word in words.split()
}
_SOLAR = re.compile(
    r"(?P<d>\d(?<!\d\d)\d?)\s*(?P<mon>[^\W\d_]{2,9})\s*(?:ماه\s*)?(?P<y>1[34]\d{2})(?!\d)"
    rf"(?:\s*(?:هجری\s*شمسی|ه\.\s*ش\.?|خورشیدی))?(?:{_THEN}{_CLOCK})?"
)
_SOLAR_NUMERIC = re.compile(
    r"(?<![\d/.-])(?P<y>1[34]\d{2})\s*(?P<sep>[/.-])\s*(?P<m>\d{1,2})\s*(?P=sep)\s*(?P<d>\d{1,2})(?!\d|[/.-]\d)"
    rf"(?:{_THEN}{_CLOCK})?"
)
_SOLAR_YEAR = re.compile(r"(?<!\d)1[34]\d{2}(?!\d)")
_SOLAR_LANGUAGES = frozenset(("fa", "prs", "ps"))
_SOLAR_COUNTRIES = frozenset(("ir", "af"))
# Japan counts years by era (``令和6年`` is 2024, ``令和元年`` its first year) and Taiwan from 1912
# (``民國115年`` is 2026): an era's year is rewritten as the Gregorian one before a date is looked for.
_ERA = re.compile(r"(?P<era>令和|平成|昭和|民國|民国)\s*(?P<n>元|\d{1,3})\s*年")
_ERA_YEAR_ZERO = {"令和": 2018, "平成": 1988, "昭和": 1925, "民國": 1911, "民国": 1911}
# ``28.04.23``, ``04/28/23 2:30 PM``: a two-digit year, read only where nothing else could be meant
# (``_short_year_day``), only when no date with a full year is there, and only in a line short
# enough to be a date line: in a sentence (``das Projekt startete am 20.11.08``) it is the story's.
_SHORT_YEAR = re.compile(
    r"(?<![\d.:/-])(?P<a>\d\d)(?P<sep>[./])(?P<b>\d\d)(?P=sep)(?P<y>\d\d)(?!\d|[.:/-]\d)"
    rf"(?:{_THEN}{_CLOCK})?"
)
_SHORT_YEAR_LINE = 80
# Languages that write a date year first, where ``23.04.28`` may be 28 April 2023.
_YEAR_FIRST_LANGUAGES = frozenset(("zh", "ja", "ko", "hu", "lt", "fa", "mn", "eu"))
# Where ``04/05/2024`` is the 4th of May: nearly everywhere but the United States (and the
# Philippines, and Canada in part). An English page is read day first when its country domain or its
# ``<html lang>`` region says so (``en-GB``), month first otherwise.
_DAY_FIRST_LANGUAGES = frozenset(
    (
        *("de", "fr", "es", "it", "pt", "nl", "pl", "ru", "uk", "da", "no", "nb", "nn", "sv", "fi", "cs", "sk"),
        *("tr", "el", "ro", "bg", "sr", "hr", "sl", "ar", "he", "id", "ms", "vi", "th", "ca", "gl", "lv", "et"),
        *("is", "ga", "cy", "mt", "sq", "mk", "bs", "be", "kk", "az", "ka", "hy", "hi", "mr", "ne", "bn", "ur"),
        *("pa", "gu", "ta", "te", "kn", "ml", "si", "sw", "af"),
    )
)
_DAY_FIRST_COUNTRIES = frozenset(
    ("uk", "gb", "ie", "au", "nz", "in", "za", "ng", "ke", "gh", "pk", "lk", "bd", "sg", "my", "hk", "mt", "jm")
)
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
    "fa": "Asia/Tehran",
    "lv": "Europe/Riga",
    "lt": "Europe/Vilnius",
    "et": "Europe/Tallinn",
    "hi": "Asia/Kolkata",
    "mr": "Asia/Kolkata",
    "ne": "Asia/Kathmandu",
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
    "ir": "Asia/Tehran",
    "af": "Asia/Kabul",
    "np": "Asia/Kathmandu",
    "lk": "Asia/Colombo",
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
    # The page's ``<html lang>``: its region says how an English page orders a date's figures.
    page_language: str | None = None


def parse_date(text: str, zone: Zone, now: datetime | None = None) -> FoundDate | None:
    """The first date in ``text``; naive values are placed in the zone ``zone`` resolves to.

    A date later than ``now`` (beyond a day of clock skew) is refused: it is an event date,
    an expiry or a typo, never when the article was published. So is the first day of Unix time
    (``1970-01-01T01:00:00+01:00``): it is what a CMS writes for a date field it never filled.
    """
    found = _epoch(text, zone) or _absolute(text, zone, now) or _relative(text, zone, now)
    if found is None or (now is not None and found.value > now + timedelta(days=1)):
        return None
    if abs(found.value - _UNIX_EPOCH) < timedelta(days=1):
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
    plain = text.isascii()
    if not plain:
        if _OTHER_DIGIT.search(text):
            text = text.translate(_WESTERN_DIGITS)
        if "年" in text and _ERA.search(text):
            text = _ERA.sub(_era_year, text)
    match: re.Match[str] | None = None
    if matches := _full_dates(text, zone, plain=plain):
        match = min(matches, key=lambda m: m.start())
        day = _day_of(match, zone)
    elif (
        now is not None
        and len(text) <= _SHORT_YEAR_LINE
        and _reads_short_years(zone)
        and (match := _SHORT_YEAR.search(text))
    ):
        day = _short_year_day(match, zone, now)
    if match is not None:
        if day is None:
            return None
        groups = match.groupdict()
        if groups["H"] is None and (before := _CLOCK_BEFORE.search(text, max(0, match.start() - 40), match.start())):
            groups |= before.groupdict()
        return _build(*day, groups, zone)
    if now is not None and (short := _MONTH_DAY.search(text)):
        local_now = now.astimezone(zone_for(zone)[0])
        groups = short.groupdict()
        found = _build(local_now.year, int(groups["m"]), int(groups["d"]), groups, zone)
        if found and found.value > now + timedelta(days=1):  # "12-30 08:00" read in January: last year
            found = _build(local_now.year - 1, int(groups["m"]), int(groups["d"]), groups, zone)
        return found
    return None


def _full_dates(text: str, zone: Zone, *, plain: bool) -> list[re.Match[str]]:
    """The first match of each full-date form ``text`` holds (a form is looked for only where the
    text has what it needs: a year, a month's name, a script's letters)."""
    forms: list[re.Match[str] | None] = []
    if _YEAR.search(text):  # every full-date form below holds one: most digits are no dates
        foreign, year_first = _with_month_name(_FOREIGN, text), _with_month_name(_YEAR_FIRST, text)
        english = _ENGLISH.search(text) if _ENGLISH_MONTH.found_in(text) else None
        vietnamese = _VIETNAMESE.search(text) if "tháng" in text else None
        forms = [_NUMERIC.search(text), english, _YEAR_LAST.search(text), foreign, year_first, vietnamese]
        if "gada" in text:
            forms.append(_with_month_name(_GADA, text))
        if " d." in text or "d.," in text:
            forms.append(_with_month_name(_DAY_MARKED, text))
        if not plain and _DEVANAGARI_LETTER.search(text):
            forms += [_with_month_name(_DEVANAGARI, text), _with_month_name(_DEVANAGARI_MONTH_FIRST, text)]
    if not plain and _THAI_LETTER.search(text):
        forms.append(_with_month_name(_THAI, text))
    if not plain and _SOLAR_YEAR.search(text):
        forms.append(_with_month_name(_SOLAR, text, _SOLAR_MONTHS))
        if _reads_solar_figures(zone):
            forms.append(_SOLAR_NUMERIC.search(text))
    return [m for m in forms if m]


def _day_of(match: re.Match[str], zone: Zone) -> tuple[int, int, int] | None:
    """(year, month, day) of a full date as its pattern writes it; None when it names no day."""
    groups = match.groupdict()
    year = int(groups["y"])
    if match.re is _SOLAR:
        return _solar_hijri_to_gregorian(year, _SOLAR_MONTHS[_month_key(groups["mon"])], int(groups["d"]))
    if match.re is _SOLAR_NUMERIC:
        return _solar_hijri_to_gregorian(year, int(groups["m"]), int(groups["d"]))
    year -= _BUDDHIST_ERA if year > 2400 else 0
    if match.re is _NUMERIC or match.re is _VIETNAMESE:
        return year, int(groups["m"]), int(groups["d"])
    if match.re is _YEAR_LAST:
        return year, *_day_and_month(int(groups["a"]), int(groups["b"]), groups["sep"], zone)
    if "mon" in groups:
        return year, _FOREIGN_MONTHS[_month_key(groups["mon"])], int(groups["d"])
    month = _MONTHS[(groups.get("mon1") or groups.get("mon2") or "")[:3].lower()]
    return year, month, int(groups.get("d1") or groups.get("d2") or 0)


def _short_year_day(match: re.Match[str], zone: Zone, now: datetime) -> tuple[int, int, int] | None:
    """(year, month, day) of ``28.04.23`` or ``04/28/23``, or None where the order is not certain.

    The year is this century's, never later than the fetch. Dots are read day first on pages whose
    language writes the day first; slashes day first when the first number is above 12, month first
    when the second is, else as the page's language writes them, and not at all on an English page
    that does not say its country.
    """
    year = 2000 + int(match["y"])
    if year > now.year:
        return None
    first, second = int(match["a"]), int(match["b"])
    day_first = _writes_day_first(zone)
    if match["sep"] == ".":
        return (year, second, first) if day_first else None
    if first > 12 or (day_first and second <= 12):
        return year, second, first
    if second > 12 or first == second:
        return year, first, second
    return None


def _reads_short_years(zone: Zone) -> bool:
    """Whether a two-digit year may be read on the page: its language is known and does not write
    the year first (``23.04.28`` on a Korean page is 28 April 2023)."""
    language = (zone.language or "").lower().split("-")[0]
    return bool(language) and language not in _YEAR_FIRST_LANGUAGES


def _era_year(match: re.Match[str]) -> str:
    """``令和6年`` → ``2024年``: an era's year as the Gregorian year (the era's first is ``元年``)."""
    number = 1 if match["n"] == "元" else int(match["n"])
    return f"{_ERA_YEAR_ZERO[match['era']] + number}年"


def _reads_solar_figures(zone: Zone) -> bool:
    """Whether the page writes Solar Hijri dates in figures: its language or country says so."""
    host = urlsplit(zone.url or "").hostname or ""
    language = (zone.language or "").lower().split("-")[0]
    return language in _SOLAR_LANGUAGES or host.rsplit(".", 1)[-1] in _SOLAR_COUNTRIES


def _solar_hijri_to_gregorian(year: int, month: int, day: int) -> tuple[int, int, int] | None:
    """(year, month, day) of a Solar Hijri date, None for a day the calendar does not have.

    The year opens on Nowruz; its first six months have 31 days, the next five 30, the last 29, or
    30 in a leap year. Leap years follow the 33-year cycle, as ICU's Persian calendar does (the same
    Nowruz for every year 1300–1499); it gives the days Iran kept, 1 Farvardin 1403 on 20 March 2024
    and 1404 on 21 March 2025, and 22 Bahman 1357 on 11 February 1979.
    """
    nowruz = _NOWRUZ.get(year)
    length = 31 if month <= 6 else 30 if month <= 11 else 29 + _is_solar_leap(year)
    if nowruz is None or not (1 <= month <= 12 and 1 <= day <= length):
        return None
    before = 31 * (month - 1) if month <= 7 else 186 + 30 * (month - 7)
    gregorian = date.fromordinal(nowruz + before + day - 1)
    return gregorian.year, gregorian.month, gregorian.day


def _is_solar_leap(year: int) -> bool:
    return year % 33 in (1, 5, 9, 13, 17, 22, 26, 30)


def _nowruz_days() -> dict[int, int]:
    """The Gregorian day number of 1 Farvardin of each year 1300–1499 (1300 opened on 21 March 1921)."""
    days, ordinal = {}, date(1921, 3, 21).toordinal()
    for year in range(1300, 1500):
        days[year] = ordinal
        ordinal += 365 + _is_solar_leap(year)
    return days


_NOWRUZ = _nowruz_days()


def _with_month_name(
    pattern: re.Pattern[str], text: str, months: dict[str, int] = _FOREIGN_MONTHS
) -> re.Match[str] | None:
    """The first match of ``pattern`` whose month word is a month's name (most have none at all)."""
    match = pattern.search(text)
    if match is None or _month_key(match["mon"]) in months:
        return match
    return next((m for m in pattern.finditer(text, match.end()) if _month_key(m["mon"]) in months), None)


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
    return (second, first) if _writes_day_first(zone) else (first, second)


def _writes_day_first(zone: Zone) -> bool:
    """Whether the page writes the day before the month: its country domain, the region of its
    ``<html lang>`` (``en-GB``, ``en-IN``) or its language says so."""
    host = urlsplit(zone.url or "").hostname or ""
    language = (zone.language or "").lower().split("-")[0]
    region = (zone.page_language or "").lower().replace("_", "-").partition("-")[2]
    return (
        host.rsplit(".", 1)[-1] in _DAY_FIRST_COUNTRIES
        or region in _DAY_FIRST_COUNTRIES
        or language in _DAY_FIRST_LANGUAGES
    )


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
