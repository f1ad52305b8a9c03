"""Text normalisation for comparing articles, never for storing them.

Two copies of a story differ in width (``，`` vs ``,``), case, spacing and punctuation long
before they differ in words; the exact-duplicate hash ignores all of that.
"""

from __future__ import annotations

import hashlib
import unicodedata


def normalise_for_hash(text: str) -> str:
    """NFKC, case folded, with only letters, marks and digits kept.

    Case folding and dropping characters can leave a string that composes further (``A´``
    folds to ``a`` + combining acute), so the steps repeat until the text stops changing:
    normalising a normalised text must give it back unchanged.
    """
    current = text
    for _ in range(4):
        folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", current).casefold())
        kept = "".join(ch for ch in folded if unicodedata.category(ch)[0] in "LMN")
        if kept == current:
            break
        current = kept
    return current


def content_hash(text: str) -> str:
    """A stable hash of the normalised text: equal for copies that differ only in form."""
    return hashlib.sha256(normalise_for_hash(text).encode("utf-8")).hexdigest()[:32]
