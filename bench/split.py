"""Which half of an evaluation set a page belongs to: tuning or reporting.

Rules are tuned on the tuning half only; quality gates pin the reporting half, so a figure
on it says how the extractor does on pages its rules were not fitted to. The half is a fixed
hash of the set's name and the page's id, so it never moves when pages are added, removed or
read in another order, and anyone can recompute it.
"""

from __future__ import annotations

import hashlib
from typing import Literal

Half = Literal["tuning", "reporting"]
Fold = Literal["fit", "check"]


def half_of(set_name: str, page_id: str) -> Half:
    """The half a page of a set falls in: the low bit of SHA-256 of ``set_name/page_id``."""
    digest = hashlib.sha256(f"{set_name}/{page_id}".encode()).digest()
    return "tuning" if digest[-1] % 2 == 0 else "reporting"


def fold_of(set_name: str, page_id: str) -> Fold:
    """The quarter of the tuning half a page falls in, from the next byte of the same hash.

    A new rule is written on ``fit`` pages and must also help (or not hurt) ``check`` pages before it
    meets the reporting-half gate: a rule that wins only where it was written is fitted to those pages.
    """
    digest = hashlib.sha256(f"{set_name}/{page_id}".encode()).digest()
    return "fit" if digest[-2] % 2 == 0 else "check"
