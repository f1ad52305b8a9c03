"""Other stories' teasers near the story: a credit line or a byline read in one belongs to that
teaser's story, not to this one. One reading per page (:class:`Teasers`) serves the credits below
the story and the bylines: the story's ancestors, each ancestor's verdict, read once."""

from __future__ import annotations

from functools import cached_property

from lxml import html as lxml_html

from transforms.extract.marks import CREDIT_WINDOW, HEADINGS, SQUASH


class Teasers:
    """The teasers of other stories around the story that spans ``content`` in the page's ``order``."""

    def __init__(self, order: dict[lxml_html.HtmlElement, int], content: tuple[int, int]) -> None:
        self.order = order
        self.elements = list(order)  # in page order: an element's position is its index
        self.content = content
        start, end = content
        # An element that holds part of the story is the story's, never a teaser.
        self._story_ancestors = {
            ancestor
            for position in (start, end)
            if position < len(self.elements)
            for ancestor in self.elements[position].iterancestors()
        }
        self._items: dict[lxml_html.HtmlElement, bool] = {}  # an ancestor's verdict, read once for all it holds

    @cached_property
    def below(self) -> range:
        """The positions of the staff lines' window below the story."""
        end = self.content[1]
        return range(end + 1, min(len(self.elements), end + CREDIT_WINDOW + 1))

    @cached_property
    def parts(self) -> set[lxml_html.HtmlElement]:
        """The elements below the story that belong to teasers of other stories: whatever follows a
        heading there (a box's title, ``More stories``, or a teaser's own headline), and whatever sits
        in a list of links or in one of a row of alike items each headed by a linked headline. A
        credit line read there is the teaser's writer, not the story's."""
        parts: set[lxml_html.HtmlElement] = set()
        headed = False
        for position in self.below:
            element = self.elements[position]
            if not isinstance(element.tag, str):
                continue
            if headed or any(
                ancestor not in self._story_ancestors and self._is_item(ancestor)
                for ancestor in element.iterancestors()
            ):
                parts.add(element)
            headed = headed or _is_teaser_heading(element)
        return parts

    def bylines(self, bylines: list[tuple[lxml_html.HtmlElement, str]]) -> set[lxml_html.HtmlElement]:
        """The marked bylines after the story's start that belong to other stories' teasers: those in
        an item of a link list or of a row of alike items each headed by a linked headline (``More
        from`` below the story), or in a box inside the story that a linked headline other than the
        byline's own name heads (``<aside><h2><a>Leggi anche …</a></h2><span class="entry__author">…``).
        The story's own byline stands above it, or in a writer's box whose heading, if linked, is the
        name."""
        start, end = self.content
        teasers = set()
        for element, text in bylines:
            if (position := self.order.get(element, -1)) <= start:
                continue
            for ancestor in element.iterancestors():
                if ancestor in self._story_ancestors:
                    break
                if self._is_item(ancestor) or (position <= end and _headed_by_other_story(ancestor, text)):
                    teasers.add(element)
                    break
        return teasers

    def _is_item(self, ancestor: lxml_html.HtmlElement) -> bool:
        if ancestor not in self._items:
            self._items[ancestor] = _is_teaser_item(ancestor)
        return self._items[ancestor]


def _is_teaser_heading(element: lxml_html.HtmlElement) -> bool:
    """A heading below the story (h2 to h6), or any heading that is a link."""
    if element.tag == "h1":
        return _is_linked(element)
    return element.tag in HEADINGS


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
    return bool(alike) and all(any(_is_linked(h) for h in item.iter(*HEADINGS)) for item in (element, *alike))


def _is_linked(heading: lxml_html.HtmlElement) -> bool:
    """A heading that holds a link or stands in one: a headline leading to its story."""
    return heading.find(".//a") is not None or any(a.tag == "a" for a in heading.iterancestors())


def is_menu_link(element: lxml_html.HtmlElement) -> bool:
    """A link that is a menu's or a list's item (``<li><a>Evening Talk</a></li>``, a
    radio show's name in the site's menu): it names another page, never credits this story."""
    parent = element.getparent()
    return element.tag == "a" and parent is not None and parent.tag == "li"


def _headed_by_other_story(box: lxml_html.HtmlElement, byline: str) -> bool:
    """A box whose linked heading (h2 to h6) names something other than the byline's writer: a
    teaser's headline. A writer's box links its heading to the writer's page, with the name."""
    name = SQUASH.sub("", byline).casefold()
    for heading in box.iter("h2", "h3", "h4", "h5", "h6"):
        title = SQUASH.sub("", heading.text_content()).casefold()
        if title and title not in name and name not in title and _is_linked(heading):
            return True
    return False
