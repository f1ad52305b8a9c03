"""Which extractor produced a row, so a lake's articles can be traced to the rules that made them.

Bump ``RULES_VERSION`` with any change that can change an extracted field on some page: a new
or retuned rule in the scorer, the cleaner, the credit or date readers, the title choice, or
how a source's ``extract:`` selectors apply. Pure refactors and speed-ups leave it alone.
"""

from __future__ import annotations

RULES_VERSION = 11


def extractor_version(package: str) -> str:
    """``newslake 0.1.0 rules 1``: the installed package's version and the rule set's."""
    return f"newslake {package} rules {RULES_VERSION}"
