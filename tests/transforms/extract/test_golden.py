"""Golden pages: every folder under ``tests/fixtures/extraction`` is one case.

A case is the saved body (``page.html``, ``page.txt`` or ``page.json``, bytes as served), its
``url.txt``, an optional ``meta.json`` (``content_type``, ``source_timezone``, ``fetched_at``,
``hints``) and ``expected.json`` with the fields a user reads and the text the article must
and must not contain. Adding a case is adding a folder.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from transforms.encoding import decode_body
from transforms.extract import Article, Page, extract

CASES = Path(__file__).resolve().parents[2] / "fixtures" / "extraction"
FETCHED_AT = "2026-04-18T00:00:00+00:00"
PLAIN_FIELDS = ("title", "credited_source", "editor", "language", "site_name", "canonical_url", "image_url",
                "date_source", "timezone_inferred")  # fmt: skip


def _cases() -> list[Path]:
    return sorted(path for path in CASES.iterdir() if (path / "expected.json").is_file())


def _extract(case: Path) -> Article:
    body_path = next(path for path in sorted(case.iterdir()) if path.name.startswith("page."))
    meta: dict[str, Any] = json.loads((case / "meta.json").read_text("utf-8")) if (case / "meta.json").exists() else {}
    page = Page(
        url=(case / "url.txt").read_text("utf-8").strip(),
        body=decode_body(body_path.read_bytes(), meta.get("content_type")).text,
        fetched_at=datetime.fromisoformat(meta.get("fetched_at", FETCHED_AT)),
        content_type=meta.get("content_type"),
        source_timezone=meta.get("source_timezone"),
        hints=meta.get("hints", {}),
    )
    result = extract(page)
    assert isinstance(result, Article), f"{case.name}: no article ({result})"
    return result


def _same_instant_and_offset(found: datetime | None, expected: str) -> bool:
    wanted = datetime.fromisoformat(expected)
    return found is not None and found == wanted and found.utcoffset() == wanted.utcoffset()


@pytest.mark.parametrize("case", _cases(), ids=lambda path: path.name)
def test_golden_page(case: Path) -> None:
    expected = json.loads((case / "expected.json").read_text("utf-8"))
    article = _extract(case)
    for name in PLAIN_FIELDS:
        if name in expected:
            assert getattr(article, name) == expected[name], f"{case.name}: {name}"
    for name in ("published_at", "modified_at"):
        if name in expected:
            found = getattr(article, name)
            assert _same_instant_and_offset(found, expected[name]), f"{case.name}: {name} is {found}"
    if "authors" in expected:
        assert list(article.authors) == expected["authors"]
    for snippet in expected.get("text_contains", []):
        assert snippet in article.text, f"{case.name}: missing {snippet!r}"
    for snippet in expected.get("text_not_contains", []):
        assert snippet not in article.text, f"{case.name}: should not contain {snippet!r}"
    if "first_paragraph_starts" in expected:
        assert article.text.startswith(expected["first_paragraph_starts"])


@pytest.mark.parametrize("case", _cases(), ids=lambda path: path.name)
def test_paragraphs_are_separated_by_one_blank_line(case: Path) -> None:
    text = _extract(case).text
    # A clip's description or a short notice is one paragraph; the case says so (``single_paragraph``).
    single = json.loads((case / "expected.json").read_text("utf-8")).get("single_paragraph", False)
    assert ("\n\n" in text) is not single
    assert "\n\n\n" not in text
    assert all(paragraph == paragraph.strip() and paragraph for paragraph in text.split("\n\n"))
