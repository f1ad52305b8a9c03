"""Language of an article, as a BCP-47 tag, read from the text itself.

Chinese is split into Simplified and Traditional (``zh-Hans`` / ``zh-Hant``) because
republications cross that line; the decision counts characters that exist in only one script.
"""

from __future__ import annotations

import re
from functools import cache

import opencc

_HAN = re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf]")
_KANA = re.compile(r"[\u3040-\u30ff]")
_HANGUL = re.compile(r"[\uac00-\ud7af]")
_LATIN_WORD = re.compile(r"[A-Za-z]+")
_ENGLISH = frozenset(
    ("the", "of", "and", "to", "in", "a", "is", "that", "for", "on", "with", "as", "was", "by", "at", "from", "it",
     "are", "be", "has", "have", "said")
)  # fmt: skip


@cache
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


def detect_language(text: str, fallback: str | None = None) -> str | None:
    """``zh-Hans``, ``zh-Hant``, ``ja``, ``ko`` or ``en`` when the text says so, else ``fallback``."""
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
        english = sum(1 for word in words if word.lower() in _ENGLISH)
        if english >= max(3, 0.05 * len(words)):
            return "en"
    return fallback


def is_traditional(text: str) -> bool:
    """True when more characters change going to Simplified than going to Traditional."""
    chars = "".join(_HAN.findall(text))
    to_simplified = _changed(chars, _converter("t2s").convert(chars))
    to_traditional = _changed(chars, _converter("s2t").convert(chars))
    return to_simplified > to_traditional


def _changed(before: str, after: str) -> int:
    return sum(1 for a, b in zip(before, after, strict=False) if a != b)
