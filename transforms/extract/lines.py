"""Line rules for news bodies: credit and staff lines become fields, trailing lists are cut.

Generic extractors keep ``来源:`` / ``责任编辑:`` lines whenever they sit inside the body node,
and none of them cuts a trailing related-headline list. These rules run on the extracted
paragraphs, so they work the same whichever extractor chose the body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_SEP = r"\s*[:：]\s*"
_CREDIT = re.compile(rf"^(?:本文)?来源{_SEP}(?P<value>.+)$")
_EDITOR = re.compile(rf"^[（(]?(?:责任编辑|责编|编辑|Editor){_SEP}(?P<value>[^）)]+)[）)]?$", re.IGNORECASE)
_ORIGINAL_TITLE = re.compile(rf"^原标题{_SEP}(?P<value>.+)$")
_AUTHOR = re.compile(rf"^(?:作者|记者|文|通讯员|By){_SEP}?(?P<value>.{{1,40}})$", re.IGNORECASE)
_RELATED_HEADING = re.compile(
    r"^(?:过去24小时新闻|相关新闻|相关阅读|相关报道|延伸阅读|推荐阅读|热门推荐|热点推荐|猜你喜欢|更多新闻|"
    r"Related(?: stories| articles| news)?|Read more|More stories)\s*[:：]?$",
    re.IGNORECASE,
)
_CONTINUATION = re.compile(
    r"^(?:[（(]未完[）)]|阅读全文|打开APP.*|点击查看全文|展开全文|Continue reading)$", re.IGNORECASE
)
_INLINE_CONTINUATION = re.compile(r"[（(]未完[）)]|阅读全文\s*$|打开APP[^。]*$")
_AUTHOR_SPLIT = re.compile(r"[\s、,，/]+")


@dataclass
class Credits:
    """Fields lifted out of the body."""

    credited_source: str | None = None
    editor: str | None = None
    original_title: str | None = None
    authors: list[str] = field(default_factory=list)


def clean_paragraphs(paragraphs: list[str], credits: Credits) -> list[str]:
    """Drop credit lines (recording them), continuation markers and a trailing headline list."""
    kept: list[str] = []
    for index, raw in enumerate(paragraphs):
        line = raw.strip()
        if not line:
            continue
        if _RELATED_HEADING.match(line) and _rest_is_list(paragraphs[index + 1 :]):
            break
        if take_credit_line(line, credits) or _CONTINUATION.match(line):
            continue
        line = _INLINE_CONTINUATION.sub("", line).strip()
        if line:
            kept.append(line)
    return kept


def take_credit_line(line: str, credits: Credits) -> bool:
    """Record a credit or staff line in ``credits``; True when the line was one."""
    line = line.strip()
    if len(line) > 60:
        return False
    if match := _CREDIT.match(line):
        credits.credited_source = credits.credited_source or match.group("value").strip()
        return True
    if match := _EDITOR.match(line):
        credits.editor = credits.editor or match.group("value").strip()
        return True
    if match := _ORIGINAL_TITLE.match(line):
        credits.original_title = credits.original_title or match.group("value").strip()
        return True
    if (match := _AUTHOR.match(line)) and not re.search(r"[。！？.!?]$", line):
        names = [n for n in _AUTHOR_SPLIT.split(match.group("value").strip()) if n]
        credits.authors.extend(n for n in names if n not in credits.authors)
        return True
    return False


def _rest_is_list(rest: list[str]) -> bool:
    """A heading starts a related list when what follows is short lines, not more story."""
    lines = [line.strip() for line in rest if line.strip()]
    if not lines:
        return True
    short = sum(1 for line in lines if len(line) <= 45 or line.startswith(("-", "·", "•")))
    return short >= 0.8 * len(lines)
