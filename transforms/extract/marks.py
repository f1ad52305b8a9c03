"""The text patterns and element distances the page readers share (``story``, ``lede``,
``headline``, ``teasers``, ``bylines``, ``outlet``, ``date_lines``): what a space, a word token, an
ideograph, a heading is, and how far from the story a line may stand to count as the story's own."""

from __future__ import annotations

import re

CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
# A token for comparing texts: one ideograph or kana, or a run of other word characters.
TOKEN = re.compile(rf"{CJK.pattern}|\w+")
SPACE = re.compile(r"\s+")
SQUASH = re.compile(r"\W+")
COLON = re.compile(r"[:：]")
DIGIT = re.compile(r"\d")
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
LEDE_WINDOW = 60  # elements; a standfirst, the date line, a heading sit between the headline and the story
CREDIT_WINDOW = 40  # elements; a staff line sits within a few dozen nodes below the story
CREDIT_WINDOW_ABOVE = 120  # an info bar may sit above a title block, share row and lead image
DATE_LINE_CHARS = 60  # characters; a longer line is a sentence that names a day or a list of teasers' dates
