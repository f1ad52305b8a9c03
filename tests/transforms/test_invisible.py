"""Characters a reader never sees leave extracted text; joiners that shape a word stay."""

from __future__ import annotations

import pytest

from transforms.invisible import visible_text


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        # Soft hyphens at syllable breaks (German justified text, ``&shy;`` in the markup).
        (
            "des „Über\u00adle\u00adbens“ aller demo\u00adkra\u00adti\u00adschen Hinder\u00adnisse",
            "des „Überlebens“ aller demokratischen Hindernisse",
        ),
        # A zero-width space a template put after a slash so a long address may wrap.
        ("https://example.org/\u200bnews/\u200b2026", "https://example.org/news/2026"),
        # A word joiner, and a byte-order mark left at the start of a pasted text.
        ("\ufeffCOVID\u2060-19 Fälle", "COVID-19 Fälle"),
        # No-break spaces before a unit, in a French quotation and a figure.
        ("5\u00a0km, «\u202fnon\u202f» et 1\u2007000", "5 km, « non » et 1 000"),
        # A non-joiner between Latin letters (ligature control in ``Auflage``) shows nothing.
        ("Auf\u200clage", "Auflage"),
        # A joiner or non-joiner after a Latin word or a space, or opening the text.
        ("\u200cTobisch\u200d starb. \u200dJa", "Tobisch starb. Ja"),
    ],
)
def test_invisible_characters_go(text: str, shown: str) -> None:
    assert visible_text(text) == shown


@pytest.mark.parametrize(
    "text",
    [
        # Persian: the non-joiner keeps the prefix ``می`` and the plural ``ها`` unjoined.
        "می\u200cخواهم کتاب\u200cها را بخوانم",
        # Hindi: a joiner after the virama asks for the half form of the consonant.
        "क्\u200dष",
        # Malayalam: a chillu written as consonant, virama and joiner.
        "ന്\u200d",
        # Bengali: a non-joiner after the virama keeps the conjunct apart.
        "র্\u200cয",
        # Emoji: the joiner makes one picture of a family.
        "\U0001f468\u200d\U0001f469\u200d\U0001f467",
    ],
)
def test_joiners_that_shape_a_word_stay(text: str) -> None:
    assert visible_text(text) == text


def test_ascii_text_is_returned_as_is() -> None:
    text = "Plain ASCII news text."
    assert visible_text(text) is text
