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
