"""Case-insensitive search of a long alternation at the speed of a case-sensitive one.

Python's regex engine tries every branch of a case-insensitive alternation at every position of
the text, while a case-sensitive one skips a branch on its first letter: on the line rules that
is several times slower, and they run on every short line of every page. Lowering the text and
searching a lower-case copy of the pattern gives the same answer wherever ``str.lower`` folds a
character as the engine's ignore-case matching does. For the letters the folded rules use
(ASCII and accented Latin letters, CJK and kana; the tests check each over every code point)
that is every character but three: a capital I with a dot (``İ``, which ``str.lower`` turns
into two characters) and the dotless ``ı`` and long ``ſ`` (which the engine takes for ``i`` and
``s``, ``str.lower`` leaves as they are). A text holding one of those is searched ignoring case.
A rule with Greek letters would need more (the engine also pairs ``µ`` with ``μ``, ``ς`` with ``σ``).
"""

from __future__ import annotations

import re

_UPPER_ESCAPE = re.compile(r"\\[A-Z]")


class Folded:
    """A pattern found in a text ignoring case, through a lower-case copy where that is exact."""

    def __init__(self, pattern: str) -> None:
        if _UPPER_ESCAPE.search(pattern):  # ``\W`` or ``\S`` would mean the opposite once lowered
            raise ValueError(f"a pattern with an upper-case escape cannot be lowered: {pattern[:60]}")
        self.pattern = pattern
        self._plain = re.compile(pattern.lower())
        self._ignoring_case = re.compile(pattern, re.IGNORECASE)

    def found_in(self, text: str) -> bool:
        """Whether the pattern matches anywhere in ``text``, ignoring case."""
        if lowers_exactly(text):
            return self._plain.search(text.lower()) is not None
        return self._ignoring_case.search(text) is not None


def lowers_exactly(text: str) -> bool:
    """Whether ``text.lower()`` folds ``text`` as ignoring case does, for the letters above, and
    keeps each character where it was (``İ`` alone lowers to two characters). Three substring
    tests, as a regex scan for a character class costs several times more on a long script."""
    return text.isascii() or ("\u0130" not in text and "\u0131" not in text and "\u017f" not in text)  # İ ı ſ
