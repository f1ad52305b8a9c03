"""The extraction benchmark's scoring: what counts as a found segment, a right author, a right time."""

from datetime import UTC, date, datetime, timedelta, timezone

from bench.extraction import run, score
from bench.extraction_sets import Case, Truth, TruthDate, byline_names, cwced_names, parse_truth_date
from bench.extractors import Output
from bench.metrics import character_tokens, count_authors, count_segments, tokenizer_for, word_tokens

CST = timezone(timedelta(hours=8))


def test_segments_match_across_line_breaks_and_count_leaked_boilerplate() -> None:
    found = count_segments(
        ["Die GEMA dreht völlig am Zeiger!", "ein Monopol"],
        ["Impressum", "31. Mai"],
        "Die GEMA dreht\n völlig   am Zeiger!\n\nImpressum",
    )
    assert (found.tp, found.fp, found.fn, found.tn) == (1, 1, 1, 1)
    assert found.f1 == 0.5


def test_a_segment_stored_decomposed_matches_the_precomposed_page_text() -> None:
    found = count_segments(["\u09af\u09bc\u09be\u09b0"], [], "\u09df\u09be\u09b0 ...")
    assert (found.tp, found.fn) == (1, 0)


def test_empty_output_finds_nothing_and_keeps_no_boilerplate() -> None:
    found = count_segments(["story"], ["menu"], "")
    assert (found.tp, found.fp, found.fn, found.tn) == (0, 0, 1, 1)


def test_authors_compare_as_normalised_names() -> None:
    counts = count_authors(["Jeffrey Gettleman", "张三"], ["jeffrey  gettleman", "张三 ", "浏览次数"])
    assert (counts.tp, counts.fp, counts.fn) == (2, 1, 0)


def test_a_readability_byline_label_gives_the_names_not_its_date_outlet_or_degree() -> None:
    assert byline_names("By Nathan Willis\n        March 25, 2015") == ("Nathan Willis",)
    assert byline_names("By Brenda  Goodman, MA\n        WebMD Health News") == ("Brenda  Goodman",)
    assert byline_names("Stella Kim, Jennifer Jett and Ana Ruiz") == ("Stella Kim", "Jennifer Jett", "Ana Ruiz")
    assert byline_names("Last Updated: January 7, 2025") == ()


def test_a_readability_byline_label_leaves_out_the_outlet_the_writer_files_for() -> None:
    assert byline_names("By Ana Lee for The Mail On Sunday") == ("Ana Lee",)
    assert byline_names("By Ana Lee and Tom Ray For Dailymail.com") == ("Ana Lee", "Tom Ray")


def test_a_cwced_author_label_keeps_a_bracketed_other_name_with_its_writer() -> None:
    assert cwced_names("周思博 (Joel Spolsky)") == ("周思博 (Joel Spolsky)",)
    assert cwced_names("伊琳  李清芬") == ("伊琳", "李清芬")


def test_chinese_expected_text_is_scored_per_character() -> None:
    assert tokenizer_for("北京时间昨日，新华社记者报道") is character_tokens
    assert tokenizer_for("The quick brown fox") is word_tokens


def test_truth_dates_keep_their_offset_or_stay_local() -> None:
    assert parse_truth_date("2019-01-03T07:00:02.000Z") == TruthDate(
        date(2019, 1, 3), datetime(2019, 1, 3, 7, 0, tzinfo=UTC)
    )
    assert parse_truth_date("2005-5-7 21:23:57") == TruthDate(date(2005, 5, 7), datetime(2005, 5, 7, 21, 23))
    assert parse_truth_date("2020-09-21") == TruthDate(date(2020, 9, 21))
    assert parse_truth_date("UNKNOWN") is None


def _case(truth: Truth) -> Case:
    return Case("gne-zh", "x", "reporting", "<html></html>", "https://example.invalid/", truth, character_tokens)


def test_a_time_without_its_offset_is_wrong_to_the_minute_but_right_to_the_day() -> None:
    truth = Truth(body="正文", published=parse_truth_date("2021-03-04T10:15:00+08:00"))
    naive = score(_case(truth), "newslake", Output("正文", published_at=datetime(2021, 3, 4, 10, 15)))
    aware = score(_case(truth), "newslake", Output("正文", published_at=datetime(2021, 3, 4, 2, 15, tzinfo=UTC)))
    assert naive.fields["published (minute, offset)"] is False
    assert aware.fields["published (minute, offset)"] is True
    assert aware.fields["published (day)"] is True


def test_fields_a_set_does_not_label_are_not_scored() -> None:
    result = score(_case(Truth(body="正文", editor="")), "newslake", Output("正文", editor="李四"))
    assert result.fields == {"editor": False}
    assert result.authors is None


def test_a_page_marked_not_an_article_is_not_scored() -> None:
    result = score(_case(Truth(body="x", is_article=False)), "newslake", Output("", rejected="not_article"))
    assert result.body_f1 is None


def test_local_time_label_matches_the_pages_own_clock() -> None:
    truth = Truth(body="正文", published=parse_truth_date("2005-5-7 21:23:57"))
    result = score(_case(truth), "newslake", Output("正文", published_at=datetime(2005, 5, 7, 21, 23, 40, tzinfo=CST)))
    assert result.fields["published (minute, offset)"] is True


def test_an_extractor_that_raises_scores_as_no_output_and_the_run_goes_on() -> None:
    def broken(markup: str, url: str) -> Output:
        raise ValueError("All strings must be XML compatible")

    case = _case(Truth(body="北京时间昨日新华社记者报道"))
    (result,) = run([case], {"readability-lxml": broken})
    assert result.output.error == "ValueError: All strings must be XML compatible"
    assert result.body_f1 == 0.0
