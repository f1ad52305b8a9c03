"""The exact key is stored (``content_hash``, and through it ``article_id``): it must not drift."""

from __future__ import annotations

from pathlib import Path

import pytest

from transforms.normalise import content_hash, normalise, normalise_words

NEARDUP_TEXTS = Path(__file__).parents[1] / "fixtures" / "neardup"

# Digests computed before the two normalisers became one module; a change here re-keys every
# stored article, so it is a schema change, not a refactor.
PINNED = {
    "original": "399ffdadb05f04330e4ea99cc47a69fe",
    "traditional": "d768e5fd3c574e80b5762617d9f67f70",
    "fullwidth": "8dc8b1113427bafc881cfd885a05958a",
    "halfwidth": "8dc8b1113427bafc881cfd885a05958a",
}


@pytest.mark.parametrize(("stem", "digest"), sorted(PINNED.items()))
def test_content_hash_of_fixture_texts_is_pinned(stem: str, digest: str) -> None:
    text = (NEARDUP_TEXTS / f"{stem}.txt").read_text(encoding="utf-8")
    assert content_hash(text) == digest


@pytest.mark.parametrize(
    ("text", "digest"),
    [
        ("Straße in München: Ä́rger über ½ Preis — «Fußball» ℃", "17ddd31a3476450f812c10360fca71a7"),
        ("ＡＢＣ\u3000ｄｅｆ，１２３。", "9f4c121d60cf553ad8e1b73f6c02ad26"),
    ],
)
def test_content_hash_of_width_case_and_marks_is_pinned(text: str, digest: str) -> None:
    assert content_hash(text) == digest


def test_exact_key_keeps_scripts_apart_where_the_near_key_folds_them() -> None:
    traditional = (NEARDUP_TEXTS / "traditional.txt").read_text(encoding="utf-8")
    simplified = (NEARDUP_TEXTS / "simplified.txt").read_text(encoding="utf-8")
    assert content_hash(traditional) != content_hash(simplified)
    assert normalise(traditional) == normalise(simplified)


# A soft hyphen at each syllable break, as a page sets it for justified German text, and a
# zero-width space and word joiner where a template glued a long compound.
_SHOWN = "Die Bundesregierung beschließt das Wachstumschancengesetz."
_WITH_INVISIBLES = (
    "Die Bun\u00addes\u00adre\u00adgie\u00adrung be\u00adschließt das Wachstums\u200bchancen\u2060gesetz.\ufeff"
)


def test_invisible_characters_change_neither_key() -> None:
    assert content_hash(_WITH_INVISIBLES) == content_hash(_SHOWN)
    assert normalise(_WITH_INVISIBLES) == normalise(_SHOWN)


def test_spaced_near_key_does_not_cut_a_word_at_a_soft_hyphen() -> None:
    spaced = normalise_words(_WITH_INVISIBLES)
    assert spaced == normalise_words(_SHOWN) == "die bundesregierung beschliesst das wachstumschancengesetz"
