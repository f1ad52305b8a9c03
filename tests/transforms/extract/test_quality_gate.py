"""Quality gate: newslake on the REPORTING half of every extraction set must not fall below pinned floors.

The reporting half (``bench/split.py``) is the half no rule is tuned on, so a floor here says
how the extractor does on pages it was not fitted to. The floors sit a little under what
``bench/extraction.py`` measured for newslake when they were last set (see the extraction
section of ``docs/benchmarks.md`` for the run and its command); a change that makes
extraction worse fails here before it reaches the lake. Only newslake runs (the comparison
with trafilatura lives in the benchmark), about 700 pages. The benchmark data is shared, not
vendored; without it the gate is skipped, saying where it looked.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bench.extraction import DocResult, Summary, run, summarise
from bench.extraction_sets import default_root, load
from bench.extractors import newslake

BENCHMARKS = default_root()

# ---- FLOORS: raise these when the extractor gets better (never lower them to make a change pass). ----
# Set a little under what newslake measured on the reporting halves (bench/extraction.py, newslake
# only, all sets) at the merge of main that brought the hidden-story and metadata fixes;
# readability and trafilatura-eval (body and rejections) raised after the story-recall rules;
# trafilatura-eval body raised again after the rules for inserts inside the story; zyte,
# trafilatura-eval, gne-zh dates and readability authors raised at rules version 5;
# trafilatura-eval body and readability authors raised at rules version 7.
# Body F1 of the reporting half (trafilatura-eval: its own with/without F-score).
BODY_F1_FLOOR = {
    "zyte": 0.975,  # measured 0.978 (rules version 10: standfirsts the description repeats, which Zyte leaves out)
    "zh-cwced": 0.955,  # 0.961
    "readability": 0.926,  # 0.934
    "trafilatura-eval": 0.928,  # 0.933 (rules version 11)
    "gne-zh": 0.970,  # 0.980
}
# Publish time right, pages of the reporting half: (to the minute with offset, to the day).
DATES_FLOOR = {
    "zh-cwced": (20, 24),  # 21/21, 25/28
    "readability": (12, 14),  # 13/13, 15/15
    "gne-zh": (17, 19),  # 18/18, 20/20 (shown time before the portal's meta time, rules version 10)
}
# Authors micro (precision, recall) where the set labels authors.
AUTHORS_FLOOR = {
    "zh-cwced": (0.85, 0.51),  # 0.90 / 0.56 (rules version 11: a role run into the name, reporters after a dateline)
    "readability": (0.66, 0.58),  # 0.70 / 0.61 (rules version 8)
    "gne-zh": (0.95, 0.75),  # 1.00 / 0.80 (rules version 11: a follow button no writer; found on this half)
}
# Other fields right, pages of the reporting half.
FIELDS_FLOOR = {
    ("gne-zh", "title"): 18,  # 19/21
    ("gne-zh", "credited source"): 12,  # 13/21
    ("gne-zh", "editor"): 17,  # 18/21
    ("readability", "title"): 35,  # 36/56 (the set keeps site suffixes that newslake drops)
    ("readability", "language"): 32,  # 34/34
}
# Article pages newslake rejects as not articles (the benchmark names the ones trafilatura
# extracts, "wrongly rejected"); the target everywhere is 0.
REJECTED_CEILING = {
    "zyte": 0,
    "zh-cwced": 0,
    "readability": 0,
    "trafilatura-eval": 1,  # measured 1
    "gne-zh": 0,
}
# ---- end of floors ----

pytestmark = pytest.mark.skipif(
    not (BENCHMARKS / "extraction").is_dir(),
    reason=f"public benchmarks not found at {BENCHMARKS} (set NEWSLAKE_BENCHMARKS to their folder)",
)


@pytest.fixture(scope="module")
def reporting() -> Iterator[dict[str, Summary]]:
    """newslake over the reporting half of every set, once for all the tests below."""
    results: dict[str, list[DocResult]] = {}
    for set_name in REJECTED_CEILING:
        results[set_name] = run(load(set_name, BENCHMARKS, frozenset({"reporting"})), {"newslake": newslake})
    yield {set_name: summarise(found) for set_name, found in results.items()}


@pytest.mark.parametrize("set_name", list(BODY_F1_FLOOR))
def test_body_f1_stays_above_floor(reporting: dict[str, Summary], set_name: str) -> None:
    summary = reporting[set_name]
    f1 = summary.f1 or 0.0
    assert f1 >= BODY_F1_FLOOR[set_name], f"{set_name} reporting half: body F1 {f1:.4f}"


@pytest.mark.parametrize("set_name", list(DATES_FLOOR))
def test_publish_times_stay_above_floor(reporting: dict[str, Summary], set_name: str) -> None:
    fields = reporting[set_name].fields
    minute = fields.get("published (minute, offset)", (0, 0))
    day = fields.get("published (day)", (0, 0))
    assert minute[0] >= DATES_FLOOR[set_name][0] and day[0] >= DATES_FLOOR[set_name][1], (
        f"{set_name} reporting half: {minute[0]}/{minute[1]} right to the minute, {day[0]}/{day[1]} to the day"
    )


@pytest.mark.parametrize("set_name", list(AUTHORS_FLOOR))
def test_authors_stay_above_floor(reporting: dict[str, Summary], set_name: str) -> None:
    authors = reporting[set_name].authors
    assert authors is not None, f"{set_name} labels authors but none were compared"
    precision, recall = AUTHORS_FLOOR[set_name]
    assert authors.precision >= precision and authors.recall >= recall, (
        f"{set_name} reporting half: authors P {authors.precision:.3f} R {authors.recall:.3f}"
    )


@pytest.mark.parametrize("set_name", list(REJECTED_CEILING))
def test_article_pages_are_not_rejected(reporting: dict[str, Summary], set_name: str) -> None:
    rejected = reporting[set_name].rejected
    assert rejected <= REJECTED_CEILING[set_name], f"{set_name} reporting half: {rejected} article pages rejected"


@pytest.mark.parametrize(("set_name", "field"), list(FIELDS_FLOOR))
def test_fields_stay_above_floor(reporting: dict[str, Summary], set_name: str, field: str) -> None:
    right, labelled = reporting[set_name].fields.get(field, (0, 0))
    assert right >= FIELDS_FLOOR[(set_name, field)], f"{set_name} reporting half: {field} right on {right}/{labelled}"
