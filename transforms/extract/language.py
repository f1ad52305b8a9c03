"""Language of an article, as a BCP-47 tag, read from the text itself.

Chinese is split into Simplified and Traditional (``zh-Hans`` / ``zh-Hant``) because
republications cross that line; the decision counts characters that exist in only one script.
"""

from __future__ import annotations

import operator
import re
from collections import Counter
from functools import cache

import opencc

_HAN = re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf]")
_KANA = re.compile(r"[\u3040-\u30ff]")
_HANGUL = re.compile(r"[\uac00-\ud7af]")
_LATIN_WORD = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿĀ-ž]+")
_ENGLISH = frozenset(
    ("the", "of", "and", "to", "in", "a", "is", "that", "for", "on", "with", "as", "was", "by", "at", "from", "it",
     "are", "be", "has", "have", "said")
)  # fmt: skip


def _common(words: str) -> frozenset[str]:
    return frozenset(words.split())


# The commonest words that are each language's own: a page's language shows in how often they
# occur, whatever the story is about. Words shared by several languages ("de", "a", "in") are left out.
_COMMON_WORDS = {
    "en": _ENGLISH,
    "de": _common("der die das und ist nicht ein eine zu den mit von für auf dem des sich auch als wird sind bei"),
    "fr": _common("le les et est une des du pour dans qui pas sur au avec ce il sont par aux cette"),
    "es": _common("el los las y es una del que por para con se al como más pero su sus fue"),
    "it": _common("il e è di che per non con della sono gli si anche del alla nel questo"),
    "pt": _common("os e é um uma do da que em para com não no na ao dos das foi mais"),
    "nl": _common("het een en is van dat op te niet met voor zijn er ook wordt naar bij"),
    "pl": _common("i w na z się nie jest że do to jak ale przez dla od po jego"),
}


@cache
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


def detect_language(text: str, fallback: str | None = None) -> str | None:
    """``zh-Hans``, ``zh-Hant``, ``ja``, ``ko``, or a European language by its common words, when the
    text says so, else ``fallback`` (the source's setting or the page's ``<html lang>``)."""
    sample = text[:4000]
    han = len(_HAN.findall(sample))
    kana = len(_KANA.findall(sample))
    hangul = len(_HANGUL.findall(sample))
    words = _LATIN_WORD.findall(sample)
    if kana >= max(5, 0.1 * (han + kana)):
        return "ja"
    if hangul >= 10 and hangul > han:
        return "ko"
    if han > 20 and han >= len(words):
        return "zh-Hant" if is_traditional(sample) else "zh-Hans"
    if words:
        seen = Counter(map(str.lower, words))  # each word counted once, not once per language
        counts = {language: sum(seen[word] for word in common) for language, common in _COMMON_WORDS.items()}
        best = max(counts, key=lambda language: counts[language])
        if counts[best] >= max(3, 0.05 * len(words)):
            return best
    return fallback


def is_traditional(text: str) -> bool:
    """True when more characters change going to Simplified than going to Traditional."""
    chars = "".join(_HAN.findall(text))
    to_simplified = _changed(chars, _converter("t2s").convert(chars))
    to_traditional = _changed(chars, _converter("s2t").convert(chars))
    return to_simplified > to_traditional


def _changed(before: str, after: str) -> int:
    """Characters that differ, position by position (``map`` stops at the shorter text, as ``zip`` does)."""
    return sum(map(operator.ne, before, after))
