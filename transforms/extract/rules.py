"""A source's own extraction rules: selectors an operator writes for a site the generic scorer gets wrong.

The generic extractor has to work on every site; when one site it cannot read matters to a
user, the fix belongs in that source's ``extract:`` block in sources.yaml, not in the core.
Selectors are read the way Scrapy's parsel reads them: CSS by default, XPath when the value
starts with ``/`` or ``(`` or carries an ``xpath:`` prefix (``css:`` is accepted too).

A rule wins where it matches. Where it matches nothing, the generic extractor's value is used
and the miss is recorded with the article, because a selector that stops matching after a
site redesign is exactly what an operator must be able to see.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

import parsel
from cssselect import SelectorError
from lxml import html as lxml_html

from transforms.extract.lines import Credits, take_credit_line

FIELDS = ("body", "drop", "title", "date", "authors", "source")
MATCHED = "matched"
NO_MATCH = "no match"
NOT_A_DATE = "not a date"
_XPATH_START = ("/", "(")
_CSS_VALUE = re.compile(r"::(?:text|attr\()")
_XPATH_VALUE = re.compile(r"(?:@[\w:*-]+|text\(\)|string\(.*\)|normalize-space\(.*\))\s*\)?\s*(?:\[\d+\])?\s*$")
_SPACE = re.compile(r"\s+")
# Unknown functions and namespace prefixes only fail when evaluated on an element they apply to.
_PROBE = parsel.Selector(
    text='<html><head><title>t</title><meta name="m" content="c"></head>'
    '<body><div class="c" id="i"><h1>h</h1><p>p <a href="#">a</a> <span>s</span></p></div></body></html>'
)


@dataclass(frozen=True)
class Selector:
    """One configured selector: the text as written, and how parsel is to read it."""

    written: str
    kind: Literal["css", "xpath"]
    expression: str

    @property
    def selects_values(self) -> bool:
        """True when it selects text or attribute values rather than elements (``::text``, ``/@href``)."""
        pattern = _XPATH_VALUE if self.kind == "xpath" else _CSS_VALUE
        return bool(pattern.search(self.expression))


@dataclass(frozen=True)
class SiteRules:
    """A source's ``extract:`` block. ``drop`` removes elements before anything is read."""

    body: Selector | None = None
    drop: tuple[Selector, ...] = ()
    title: Selector | None = None
    date: Selector | None = None
    authors: Selector | None = None
    source: Selector | None = None


def parse_selector(written: str) -> Selector:
    """The selector ``written`` stands for; ``ValueError`` naming the fix when parsel cannot read it."""
    text = written.strip()
    kind: Literal["css", "xpath"]
    if text.startswith("xpath:"):
        kind, expression = "xpath", text.removeprefix("xpath:").strip()
    elif text.startswith("css:"):
        kind, expression = "css", text.removeprefix("css:").strip()
    else:
        kind, expression = ("xpath" if text.startswith(_XPATH_START) else "css"), text
    if not expression:
        raise ValueError("the selector is empty")
    try:
        # Evaluated once on a tiny page: parsel reports unknown functions and prefixes only then.
        _PROBE.xpath(expression) if kind == "xpath" else _PROBE.css(expression)
    except (SelectorError, ValueError) as error:
        if kind == "xpath":
            raise ValueError(f"{written!r} is not XPath parsel can read ({error})") from None
        raise ValueError(
            f"{written!r} is not a CSS selector parsel can read ({error}); for XPath start it with '/' or 'xpath:'"
        ) from None
    return Selector(written=written, kind=kind, expression=expression)


@dataclass
class RuleValues:
    """What a source's rules found on one page, and for each configured field whether it matched."""

    body: list[lxml_html.HtmlElement] = field(default_factory=list)
    title: str | None = None
    date: str | None = None
    authors: list[str] = field(default_factory=list)
    credited_source: str | None = None
    outcomes: dict[str, str] = field(default_factory=dict)

    def provenance(self) -> tuple[tuple[str, str], ...]:
        """Configured fields in the order of ``FIELDS``, each ``matched`` or why the generic value stood."""
        return tuple((name, self.outcomes[name]) for name in FIELDS if name in self.outcomes)


def apply_rules(tree: lxml_html.HtmlElement, rules: SiteRules | None) -> RuleValues:
    """Remove the ``drop`` matches from ``tree`` and read the other fields the rules select.

    Runs on the parsed page before the generic cleaner, so a rule can pick a block the cleaner
    would drop (a container hidden until a script shows it, a story classed ``sidebar``).
    """
    found = RuleValues()
    if rules is None:
        return found
    page = parsel.Selector(root=tree, type="html")
    if rules.drop:
        found.outcomes["drop"] = MATCHED if drop_elements(tree, rules) else NO_MATCH
    if rules.body:
        found.body = _outermost(_elements(page, rules.body))
        found.outcomes["body"] = MATCHED if found.body else NO_MATCH
    if rules.title:
        found.title = next(iter(_texts(page, rules.title)), None)
        found.outcomes["title"] = MATCHED if found.title else NO_MATCH
    if rules.date:
        found.date = next(iter(_texts(page, rules.date)), None)
        found.outcomes["date"] = MATCHED if found.date else NO_MATCH
    if rules.authors:
        names = Credits()
        for text in _texts(page, rules.authors):
            names.add_authors(text)
        found.authors = names.authors
        found.outcomes["authors"] = MATCHED if found.authors else NO_MATCH
    if rules.source:
        found.credited_source = next((_credit(text) for text in _texts(page, rules.source)), None)
        found.outcomes["source"] = MATCHED if found.credited_source else NO_MATCH
    return found


def drop_elements(tree: lxml_html.HtmlElement, rules: SiteRules | None) -> bool:
    """Remove what the ``drop`` selectors match from ``tree`` (also from a second parse of the
    page); True when any matched."""
    if rules is None or not rules.drop:
        return False
    page = parsel.Selector(root=tree, type="html")
    dropped = [element for rule in rules.drop for element in _elements(page, rule)]
    for element in dropped:
        if element.getparent() is not None:
            element.drop_tree()
    return bool(dropped)


def _select(page: parsel.Selector, rule: Selector) -> parsel.SelectorList[parsel.Selector]:
    return page.xpath(rule.expression) if rule.kind == "xpath" else page.css(rule.expression)


def _elements(page: parsel.Selector, rule: Selector) -> list[lxml_html.HtmlElement]:
    return [match.root for match in _select(page, rule) if isinstance(match.root, lxml_html.HtmlElement)]


def _texts(page: parsel.Selector, rule: Selector) -> list[str]:
    """Each match as text: an element's visible text, or a selected text node or attribute value."""
    texts = []
    for match in _select(page, rule):
        root = match.root
        if isinstance(root, lxml_html.HtmlElement):
            raw = root.text_content()
        elif isinstance(root, str):
            raw = root
        else:
            continue  # a number or boolean from an XPath function says nothing about the article
        if text := _SPACE.sub(" ", raw).strip():
            texts.append(text)
    return texts


def _outermost(elements: list[lxml_html.HtmlElement]) -> list[lxml_html.HtmlElement]:
    """Matches in page order, without any inside another match (its text is already there)."""
    chosen = set(elements)
    return [
        element
        for element in dict.fromkeys(elements)
        if not any(ancestor in chosen for ancestor in element.iterancestors())
    ]


def _credit(text: str) -> str:
    """``来源：新华社`` or ``Source: Reuters`` → the outlet; a bare outlet name stays as it is."""
    probe = Credits()
    take_credit_line(text, probe)
    return probe.credited_source or text
