"""Comparing two benchmark runs names the pages that got worse first, and field verdicts that flipped."""

from typing import Any

from bench.extraction_diff import authors_by_quarter, by_quarter, changes


def _record(doc_id: str, f1: float | None, **extra: Any) -> dict[str, Any]:
    record = {"set": "gne-zh", "id": doc_id, "half": "tuning", "extractor": "newslake", "body_f1": f1}
    record |= {"rejected": None, "fields": {}}
    return record | extra


def test_losses_come_first_and_flipped_fields_are_named() -> None:
    before = [_record("a", 0.9), _record("b", 0.5), _record("c", 0.8, fields={"editor": False}), _record("d", 0.7)]
    after = [_record("a", 0.95), _record("b", 0.0, rejected="not_article"), _record("c", 0.8, fields={"editor": True})]
    after.append(_record("d", 0.705))
    found = changes(before, after, "newslake", 0.01)
    assert [change.doc_id for change in found] == ["b", "c", "a"]
    assert found[0].notes == ("rejected: None -> not_article",)
    assert found[1].notes == ("editor: right",)


def test_other_extractors_are_left_out() -> None:
    before = [_record("a", 0.9) | {"extractor": "trafilatura"}]
    after = [_record("a", 0.1) | {"extractor": "trafilatura"}]
    assert changes(before, after, "newslake", 0.01) == []


def test_moves_are_summed_per_quarter_so_a_rule_fitted_to_its_pages_shows() -> None:
    before = [_record("a", 0.5, half="tuning/fit"), _record("b", 0.9, half="tuning/check"), _record("c", 0.6)]
    after = [_record("a", 0.9, half="tuning/fit"), _record("b", 0.7, half="tuning/check"), _record("c", 0.6)]
    totals = by_quarter(changes(before, after, "newslake", 0.01))
    assert totals["tuning/fit"][:2] == (1, 0) and round(totals["tuning/fit"][2], 3) == 0.4
    assert totals["tuning/check"][:2] == (0, 1) and round(totals["tuning/check"][2], 3) == -0.2
    assert "tuning" not in totals


def test_author_moves_are_named_and_summed_per_quarter() -> None:
    before = [_record("a", 0.9, half="tuning/fit", authors=[0, 0, 1]), _record("b", 0.9, half="tuning/check")]
    after = [_record("a", 0.9, half="tuning/fit", authors=[1, 0, 0]), _record("b", 0.9, half="tuning/check")]
    assert changes(before, after, "newslake", 0.01)[0].notes == ("authors tp/fp/fn: 0/0/1 -> 1/0/0",)
    assert authors_by_quarter(after, "newslake") == {"tuning/fit": (1, 0, 0)}
