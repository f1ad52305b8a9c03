"""One HTML parse: the parser every reading of a page (the page, a script's story, a stated
``articleBody``) goes through."""

from __future__ import annotations

from lxml import etree
from lxml import html as lxml_html

_PARSER = lxml_html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True)
# lxml.html's own lookup picks a class per tag (forms, inputs, labels) in Python for every element
# proxy the walks create; nothing here uses those classes, and a C-level lookup halves the cost.
_PARSER.set_element_class_lookup(
    etree.ElementDefaultClassLookup(
        element=lxml_html.HtmlElement,
        comment=lxml_html.HtmlComment,
        pi=lxml_html.HtmlProcessingInstruction,
        entity=lxml_html.HtmlEntity,
    )
)


def parse_html(markup: str) -> lxml_html.HtmlElement | None:
    """The document ``markup`` holds, or None when the parser cannot read it."""
    try:
        return lxml_html.document_fromstring(markup.encode("utf-8", "replace"), parser=_PARSER)
    except (ValueError, etree.ParserError):
        return None
