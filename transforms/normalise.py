"""Text normalisation for comparing articles, never for storing or showing them.

Two copies of a story differ in width (``，`` vs ``,``), case, spacing and punctuation long
before they differ in words. This module owns the folding, at two levels:

- **The exact key** (:func:`normalise_for_hash`, hashed by :func:`content_hash`): NFKC, case
  fold, and only letters, marks and digits kept. Its hash is stored (``content_hash``, and it
  feeds ``article_id``), so it must never change; two texts share it only when they are the
  same words in the same script.
- **The near key** (:func:`normalise`, :func:`normalise_words`): the same NFKC and case fold,
  plus Traditional→Simplified conversion, shingled by near-duplicate matching. Its output is
  fixed by the near-dup scheme (:mod:`transforms.neardup.scheme`), since stored signatures
  are computed from it.

The exact key is lighter on purpose. It answers "is this the same text?": a Traditional
republication of a Simplified story is a different text that a reader of either script
notices, and folding scripts would make two stored articles share one ``article_id``. The
near key answers "is this the same story?", where a Traditional copy is exactly the
republication the matcher must catch; the shingles it feeds tolerate the lossy conversion
(OpenCC merges a few distinct Traditional characters) that an identity key cannot.
The two also keep combining marks differently (the exact key keeps them, the near key drops
what ``\\w`` does not match), which is why they share only the NFKC and case-fold steps.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import cache

import opencc

from transforms.invisible import INVISIBLE

# Anything that is not a letter, digit or ideograph: punctuation, symbols, whitespace and "_".
_NOT_WORD = re.compile(r"[\W_]+")

# Characters a reader never sees (soft hyphen, zero-width space, non-joiner and joiner, word joiner,
# byte-order mark). Every key drops them: the exact key keeps only letters, marks and digits, the
# near key drops every ``\W``; the spaced near key drops them first, so a soft hyphen inside a word
# (``Bundes\u00adregierung``) does not cut it in two words.
_INVISIBLE = str.maketrans(dict.fromkeys(INVISIBLE))

# Scripts written without spaces between words; their text is shingled by characters.
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af\U00020000-\U0003134f]")


@cache
def _t2s() -> opencc.OpenCC:
    """Load the Traditional→Simplified converter once; its dictionaries take ~50 ms to load."""
    return opencc.OpenCC("t2s")


def _nfkc(text: str) -> str:
    """NFKC, skipping the slow path when the text is already normalised (the usual case)."""
    if unicodedata.is_normalized("NFKC", text):
        return text
    return unicodedata.normalize("NFKC", text)


def normalise_for_hash(text: str) -> str:
    """The exact key: NFKC, case folded, with only letters, marks and digits kept.

    Case folding and dropping characters can leave a string that composes further (``A´``
    folds to ``a`` + combining acute), so the steps repeat until the text stops changing:
    normalising a normalised text must give it back unchanged.
    """
    current = text
    for _ in range(4):
        folded = _nfkc(_nfkc(current).casefold())
        kept = "".join(ch for ch in folded if unicodedata.category(ch)[0] in "LMN")
        if kept == current:
            break
        current = kept
    return current


def content_hash(text: str) -> str:
    """A stable hash of the exact key: equal for copies that differ only in form."""
    return hashlib.sha256(normalise_for_hash(text).encode("utf-8")).hexdigest()[:32]


def _simplified(text: str) -> str:
    """Traditional→Simplified to a fixed point.

    A few of OpenCC's mappings chain (``薴`` → ``苧`` → ``苎``), so one pass can leave a character
    that a second pass changes again; Simplified text, the common case, costs one pass.
    """
    converted: str = _nfkc(_t2s().convert(text))
    for _ in range(3):
        if converted == text:
            break
        text, converted = converted, _nfkc(_t2s().convert(converted))
    return converted


def _fold(text: str, sep: str) -> str:
    """Drop punctuation, then NFKC, case fold, Traditional→Simplified, and drop it again.

    Punctuation goes first because full-width commas and stops are what push CJK text off
    CPython's NFKC fast path (about 20 MB/s on the slow path, near free otherwise); symbols
    are therefore dropped before compatibility folding (``℃`` vanishes, it does not become
    ``°c``). NFKC is re-applied after each step that can leave non-NFKC text, and the final
    strip makes the function idempotent.
    """
    if sep and not text.isascii():
        text = text.translate(_INVISIBLE)
    folded = _nfkc(_NOT_WORD.sub(sep, text))
    folded = _nfkc(folded.casefold())
    converted = _simplified(folded)
    # Folding rarely brings punctuation back (NFKC of "½" holds "⁄"); a C-speed check skips
    # the second regex pass when it did not. ``\w`` is exactly isalnum() plus "_".
    words_only = converted.replace(sep, "") if sep else converted
    if not words_only.isalnum():
        converted = _NOT_WORD.sub(sep, converted)
    return converted.strip()


def normalise(text: str) -> str:
    """Fold ``text`` for matching and drop punctuation and whitespace entirely.

    Idempotent: ``normalise(normalise(t)) == normalise(t)``. Removing whitespace is what lets
    a copy with hard line breaks, or ``。`` rewritten as ``.``, shingle like its original.
    """
    return _fold(text, "")


def normalise_words(text: str) -> str:
    """Fold ``text`` like :func:`normalise` but keep single spaces between words.

    Used for word shingles, where the word boundary is the unit; also idempotent.
    """
    return _fold(text, " ")


def cjk_share(normalised: str) -> float:
    """Share of characters in scripts written without spaces (Han, Kana, Hangul)."""
    if not normalised:
        return 0.0
    return len(_CJK.findall(normalised)) / len(normalised)
