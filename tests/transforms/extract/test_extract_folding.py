"""Folded search: the same answer as a case-insensitive regex search, on any text."""

from __future__ import annotations

import re

import pytest

from transforms.extract.dates import _ENGLISH_MONTH
from transforms.extract.folding import Folded
from transforms.extract.lines import _NOTICE


@pytest.mark.parametrize(
    "text",
    [
        "SUBSCRIBE NOW for full access",
        "Jetzt abonnieren und weiterlesen",
        "JETZT ABONNIEREN",
        "Suscríbete a nuestro boletín",
        "SUSCRÍBETE",
        "Déjà abonné ? Connectez-vous",
        "DÉJÀ ABONNÉ",
        "SUBSCRİBE NOW",  # a capital I with a dot, as Turkish writes it
        "subscrıbe now",  # a dotless i
        "ſubscribe now",  # a long s
        "Ihre Privatſphäre",
        "この記事は会員限定です",
        "记者从市住建局获悉，今年我市将继续推进老旧小区加装电梯工作。",
        "The minister said the subscribers were not told.",
    ],
)
def test_a_folded_pattern_finds_what_ignoring_case_finds(text: str) -> None:
    pattern = r"subscribe now|jetzt abonnieren|suscr[ií]bete|d[ée]j[àa] abonn[ée]|privatsphäre|この記事は会員"
    assert Folded(pattern).found_in(text) == bool(re.search(pattern, text, re.IGNORECASE))


def test_lowering_folds_every_letter_of_the_folded_rules_as_ignoring_case_does_but_three() -> None:
    """The claim the shortcut rests on, checked over every code point for each letter the notice
    rules and the English month names use: ``str.lower`` gives the letter exactly for the
    characters the engine matches to it, except İ, ı and ſ, which ``Folded`` leaves to the
    case-insensitive pattern."""
    everything = "".join(chr(point) for point in range(0x110000) if not 0xD800 <= point < 0xE000)
    letters = {char for rule in (_NOTICE, _ENGLISH_MONTH) for char in rule.pattern.lower() if char.isalpha()}
    odd = set()
    for letter in letters:
        engine = {everything[m.start()] for m in re.finditer(re.escape(letter), everything, re.IGNORECASE)}
        lowered = {char for char in engine if char.lower() == letter}
        odd |= engine - lowered
    lowered_to_letter = {char for char in everything if char.lower() in letters}
    for char in lowered_to_letter:
        assert re.fullmatch(re.escape(char.lower()), char, re.IGNORECASE)
    assert odd <= {"\u0130", "\u0131", "\u017f"}


def test_a_pattern_whose_escapes_change_meaning_when_lowered_is_refused() -> None:
    with pytest.raises(ValueError, match="upper-case escape"):
        Folded(r"subscribe\W+now")
