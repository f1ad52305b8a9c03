"""Quality gate: our extractor over the public benchmarks must not fall below pinned floors.

The floors sit a little under what ``bench/extraction.py`` measured when they were last
raised (see ``docs/benchmarks.md``), so a change that makes extraction worse fails here before
it reaches the lake. Both sets run in full (250 pages, about 10 s on the 2-core machine).
The benchmark data is shared, not vendored; without it the gate is skipped, saying where it
looked.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
BENCHMARKS = ROOT.parent / "shared" / "benchmarks"
sys.path.insert(0, str(ROOT))  # bench/ is tooling, not an installed package

from bench.extraction import load_cwced, load_zyte, newslake  # noqa: E402
from bench.metrics import aggregate, character_tokens, score_document, word_tokens  # noqa: E402

ZYTE_F1_FLOOR = 0.970
CWCED_F1_FLOOR = 0.930
CWCED_DATES_FLOOR = 44  # of the 51 pages with a full date

pytestmark = pytest.mark.skipif(
    not (BENCHMARKS / "extraction").is_dir(), reason=f"public benchmarks not found at {BENCHMARKS}"
)


def test_zyte_f1_stays_above_floor() -> None:
    cases = load_zyte(BENCHMARKS)
    score = aggregate(score_document(case.truth, newslake(case.html, case.url)[0], word_tokens) for case in cases)
    assert score.f1 >= ZYTE_F1_FLOOR, f"Zyte F1 {score.f1:.4f} (P {score.precision:.4f}, R {score.recall:.4f})"


def test_chinese_f1_and_dates_stay_above_floor() -> None:
    cases = load_cwced(BENCHMARKS)
    outputs = [newslake(case.html, case.url) for case in cases]
    score = aggregate(
        score_document(case.truth, text, character_tokens) for case, (text, _) in zip(cases, outputs, strict=True)
    )
    right = sum(1 for case, (_, day) in zip(cases, outputs, strict=True) if case.day is not None and day == case.day)
    assert score.f1 >= CWCED_F1_FLOOR, f"zh-cwced F1 {score.f1:.4f} (P {score.precision:.4f}, R {score.recall:.4f})"
    assert right >= CWCED_DATES_FLOOR, f"{right} of 51 publish dates right"
