"""Other stories' teasers near the story: a credit line or a byline read in one belongs to that
teaser's story, not to this one."""

from __future__ import annotations

from lxml import html as lxml_html

from transforms.extract.marks import HEADINGS, SQUASH


def teaser_parts(elements: list[lxml_html.HtmlElement], content_end: int, below: range) -> set[lxml_html.HtmlElement]:
    """The elements below the story that belong to teasers of other stories: whatever follows a
    heading there (a box's title, ``More stories``, or a teaser's own headline), and whatever sits in
    a list of links or in one of a row of alike items each headed by a linked headline. A credit
    line read there is the teaser's writer, not the story's."""
    story_ancestors = set(elements[content_end].iterancestors()) if content_end < len(elements) else set()
    parts: set[lxml_html.HtmlElement] = set()
    items: dict[lxml_html.HtmlElement, bool] = {}  # an ancestor's verdict, read once for all it holds
    headed = False
    for position in below:
        element = elements[position]
        if not isinstance(element.tag, str):
            continue
        if headed or any(
            ancestor not in story_ancestors
            and (items[ancestor] if ancestor in items else items.setdefault(ancestor, _is_teaser_item(ancestor)))
            for ancestor in element.iterancestors()
        ):
            parts.add(element)
        headed = headed or _is_teaser_heading(element)
    return parts


def _is_teaser_heading(element: lxml_html.HtmlElement) -> bool:
    """A heading below the story (h2 to h6), or any heading that is a link."""
    if element.tag in HEADINGS and element.tag != "h1":
        return True
    if element.tag == "h1":
        return any(child.tag == "a" for child in element.iter()) or any(a.tag == "a" for a in element.iterancestors())
    return False


def _is_teaser_item(element: lxml_html.HtmlElement) -> bool:
    """An item of a link list (``<li>`` holding a link), or one of several alike siblings (same tag
    and class) each holding a linked headline."""
    parent = element.getparent()
    if parent is None:
        return False
    if element.tag == "li" and parent.tag in ("ul", "ol"):
        return element.find(".//a") is not None
    alike = [
        sibling
        for sibling in parent
        if sibling.tag == element.tag and sibling.get("class") == element.get("class") and sibling is not element
    ]
    return bool(alike) and all(_has_linked_heading(item) for item in (element, *alike))


def _has_linked_heading(element: lxml_html.HtmlElement) -> bool:
    for heading in element.iter(*HEADINGS):
        if heading.find(".//a") is not None or any(a.tag == "a" for a in heading.iterancestors()):
            return True
    return False


def is_menu_link(element: lxml_html.HtmlElement) -> bool:
    """A link that is a menu's or a list's item (``<li><a>By Any Means Necessary</a></li>``, a
    radio show's name in the site's menu): it names another page, never credits this story."""
    parent = element.getparent()
    return element.tag == "a" and parent is not None and parent.tag == "li"


def teaser_bylines(
    bylines: list[tuple[lxml_html.HtmlElement, str]], order: dict[lxml_html.HtmlElement, int], content: tuple[int, int]
) -> set[lxml_html.HtmlElement]:
    """The marked bylines after the story's start that belong to other stories' teasers: those in an
    item of a link list or of a row of alike items each headed by a linked headline (``More from``
    below the story), or in a box inside the story that a linked headline other than the byline's
    own name heads (``<aside><h2><a>Leggi anche …</a></h2><span class="entry__author">…``). The
    story's own byline stands above it, or in a writer's box whose heading, if linked, is the name."""
    start, end = content
    elements = list(order)
    lead = set(elements[start].iterancestors()) if start < len(elements) else set()
    items: dict[lxml_html.HtmlElement, bool] = {}  # an ancestor's verdict, read once for all it holds
    teasers = set()
    for element, text in bylines:
        if (position := order.get(element, -1)) <= start:
            continue
        for ancestor in element.iterancestors():
            if ancestor in lead:
                break
            if ancestor not in items:
                items[ancestor] = _is_teaser_item(ancestor)
            if items[ancestor] or (position <= end and _headed_by_other_story(ancestor, text)):
                teasers.add(element)
                break
    return teasers


def _headed_by_other_story(box: lxml_html.HtmlElement, byline: str) -> bool:
    """A box whose linked heading (h2 to h6) names something other than the byline's writer: a
    teaser's headline. A writer's box links its heading to the writer's page, with the name."""
    name = SQUASH.sub("", byline).casefold()
    for heading in box.iter("h2", "h3", "h4", "h5", "h6"):
        linked = heading.find(".//a") is not None or any(a.tag == "a" for a in heading.iterancestors())
        title = SQUASH.sub("", heading.text_content()).casefold()
        if linked and title and title not in name and name not in title:
            return True
    return False
