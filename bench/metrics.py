"""The extraction metric everyone publishes on the Zyte benchmark, and its Chinese variant.

Tokens become a multiset of 4-token shingles; precision and recall are averaged over
documents first and F1 is taken of the two means, exactly as the benchmark's own
``evaluate.py`` does, so our figures sit next to published ones. Chinese has no spaces, so
there a token is one character (letters, digits, ideographs; punctuation and space dropped).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

SHINGLE = 4
_WORD = re.compile(r"\w+")
_CHARACTER = re.compile(r"[^\W_]")

Tokenizer = Callable[[str], list[str]]


def word_tokens(text: str) -> list[str]:
    """``\\w+`` runs, the Zyte benchmark's tokens."""
    return _WORD.findall(text)


def character_tokens(text: str) -> list[str]:
    """One token per letter, digit or ideograph, for languages written without spaces."""
    return _CHARACTER.findall(text)


def shingles(tokens: list[str], size: int = SHINGLE) -> Counter[tuple[str, ...]]:
    """Overlapping runs of ``size`` tokens; a shorter text is one shingle of all it has."""
    if not tokens:
        return Counter()
    if len(tokens) < size:
        return Counter([tuple(tokens)])
    return Counter(tuple(tokens[i : i + size]) for i in range(len(tokens) - size + 1))


@dataclass(frozen=True)
class DocumentScore:
    """One document's shingle counts; ``None`` precision when nothing was predicted."""

    precision: float | None
    recall: float | None


def score_document(truth: str, predicted: str, tokenize: Tokenizer) -> DocumentScore:
    """Multiset overlap of the two texts' shingles."""
    expected = shingles(tokenize(truth))
    found = shingles(tokenize(predicted))
    tp = sum((expected & found).values())
    fp = sum((found - expected).values())
    fn = sum((expected - found).values())
    precision = tp / (tp + fp) if tp + fp else None
    recall = tp / (tp + fn) if tp + fn else None
    return DocumentScore(precision, recall)


@dataclass(frozen=True)
class Score:
    """Means over documents, and F1 of the means."""

    precision: float
    recall: float
    f1: float
    empty: int


def aggregate(scores: Iterable[DocumentScore]) -> Score:
    """Precision over documents with output, recall over documents with truth."""
    listed = list(scores)
    precisions = [s.precision for s in listed if s.precision is not None]
    recalls = [s.recall for s in listed if s.recall is not None]
    precision = sum(precisions) / len(precisions) if precisions else 0.0
    recall = sum(recalls) / len(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Score(precision, recall, f1, empty=sum(1 for s in listed if s.precision is None))
