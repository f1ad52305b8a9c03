"""The extraction metrics: body overlap (shingles or trafilatura's segments) and field matches.

Body on Zyte, zh-cwced, readability and gne-zh: tokens become a multiset of 4-token
shingles; precision and recall are averaged over documents first and F1 is taken of the two
means, exactly as the Zyte benchmark's own ``evaluate.py`` does, so our figures sit next to
published ones. Chinese has no spaces, so there a token is one character (letters, digits,
ideographs; punctuation and space dropped).

Body on trafilatura's evaluation set: its own segment metric, so the figure sits next to the
ones trafilatura publishes. Every "with" segment found in the whitespace-normalised output is
a true positive, every "without" segment found a false positive; counts are summed over the
whole set before precision, recall, accuracy and F-score are taken.

Fields: a title is right when equal after whitespace normalisation; authors are compared as
sets of normalised names and summed over pages (micro precision/recall), so one page with
five names weighs five times a page with one.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from transforms.invisible import visible_text

SHINGLE = 4
_WORD = re.compile(r"\w+")
_CHARACTER = re.compile(r"[^\W_]")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
_SPACE = re.compile(r"\s+")
_NAME_EDGES = re.compile(r"^[\W_]+|[\W_]+$")

Tokenizer = Callable[[str], list[str]]


def word_tokens(text: str) -> list[str]:
    """``\\w+`` runs, the Zyte benchmark's tokens, of the text as a reader sees it: an expected
    text keeps its page's soft hyphens (``Netan\\xadyahu``), which would cut a word in two tokens."""
    return _WORD.findall(visible_text(text))


def character_tokens(text: str) -> list[str]:
    """One token per letter, digit or ideograph, for languages written without spaces."""
    return _CHARACTER.findall(visible_text(text))


def tokenizer_for(text: str) -> Tokenizer:
    """Characters for a text written mostly without spaces (CJK), words otherwise.

    Chosen from the expected text, so every extractor on a page is scored with the same tokens.
    """
    letters = len(_CHARACTER.findall(text[:5000]))
    return character_tokens if letters and len(_CJK.findall(text[:5000])) > 0.3 * letters else word_tokens


def shingles(tokens: list[str], size: int = SHINGLE) -> Counter[tuple[str, ...]]:
    """Overlapping runs of ``size`` tokens; a shorter text is one shingle of all it has."""
    if not tokens:
        return Counter()
    if len(tokens) < size:
        return Counter([tuple(tokens)])
    return Counter(tuple(tokens[i : i + size]) for i in range(len(tokens) - size + 1))


@dataclass(frozen=True)
class DocumentScore:
    """One document's shingle overlap; ``None`` precision when nothing was predicted."""

    precision: float | None
    recall: float | None

    @property
    def f1(self) -> float:
        """This document's own F1 (0 when it has no output), to rank pages from worst to best."""
        p, r = self.precision or 0.0, self.recall or 0.0
        return 2 * p * r / (p + r) if p + r else 0.0


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


def normalise_space(text: str) -> str:
    """Runs of whitespace as one space, trimmed: layout is not content."""
    return _SPACE.sub(" ", text).strip()


@dataclass(frozen=True)
class Segments:
    """Confusion counts of trafilatura's with/without segments, for one page or summed."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    def __add__(self, other: Segments) -> Segments:
        return Segments(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn, self.tn + other.tn)

    @property
    def precision(self) -> float:
        """Share of the segments found that belong to the story."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        """Share of the story's segments found."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def accuracy(self) -> float:
        """Share of all segments judged right, kept ones and dropped ones."""
        total = self.tp + self.fp + self.fn + self.tn
        return (self.tp + self.tn) / total if total else 0.0

    @property
    def f1(self) -> float:
        """F-score of the summed counts, as trafilatura publishes it."""
        denominator = 2 * self.tp + self.fp + self.fn
        return 2 * self.tp / denominator if denominator else 0.0


def count_segments(with_segments: Iterable[str], without_segments: Iterable[str], predicted: str) -> Segments:
    """Which story segments the output holds and which boilerplate segments it wrongly keeps.

    Both sides are compared in Unicode NFC: the set's segments store some letters decomposed
    (Bengali U+09DF as U+09AF U+09BC) where the pages keep them precomposed, and an exact
    substring test would count text every extractor found as missed. Both sides also lose the
    characters a reader never sees (:func:`transforms.invisible.visible_text`): the set's
    segments keep a page's soft hyphens (``Über\\xadle\\xadbens``), so text an extractor gave
    as the reader sees it would count as missed, and one that kept them as found."""
    text = _segment_form(predicted)
    wanted = [_segment_form(segment) for segment in with_segments]
    unwanted = [_segment_form(segment) for segment in without_segments]
    tp = sum(1 for segment in wanted if text and segment in text)
    fp = sum(1 for segment in unwanted if text and segment in text)
    return Segments(tp=tp, fp=fp, fn=len(wanted) - tp, tn=len(unwanted) - fp)


def _segment_form(text: str) -> str:
    return normalise_space(visible_text(unicodedata.normalize("NFC", text)))


def normalise_name(name: str) -> str:
    """A person's or outlet's name as compared: NFKC, case-folded, spaces collapsed, edge punctuation off."""
    return _NAME_EDGES.sub("", normalise_space(unicodedata.normalize("NFKC", name)).casefold())


@dataclass(frozen=True)
class AuthorCounts:
    """Names found that are on the page's list (tp), not on it (fp), and missed (fn)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: AuthorCounts) -> AuthorCounts:
        return AuthorCounts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def precision(self) -> float:
        """Share of names given that are the page's authors (1.0 when none were given)."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        """Share of the page's authors given (1.0 when the pages name nobody)."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def count_authors(truth: Iterable[str], predicted: Iterable[str]) -> AuthorCounts:
    """Set overlap of normalised names on one page."""
    expected = {normalise_name(name) for name in truth} - {""}
    found = {normalise_name(name) for name in predicted} - {""}
    return AuthorCounts(tp=len(expected & found), fp=len(found - expected), fn=len(expected - found))
