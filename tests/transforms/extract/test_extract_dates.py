"""Publish dates as a reader of the lake sees them: the right minute, in the right zone."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from transforms.extract.dates import FoundDate, Zone, parse_date, parse_url_date

BERLIN = ZoneInfo("Europe/Berlin")

FETCHED = datetime(2026, 3, 5, 4, 20, tzinfo=UTC)  # 12:20 in Beijing
SHANGHAI = Zone(timezone="Asia/Shanghai")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026年3月5日 08:30", "2026-03-05T08:30:00+08:00"),
        ("2026-03-05 08:30:00", "2026-03-05T08:30:00+08:00"),
        ("发布时间：2026/03/05 08:30", "2026-03-05T08:30:00+08:00"),
        ("2026年3月5日 星期四 下午3:42", "2026-03-05T15:42:00+08:00"),
        ("03-05 08:30", "2026-03-05T08:30:00+08:00"),
        ("3小时前", "2026-03-05T09:20:00+08:00"),
        ("25分钟前", "2026-03-05T11:55:00+08:00"),
        ("昨天 21:05", "2026-03-04T21:05:00+08:00"),
    ],
)
def test_chinese_date_forms(text: str, expected: str) -> None:
    found = parse_date(text, SHANGHAI, FETCHED)
    assert found is not None
    assert found.value == datetime.fromisoformat(expected)
    assert found.value.utcoffset() == datetime.fromisoformat(expected).utcoffset()


def test_month_and_day_without_year_take_the_year_before_when_later_than_the_fetch() -> None:
    found = parse_date("12-30 23:10", SHANGHAI, datetime(2026, 1, 2, tzinfo=UTC))
    assert found is not None
    assert found.value.year == 2025


def test_explicit_offset_wins_over_the_source_zone() -> None:
    found = parse_date("2026-03-05T14:05:00-05:00", SHANGHAI, FETCHED)
    assert found is not None
    assert found.value.isoformat() == "2026-03-05T14:05:00-05:00"
    assert not found.timezone_inferred


def test_english_forms() -> None:
    zone = Zone(timezone="America/New_York")
    found = parse_date("Posted: March 5, 2026 at 2:05 pm", zone, FETCHED)
    assert found is not None
    assert found.value.isoformat() == "2026-03-05T14:05:00-05:00"
    rfc822 = parse_date("Thu, 05 Mar 2026 02:30:00 GMT", zone, FETCHED)
    assert rfc822 is not None
    assert rfc822.value == datetime(2026, 3, 5, 2, 30, tzinfo=UTC)


def test_zone_is_inferred_and_flagged_without_a_configured_one() -> None:
    from_country = parse_date("2026年3月5日 15:42", Zone(url="https://news.example.hk/a"), FETCHED)
    from_language = parse_date("2026-03-05 08:30", Zone(language="zh-Hans", url="https://example.com/a"), FETCHED)
    assert from_country is not None
    assert from_country.timezone_inferred
    assert str(from_country.value.tzinfo) == "Asia/Hong_Kong"
    assert from_language is not None
    assert from_language.timezone_inferred
    assert from_language.value.utcoffset() == datetime.fromisoformat("2026-03-05T08:30+08:00").utcoffset()


def test_a_day_without_time_says_so() -> None:
    found = parse_date("2026年03月05日 星期四", SHANGHAI, FETCHED)
    assert found is not None
    assert not found.has_time


def test_dates_after_the_fetch_are_not_publish_dates() -> None:
    assert parse_date("活动时间：2026年5月1日 09:00", SHANGHAI, FETCHED) is None


def test_relative_dates_need_the_fetch_time() -> None:
    assert parse_date("3小时前", SHANGHAI, None) is None


@pytest.mark.parametrize(
    ("url", "day"),
    [
        ("https://example.com/news/2019/11/19/story.html", "2019-11-19"),
        ("http://www.example.gov.cn/zwgk/202603/t20260304_1234567.html", "2026-03-04"),
        ("https://epaper.example.cn/html/2026-03/05/content_1.htm", "2026-03-05"),
    ],
)
def test_day_in_the_url(url: str, day: str) -> None:
    found = parse_url_date(url, SHANGHAI)
    assert found is not None
    assert found.value.date().isoformat() == day


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("28.04.2023", datetime(2023, 4, 28, tzinfo=BERLIN)),
        ("24.04.2024, 15:10 Uhr", datetime(2024, 4, 24, 15, 10, tzinfo=BERLIN)),
        ("Veröffentlicht am 03.05.2025 um 08:15 Uhr", datetime(2025, 5, 3, 8, 15, tzinfo=BERLIN)),
        ("13. Mai 2026", datetime(2026, 5, 13, tzinfo=BERLIN)),
        ("26. Mai 2008 um 21:07", datetime(2008, 5, 26, 21, 7, tzinfo=BERLIN)),
        ("5 de mayo de 2026", datetime(2026, 5, 5, tzinfo=BERLIN)),
        ("le 5 mai 2026 à 10h30", datetime(2026, 5, 5, 10, 30, tzinfo=BERLIN)),
        ("3 maart 2025", datetime(2025, 3, 3, tzinfo=BERLIN)),
        ("02.02.2022 · 11:14", datetime(2022, 2, 2, 11, 14, tzinfo=BERLIN)),
        # an abbreviated month after a day with its full stop
        ("7. Jun 2017, 11:19", datetime(2017, 6, 7, 11, 19, tzinfo=BERLIN)),
        ("12. Dez. 2020", datetime(2020, 12, 12, tzinfo=BERLIN)),
        ("3. Mär 2021", datetime(2021, 3, 3, tzinfo=BERLIN)),
        ("5. Sept. 2019", datetime(2019, 9, 5, tzinfo=BERLIN)),
    ],
)
def test_day_first_and_foreign_month_dates(text: str, expected: datetime) -> None:
    found = parse_date(text, Zone(timezone="Europe/Berlin"))
    assert found is not None and found.value == expected


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("9/17/2004 5:54:13 AM", None, datetime(2004, 9, 17, 5, 54, 13)),
        ("17/9/2004", None, datetime(2004, 9, 17)),
        ("05/06/2024", "en", datetime(2024, 5, 6)),
        ("05/06/2024", "de", datetime(2024, 6, 5)),
    ],
)
def test_slashed_dates_are_read_the_way_the_site_writes_them(
    text: str, language: str | None, expected: datetime
) -> None:
    found = parse_date(text, Zone(language=language))
    assert found is not None and found.value.replace(tzinfo=None) == expected


def test_an_instant_from_a_script_is_shown_in_the_sites_zone() -> None:
    found = parse_date("@1581418070", Zone(language="zh-Hans"))
    assert found is not None
    assert found.value.isoformat() == "2020-02-11T18:47:50+08:00"
    assert not found.timezone_inferred


def test_a_word_in_the_month_place_that_is_no_known_month_is_not_a_date() -> None:
    assert parse_date("15 σχόλια 2019", Zone(None, "el", None)) is None
    assert parse_date("15 Kommentare 2019", Zone(None, "de", None)) is None


def test_russian_and_ukrainian_months_are_read_in_the_genitive() -> None:
    russian = parse_date("15 августа 2016, 13:43", Zone(None, "ru", "https://football.ua/a.html"))
    ukrainian = parse_date("15 серпня 2016", Zone(None, "uk", None))
    assert russian is not None and russian.value.isoformat() == "2016-08-15T13:43:00+03:00"
    assert ukrainian is not None and ukrainian.value.date().isoformat() == "2016-08-15"


AFTER_MAY = datetime(2026, 6, 1, tzinfo=UTC)


def _assert_read_as(found: object, expected: str) -> None:
    """The same instant and the same offset: a reader sees the page's own wall-clock time."""
    assert isinstance(found, FoundDate)
    assert found.value == datetime.fromisoformat(expected)
    assert found.value.utcoffset() == datetime.fromisoformat(expected).utcoffset()


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("5 maj 2026 kl 14.30", "sv", "2026-05-05T14:30:00+02:00"),
        ("5. maj 2026", "da", "2026-05-05T00:00:00+02:00"),
        ("5. mai 2026 kl. 14.30", "no", "2026-05-05T14:30:00+02:00"),
        ("5.5.2026 klo 14.30", "fi", "2026-05-05T14:30:00+03:00"),
        ("5. toukokuuta 2026", "fi", "2026-05-05T00:00:00+03:00"),
        ("5 Mayıs 2026 saat 14:30", "tr", "2026-05-05T14:30:00+03:00"),
        ("5 MAYIS 2026", "tr", "2026-05-05T00:00:00+03:00"),
        ("5. května 2026 14:30", "cs", "2026-05-05T14:30:00+02:00"),
        ("5. 5. 2026 14:30", "cs", "2026-05-05T14:30:00+02:00"),
        ("5. mája 2026 o 14:30", "sk", "2026-05-05T14:30:00+02:00"),
        ("2026. május 5. 14:30", "hu", "2026-05-05T14:30:00+02:00"),
        ("5 Μαΐου 2026, 2:30 μ.μ.", "el", "2026-05-05T14:30:00+03:00"),
        ("5 ΜΑΪΟΥ 2026", "el", "2026-05-05T00:00:00+03:00"),
        ("5 mai 2026, ora 14:30", "ro", "2026-05-05T14:30:00+03:00"),
        ("الثلاثاء، 05 مايو 2026 02:30 م", "ar", "2026-05-05T14:30:00+00:00"),
        ("٥ أيار ٢٠٢٦", "ar", "2026-05-05T00:00:00+00:00"),
        ("5 كانون الثاني 2026", "ar", "2026-01-05T00:00:00+00:00"),
        ("5 במאי 2026", "he", "2026-05-05T00:00:00+03:00"),
        ("5 Mei 2026, pukul 14.30", "id", "2026-05-05T14:30:00+07:00"),
        ("5 Mac 2026", "ms", "2026-03-05T00:00:00+08:00"),
        ("Tue 5 May 2026 — 2.30pm", "en", "2026-05-05T14:30:00+00:00"),
        ("ngày 5 tháng 5 năm 2026", "vi", "2026-05-05T00:00:00+07:00"),
        ("14:30 ngày 5/5/2026", "vi", "2026-05-05T14:30:00+07:00"),
        ("2026년 5월 5일", "ko", "2026-05-05T00:00:00+09:00"),
        ("2026년 5월 5일 (화) 오후 2:30", "ko", "2026-05-05T14:30:00+09:00"),
        ("2026년 5월 5일 14시 30분", "ko", "2026-05-05T14:30:00+09:00"),
        ("2026.05.05. 14:30", "ko", "2026-05-05T14:30:00+09:00"),
        ("2026年5月5日 14時30分", "ja", "2026-05-05T14:30:00+09:00"),
        ("2026年5月5日（火）午後2時30分", "ja", "2026-05-05T14:30:00+09:00"),
        ("05/05/2026 ore 14:30", "it", "2026-05-05T14:30:00+02:00"),
        ("5 maja 2026 o godz. 14:30", "pl", "2026-05-05T14:30:00+02:00"),
        ("5 maja 2026 r., 14:30", "pl", "2026-05-05T14:30:00+02:00"),
        ("5 мая 2026 г. в 14:30", "ru", "2026-05-05T14:30:00+00:00"),
        ("5. svibnja 2026. u 14:30", "hr", "2026-05-05T14:30:00+02:00"),
        ("5 de maig de 2026", "ca", "2026-05-05T00:00:00+00:00"),
        ("5 พ.ค. 2569 14:30 น.", "th", "2026-05-05T14:30:00+07:00"),
        ("วันอังคารที่ 5 พฤษภาคม พ.ศ. 2569", "th", "2026-05-05T00:00:00+07:00"),
    ],
)
def test_dates_of_many_countries_keep_their_time_and_zone(text: str, language: str, expected: str) -> None:
    found = parse_date(text, Zone(None, language, None), AFTER_MAY)
    _assert_read_as(found, expected)
    assert found is not None and found.has_time == ("T00:00:00" not in expected)


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("May 5, 2026 2:30 p.m. ET", "en", "2026-05-05T14:30:00-04:00"),
        ("January 5, 2026 2:30 p.m. ET", "en", "2026-01-05T14:30:00-05:00"),
        ("Updated 2:30 PM EDT, Tue May 5, 2026", "en", "2026-05-05T14:30:00-04:00"),
        ("Tuesday 5 May 2026 14.30 BST", "en", "2026-05-05T14:30:00+01:00"),
        ("May 5, 2026 9:15 AM PT", "en", "2026-05-05T09:15:00-07:00"),
        ("5 May 2026, 14:30 IST", "en", "2026-05-05T14:30:00+05:30"),
        ("Posted Mon 5 Jan 2026 at 10:00am AEDT", "en", "2026-01-05T10:00:00+11:00"),
        ("05/05/2026 - 14:30 CEST", "es", "2026-05-05T14:30:00+02:00"),
        ("Last Updated: Tuesday, May 05, 2026, 14:30 [IST]", "en", "2026-05-05T14:30:00+05:30"),
        ("05.01.2026, 14:30 MEZ", "de", "2026-01-05T14:30:00+01:00"),
        ("Selasa, 05 Mei 2026 14:30 WIB", "id", "2026-05-05T14:30:00+07:00"),
        ("Thứ ba, 5/5/2026, 14:30 (GMT+7)", "vi", "2026-05-05T14:30:00+07:00"),
        ("2026-05-05 14:30 CST", "zh", "2026-05-05T14:30:00+08:00"),
        ("2026-05-05 14:30 CST", "en", "2026-05-05T14:30:00-05:00"),
    ],
)
def test_a_zone_word_after_the_time_is_read_on_that_date(text: str, language: str, expected: str) -> None:
    found = parse_date(text, Zone(None, language, None), AFTER_MAY)
    _assert_read_as(found, expected)
    assert found is not None and found.has_time and not found.timezone_inferred


def test_a_dotted_time_needs_a_marker_a_zone_or_uhr_else_it_may_be_a_day() -> None:
    bare = parse_date("05.05.2026 10.15", Zone(timezone="Europe/Berlin"))
    marked = parse_date("24.04.2024, 15.10 Uhr", Zone(timezone="Europe/Berlin"))
    score = parse_date("Score 3.45 on 5 May 2026", Zone(timezone="Europe/Berlin"))
    assert bare is not None and not bare.has_time
    assert score is not None and not score.has_time  # ``ore`` ends ``Score``: no marker inside a word
    assert marked is not None and marked.value == datetime(2024, 4, 24, 15, 10, tzinfo=BERLIN)


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("۱۵ اردیبهشت ۱۴۰۵", "fa", "2026-05-05T00:00:00+03:30"),
        ("سه‌شنبه ۱۵ اردیبهشت ۱۴۰۵ - ۱۴:۳۰", "fa", "2026-05-05T14:30:00+03:30"),
        ("۱۵ اردیبهشت ۱۴۰۵ ساعت ۱۴:۳۰", "fa", "2026-05-05T14:30:00+03:30"),
        ("15 ارديبهشت 1405، 14:30", "fa", "2026-05-05T14:30:00+03:30"),  # Arabic yeh, Western digits
        ("۱۴۰۵/۰۲/۱۵ - ۱۴:۳۰", "fa", "2026-05-05T14:30:00+03:30"),
        ("۱ فروردین ۱۴۰۳", "fa", "2024-03-20T00:00:00+03:30"),  # 1402 was no leap year
        ("۱ فروردین ۱۴۰۴", "fa", "2025-03-21T00:00:00+03:30"),  # 1403 was one
        ("۳۰ اسفند ۱۴۰۳", "fa", "2025-03-20T00:00:00+03:30"),
        ("۲۲ بهمن ۱۳۵۷", "fa", "1979-02-11T00:00:00+03:30"),
        ("۵ مه ۲۰۲۶", "fa", "2026-05-05T00:00:00+03:30"),  # the Gregorian month, in Persian
    ],
)
def test_solar_hijri_dates_are_read_in_the_gregorian_calendar(text: str, language: str, expected: str) -> None:
    _assert_read_as(parse_date(text, Zone(None, language, None), AFTER_MAY), expected)


def test_afghan_month_names_and_zone() -> None:
    found = parse_date("۱۵ ثور ۱۴۰۵", Zone(None, "fa", "https://example.af/a"), AFTER_MAY)
    _assert_read_as(found, "2026-05-05T00:00:00+04:30")


def test_a_day_the_solar_year_does_not_have_and_lunar_hijri_figures_are_not_dates() -> None:
    assert parse_date("۳۰ اسفند ۱۴۰۴", Zone(None, "fa", None), AFTER_MAY) is None  # 1404 is no leap year
    assert parse_date("1447/11/18", Zone(None, "ar", None), AFTER_MAY) is None  # lunar Hijri on an Arabic page


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("५ मई २०२६", "hi", "2026-05-05T00:00:00+05:30"),
        ("मंगलवार, 5 मई 2026, 02:30 PM IST", "hi", "2026-05-05T14:30:00+05:30"),
        ("मई 05, 2026 14:30 IST", "hi", "2026-05-05T14:30:00+05:30"),
        ("05 फ़रवरी 2026", "hi", "2026-02-05T00:00:00+05:30"),  # nukta as its own sign
        ("05 \u095eरवरी 2026", "hi", "2026-02-05T00:00:00+05:30"),  # nukta letter typed as one
        ("२०२६-०५-०५ १४:३०", "hi", "2026-05-05T14:30:00+05:30"),
        ("५ मे २०२६", "mr", "2026-05-05T00:00:00+05:30"),
    ],
)
def test_devanagari_digits_and_hindi_and_marathi_months(text: str, language: str, expected: str) -> None:
    _assert_read_as(parse_date(text, Zone(None, language, None), AFTER_MAY), expected)


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("2024. gada 5. maijs", "lv", "2024-05-05T00:00:00+03:00"),
        ("2024. gada 5. maijā plkst. 14.30", "lv", "2024-05-05T14:30:00+03:00"),
        ("5. jūnijs 2024", "lv", "2024-06-05T00:00:00+03:00"),
        ("2024 m. gegužės 5 d.", "lt", "2024-05-05T00:00:00+03:00"),
        ("2024 m. gegužės 5 d. 14:30", "lt", "2024-05-05T14:30:00+03:00"),
        ("5 gruodžio 2024", "lt", "2024-12-05T00:00:00+02:00"),
        # Month first, the day marked ``d.``, the year last.
        ("gegužės 13 d., 2024", "lt", "2024-05-13T00:00:00+03:00"),
        ("Gegužės 13 d., 2024 14:30", "lt", "2024-05-13T14:30:00+03:00"),
        ("Paskelbta: sausio 5 d., 2024 m. 09:15", "lt", "2024-01-05T09:15:00+02:00"),
        ("2024 m. gegužės 13 d. 14:30", "lt", "2024-05-13T14:30:00+03:00"),
        ("5. märts 2024 kell 14.30", "et", "2024-03-05T14:30:00+02:00"),
    ],
)
def test_baltic_months(text: str, language: str, expected: str) -> None:
    _assert_read_as(parse_date(text, Zone(None, language, None), AFTER_MAY), expected)


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("5. Mai 2026, Dienstag, 14:30", "de", "2026-05-05T14:30:00+02:00"),
        ("5 maja 2026 (wtorek) 14:30", "pl", "2026-05-05T14:30:00+02:00"),
        ("May 5, 2026, Tuesday, 2:30 PM", "en", "2026-05-05T14:30:00+00:00"),
        # Languages that set the weekday after the date with no comma.
        ("13 Mayıs 2026 Çarşamba 14:30", "tr", "2026-05-13T14:30:00+03:00"),
        ("13 maja 2026 środa 14:30", "pl", "2026-05-13T14:30:00+02:00"),
        ("13 мая 2026, среда, 14:30 МСК", "ru", "2026-05-13T14:30:00+03:00"),
        ("13 травня 2026 середа 14:30", "uk", "2026-05-13T14:30:00+03:00"),
        ("15 травня 2026 п’ятниця 14:30", "uk", "2026-05-15T14:30:00+03:00"),  # the web's usual apostrophe
        ("۱۲ اردیبهشت ۱۴۰۵ سهشنبه ساعت ۱۴:۳۰", "fa", "2026-05-02T14:30:00+03:30"),  # typed without ZWNJ
        ("13. mai 2026 kolmapäev 14:30", "et", "2026-05-13T14:30:00+03:00"),
        ("۲۳ اردیبهشت ۱۴۰۵ چهارشنبه ساعت ۱۴:۳۰", "fa", "2026-05-13T14:30:00+03:30"),
        ("13 मई 2026 बुधवार 14:30", "hi", "2026-05-13T14:30:00+05:30"),
    ],
)
def test_a_weekday_between_the_date_and_its_time(text: str, language: str, expected: str) -> None:
    found = parse_date(text, Zone(None, language, None), AFTER_MAY)
    _assert_read_as(found, expected)


def test_a_plain_word_between_a_date_and_a_time_keeps_the_day_only() -> None:
    found = parse_date("5 May 2026 updated 14:30", Zone(None, "en", None), AFTER_MAY)
    assert found is not None and not found.has_time


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("令和6年5月5日 14時30分", "ja", "2024-05-05T14:30:00+09:00"),
        ("令和６年５月５日（日）", "ja", "2024-05-05T00:00:00+09:00"),  # full-width figures
        ("令和元年5月1日", "ja", "2019-05-01T00:00:00+09:00"),
        ("平成31年4月30日", "ja", "2019-04-30T00:00:00+09:00"),
        ("民國114年5月5日 14:30", "zh-Hant", "2025-05-05T14:30:00+08:00"),  # not this year: 2025
    ],
)
def test_era_years(text: str, language: str, expected: str) -> None:
    _assert_read_as(parse_date(text, Zone(None, language, None), AFTER_MAY), expected)


@pytest.mark.parametrize(
    ("text", "zone", "expected"),
    [
        ("28.04.23", Zone(None, "de", None), "2023-04-28T00:00:00+02:00"),
        ("19.10.19, 18:56", Zone(None, "de", None), "2019-10-19T18:56:00+02:00"),
        ("04/28/23 2:30 PM", Zone(None, "en", None), "2023-04-28T14:30:00+00:00"),
        ("11/18/19 11:04 PM EST", Zone(None, "en", None), "2019-11-18T23:04:00-05:00"),
        ("28/04/23", Zone(None, "en", None), "2023-04-28T00:00:00+00:00"),
        ("04/05/23", Zone(None, "es", None), "2023-05-04T00:00:00+00:00"),
        ("04/05/23", Zone(None, "en", None, "en-GB"), "2023-05-04T00:00:00+00:00"),
    ],
)
def test_two_digit_years_where_the_order_is_certain(text: str, zone: Zone, expected: str) -> None:
    _assert_read_as(parse_date(text, zone, AFTER_MAY), expected)


@pytest.mark.parametrize(
    ("text", "zone", "now"),
    [
        ("04/05/23", Zone(None, "en", None), AFTER_MAY),  # April or May: an English page of no known country
        ("10.15.15", Zone(None, "en", None), AFTER_MAY),  # dots on an English page may be month first
        ("23.04.28", Zone(None, "ko", None), AFTER_MAY),  # Korean writes the year first
        ("28.04.23", Zone(None, None, None), AFTER_MAY),  # no language: no order
        ("28.04.27", Zone(None, "de", None), AFTER_MAY),  # after the fetch
        ("28.04.23", Zone(None, "de", None), None),  # no fetch time to take the century from
        ("Version 2.28.04.23", Zone(None, "de", None), AFTER_MAY),
    ],
)
def test_two_digit_years_are_not_guessed(text: str, zone: Zone, now: datetime | None) -> None:
    assert parse_date(text, zone, now) is None


@pytest.mark.parametrize(
    ("zone", "expected"),
    [
        (Zone(None, "lv", None), datetime(2024, 5, 4)),
        (Zone(None, "hi", None), datetime(2024, 5, 4)),
        (Zone(None, "en", None, "en-GB"), datetime(2024, 5, 4)),
        (Zone(None, "en", None, "en_IN"), datetime(2024, 5, 4)),
        (Zone(None, "en", None, "en-US"), datetime(2024, 4, 5)),
        (Zone(None, "zh-Hans", None), datetime(2024, 4, 5)),  # ``7/5/2005 9:23:57 PM``: a US-made server's line
    ],
)
def test_ambiguous_slashed_dates_follow_the_pages_language_and_region(zone: Zone, expected: datetime) -> None:
    found = parse_date("04/05/2024", zone, AFTER_MAY)
    assert found is not None and found.value.replace(tzinfo=None) == expected


def test_today_without_a_time_is_not_guessed() -> None:
    assert parse_date("今天", SHANGHAI, FETCHED) is None
    assert parse_date("今天 08:30", SHANGHAI, None) is None


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        # "year" written out or abbreviated after the year, then the time word.
        ("13 травня 2026 року о 14:30", "uk", "2026-05-13T14:30:00+03:00"),
        ("Опубліковано 13 травня 2026 р. о 14:30", "uk", "2026-05-13T14:30:00+03:00"),
        ("13 мая 2026 года в 14:30 МСК", "ru", "2026-05-13T14:30:00+03:00"),
        ("13 maja 2026 roku o godz. 14:30", "pl", "2026-05-13T14:30:00+02:00"),
        ("13 Mayıs 2026 yılı saat 14:30", "tr", "2026-05-13T14:30:00+03:00"),
    ],
)
def test_year_words_before_the_time(text: str, language: str, expected: str) -> None:
    _assert_read_as(parse_date(text, Zone(None, language, None), AFTER_MAY), expected)


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        # Day-first figures with a time and a zone word; the zone word wins over the guessed zone.
        ("13.05.2026 14:30 МСК", "ru", "2026-05-13T14:30:00+03:00"),
        ("13.05.2026 в 14:30 (мск)", "ru", "2026-05-13T14:30:00+03:00"),
        ("13.05.2026 - 14:30 TSİ", "tr", "2026-05-13T14:30:00+03:00"),
        ("13/05/2026 14:30 IRST", "fa", "2026-05-13T14:30:00+03:30"),
        ("13-05-2026 02:30 PM IST", "hi", "2026-05-13T14:30:00+05:30"),
        ("13.05.2026, 14:30 CEST", "pl", "2026-05-13T14:30:00+02:00"),
        ("13.05.2026 14:30 EEST", "lt", "2026-05-13T14:30:00+03:00"),
    ],
)
def test_day_first_figures_with_a_time_and_a_zone_word(text: str, language: str, expected: str) -> None:
    _assert_read_as(parse_date(text, Zone(None, language, "https://example.com/a"), AFTER_MAY), expected)


def test_the_first_day_of_unix_time_is_an_unset_field_not_a_date() -> None:
    assert parse_date("1970-01-01T01:00:00+01:00", Zone(None, "pl", None), AFTER_MAY) is None
    assert parse_date("1970-01-01T00:00:00Z", Zone(None, "en", None), AFTER_MAY) is None
    assert parse_date("1971-01-01", Zone(None, "en", None), AFTER_MAY) is not None
