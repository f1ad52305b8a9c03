"""The tuning/reporting split: fixed, balanced, independent of reading order."""

from __future__ import annotations

from bench.split import fold_of, half_of


def test_a_page_keeps_its_half() -> None:
    # Pinned: if the hash ever changed, every reported figure would silently become in-sample.
    assert [half_of("zyte", f"{n:04d}")[0] for n in range(1, 9)] == list("rrtrrrtr")


def test_halves_are_balanced_and_differ_by_set() -> None:
    ids = [f"page-{n}" for n in range(1000)]
    tuning = [page for page in ids if half_of("gne-zh", page) == "tuning"]
    assert 430 < len(tuning) < 570
    other = [page for page in ids if half_of("zh-cwced", page) == "tuning"]
    assert tuning != other


def test_the_tuning_half_splits_again_into_fit_and_check_quarters() -> None:
    ids = [f"page-{n}" for n in range(1000)]
    tuning = [page for page in ids if half_of("readability", page) == "tuning"]
    fit = [page for page in tuning if fold_of("readability", page) == "fit"]
    assert 0.4 < len(fit) / len(tuning) < 0.6
    # Pinned like the halves: a moved fold would let a rule be checked on the pages it was written on.
    assert [fold_of("zyte", f"{n:04d}")[0] for n in range(1, 9)] == list("fcfcffff")
