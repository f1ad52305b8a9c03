"""Text normalisation for comparing articles, never for storing them.

Two copies of a story differ in width (``，`` vs ``,``), case, spacing and punctuation long
before they differ in words; the exact-duplicate hash ignores all of that.
"""

from __future__ import annotations

import hashlib
import unicodedata


def normalise_for_hash(text: str) -> str:
    """NFKC, case folded, with only letters, marks and digits kept."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return "".join(ch for ch in folded if unicodedata.category(ch)[0] in "LMN")


def content_hash(text: str) -> str:
    """A stable hash of the normalised text: equal for copies that differ only in form."""
    return hashlib.sha256(normalise_for_hash(text).encode("utf-8")).hexdigest()[:32]
