"""Characters a reader never sees, dropped from the text extraction outputs and from every
dedup key (``transforms.normalise``).

A page may break long words with soft hyphens (``Bundes&shy;regierung``), glue them with word
joiners or zero-width spaces, open a text with a byte-order mark, and space with no-break
spaces. None of these shows as a letter, yet each makes two copies of a word differ: a search
for ``Bundesregierung`` misses ``Bundes\\u00adregierung`` and a word shingle splits at it.
They go once, where paragraph, title and author text is built, by one ``str.translate`` run
only on a text that holds one of them.

The zero-width joiner and non-joiner are the exception: after a letter or sign of a script
that joins or forms conjuncts (Persian ``می‌خواهم``, Hindi ``क्‍ष``, a Malayalam chillu at a
word's end ``ന്‍``) they choose the shape of the word and are kept; after an emoji the joiner
makes one picture of several (a family, a profession). Anywhere else (after a Latin letter, a
space, at a text's start) they show nothing and go.
"""

from __future__ import annotations

import re

# Soft hyphen, zero-width space, word joiner, byte-order mark (zero-width no-break space).
_DROPPED = "\u00ad\u200b\u2060\ufeff"
# No-break, figure and narrow no-break spaces: a reader sees a space.
_SPACES = "\u00a0\u2007\u202f"
_JOINERS = "\u200c\u200d"  # zero-width non-joiner and joiner: kept where they shape a word
# Every character that shows nothing, joiners included: what a key for comparing texts drops.
INVISIBLE = _DROPPED + _JOINERS
_TABLE = str.maketrans({**dict.fromkeys(_DROPPED), **dict.fromkeys(_SPACES, " ")})
# Looked for first: a regex scan is some 25x faster than ``str.translate`` over text that is not
# ASCII (a dict lookup per character), and most text holds none of these.
_HIDDEN = re.compile(f"[{INVISIBLE}{_SPACES}]")

# Letters and marks of scripts whose words a joiner or non-joiner shapes: Arabic (with its
# supplements and presentation forms), Syriac, Thaana, N'Ko, the Indic scripts from Devanagari
# to Sinhala, Tibetan, Myanmar, Khmer, Mongolian; and emoji with their modifiers and selectors.
_SHAPED = (
    "\u0600-\u08ff\u0900-\u0dff\u0f00-\u0fff\u1000-\u109f\u1780-\u18af"
    "\ufb50-\ufdff\ufe70-\ufefc\u2600-\u27bf\ufe0f\U0001f000-\U0001faff"
)
_STRAY_JOINER = re.compile(f"(?<![{_SHAPED}])[{_JOINERS}]+")


def visible_text(text: str) -> str:
    """``text`` without the characters a reader never sees, its no-break spaces made spaces."""
    if text.isascii() or _HIDDEN.search(text) is None:
        return text
    text = text.translate(_TABLE)
    if "\u200c" in text or "\u200d" in text:
        return _STRAY_JOINER.sub("", text)
    return text
