"""Comparing two benchmark runs names the pages that got worse first, and field verdicts that flipped."""

from typing import Any

from bench.extraction_diff import changes


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
