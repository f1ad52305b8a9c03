"""Our own reading of a page's DOM: which block holds the story, as paragraphs.

Generic extractors are tuned on English pages where commas and ``<p>`` tags mark prose.
Chinese portals mark prose with full-width punctuation (，。、), wrap paragraphs in ``<div>``
or ``<br>`` runs, and surround the story with dense link lists. This scorer counts both kinds of
punctuation, scores every text block by length, punctuation and link density, lifts the scores
to the containers (as readability does), and returns the best container's paragraphs.

Three news-specific turns on that classic scheme, each measured on the benchmarks: a list is
never the container (teaser lists look like prose), boilerplate nested inside the chosen block
is pruned once the block is known, and blocks elsewhere with the chosen block's tag and class
join it (CMSs cut a story into sections around ads and embeds).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import islice

from lxml import etree
from lxml import html as lxml_html

from transforms.invisible import visible_text


class _Marks:
    """A lower-case pattern for class names and ids, matched ignoring case.

    Python's engine scans a case-insensitive alternation several times slower than a plain one,
    so an ASCII string (nearly every class name) is lowered and matched plainly: the same answer,
    as ASCII letters fold only among themselves. Other strings take the case-insensitive pattern.
    """

    def __init__(self, pattern: str) -> None:
        self._plain = re.compile(pattern)
        self._folding = re.compile(pattern, re.IGNORECASE)
        # A page asks about the same few class strings again and again (every ancestor of every
        # candidate block), and a long alternation costs microseconds per miss.
        self.search = lru_cache(maxsize=8192)(self._search)

    def _search(self, marks: str) -> re.Match[str] | None:
        return self._plain.search(marks.lower()) if marks.isascii() else self._folding.search(marks)


_DROP_TAGS = frozenset(
    "script style noscript template iframe object embed svg canvas button select textarea input figcaption "  # noqa: SIM905 - a tag list reads better as one string
    "figure dialog label audio video map head title amp-ad amp-embed amp-sidebar amp-social-share "
    "amp-analytics amp-auto-ads amp-sticky-ad rt rp".split()
)
_SUSPECT_TAGS = frozenset(("nav", "aside", "footer", "menu", "form", "header"))
_BLOCK_TAGS = frozenset(
    "p div section article main td th li dd dt pre blockquote h1 h2 h3 h4 h5 h6 tr table ul ol dl center header "  # noqa: SIM905 - a tag list reads better as one string
    "address details summary".split()
)
# Not ``textpic-text``: TYPO3 and its kin name a text-with-picture block so, and it holds the story.
# ``imagedescription`` is the long spelling of ``img-desc``.
_CAPTION = _Marks(
    r"caption|(?<!text)pic-?(?:desc|text|note|info)|img-?(?:desc|text|note)|image-?desc|photo-?(?:desc|text)|tuzhu"
)
_COMMENTS = _Marks(r"comment|kommentar|comentario|reply|replies|disqus|pinglun|gentie|feedback|forum")
_LIST_TAGS = frozenset(("ul", "ol", "dl"))
# A subheading's id is an anchor for the page's contents box; an ``<h1>``'s (``title``) may name it.
_SUBHEADINGS = frozenset(("h2", "h3", "h4", "h5", "h6"))
_PARAGRAPH_TAGS = frozenset(["p", "pre", "td", "blockquote", "li", "dd", "h2", "h3", "h4"])
# ``social`` names share buttons and follow links, but ``social-media-embed`` is the box of a post
# the story quotes (a tweet), in both patterns below.
_BOILERPLATE = _Marks(
    r"comment|kommentar|comentario|disqus|share|sharing|social(?!-?(?:media-?)?embed)|related|recommend|promo|advert|sponsor|newsletter|subscri|"
    r"signup|breadcrumb|crumb|pagination|pager|sidebar|side-bar|widget(?!-?(?:container|wrap))|masthead|navbar|menu|cookie|"
    r"popup|modal|outbrain|taboola|jiathis|bdshare|xgxw|xiangguan|tuijian|fenxiang|pinglun|hot-?news|"
    r"paihang|rank|toolbar|copyright|byline|author-?(?:bio|info|box)|tags?(?:list|-list|box)?$|"
    r"caption|gallery|slideshow|carousel|lightbox|credit|trending|most-?(?:read|popular)|read-?(?:more|next)|"
    # ``cta``, a call to action as a word of its own: "write us a letter", "subscribe", a shop's offer
    r"more-?stories|also-?read|newsfeed|teaser|headline-?list|(?:^|[-_ ])cta(?:$|[-_ ])|"
    r"(?:^|[-_ ])ad(?:s|vert|box|-?slot|-?unit|-?wrap|-?container)?(?:$|[-_ ])|"
    # a layout word on its own, not in a utility or component class (``margin-bottom``, ``card-header``)
    r"(?:^|(?<!margin)(?<!padding)(?<!card)(?<!table)[-_ ])"
    r"(?:nav|foot|footer|header|top-?bar|bottom|login|print|meta)(?:$|[-_ ])",
)
# Inserts a CMS puts inside the story's block, named so even beside a content word ("relatedposts"):
# writer boxes, fact boxes, picture credits, consent placeholders, paywall notices, ad code blocks.
_INSERT = _Marks(
    r"related|shar(?:e|ing)|social(?!-?(?:media-?)?embed)|recommend|sponsor|newsletter|outbrain|taboola|author|autor|sabox|"
    r"fact-?box|inline-?textbox|recirculation|subvert|postmeta|"
    r"consent|paywall-?(?:notice|message|prompt)|credit|copyright|code-block"
)
# A compound name ends in what the block is: ``article-footer`` and ``post__meta`` are the footer and
# the meta line of the article, whatever content word comes first.
_ENDS_AS_CHROME = _Marks(r"[a-z0-9][-_]+(?:footer|foot|meta)(?:$|\s)")
_CONTENT = _Marks(
    r"article|content|body|entry|main|post|story|text|detail|zhengwen|neirong|"
    r"cont(?:$|[-_ ])|(?:^|[-_ ])con(?:$|[-_ ])",
)
# Sentence marks, as two patterns: each then opens with a character class the engine scans for
# quickly, where their alternation is tried in full at every character (a third faster in all).
_MARKS_BEFORE_SPACE = re.compile(r"[,.;:!?](?!\S)")  # not the dot of 3.5 or a URL
_FULL_WIDTH_MARKS = re.compile(r"[，。、；：！？]")
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\u3040-\u30ff\uac00-\ud7af]")
_STORY_CHARS = 150  # characters; a block smaller than this cannot hold a story
# What CMSs and blog platforms name the one block that holds a post's or story's text.
_STORY_BODY = _Marks(r"entry-content|post-body|article-?body|story-?body")  # ``articleBody`` too
_EARNED = 3.0  # what one short paragraph with a sentence mark earns
_PEER_SHARE = 0.4  # a piece of a split story scores at least 40% of the best piece
_PEER_LEVELS = 5
_WRAPPER_LEVELS = 3
_WRAPPER_SLACK = 1.1  # a wrapper adds under a tenth to the text it wraps
_PROSE_LINKS = 0.25  # a block of the story links at most a quarter of its text
_ALIKE_SHARE = 0.03  # a section cut off from the story by an embed scores at least 3% of the best block
# A recipe's ingredients: a list or table in a box of its own beside the method; the story of a
# recipe page includes it.
_INGREDIENTS = _Marks(r"ingredient|zutat")
_INGREDIENT_ITEMS = 3  # rows or items; fewer is a link about ingredients, not the list
_INGREDIENT_LINKS = 0.7  # ingredients often link to a product or a glossary page; a list of only links is a menu
# French CMSs (SPIP, Drupal themes) name the standfirst ``chapo``, short for ``chapeau``.
_LEDE = _Marks(
    r"standfirst|lede|(?:^|[-_ ])lead(?:$|[-_ ]|in)|perex|intro|summary|(?:^|[-_ ])dek(?:$|[-_ ])|deck|subtitle|"
    r"sub-?head|excerpt|abstract|teaser-?text|description|chap(?:eau|o)(?:$|[-_ ])|entradilla|bajada|sapo|"
    r"vorspann|anriss",
)
_CREDIT_MARKS = _Marks(r"credit|copyright")  # a picture's credit line (``Foto: …``)
_LEDE_WEIGHT = 900  # a standfirst is a few sentences; a block with more holds the story
_PICTURE_BOX_CHARS = 400  # characters; a picture's box with more text than this holds prose, not a caption
_PICTURE_BOX_LEVELS = 3
_NO_LEDE_ANCESTORS = frozenset(("figure", "figcaption", "a", "li", "nav", "aside", "footer"))
_NOT_IN_LEDE = ("h1", "h2", "h3", "time", "script", "style", "img", "picture", "figure", "ul", "ol")
# A block named as the standfirst may set it as bullet points (a summary in three lines); any
# other block with a list is a header or a list of links.
_NOT_IN_MARKED_LEDE = tuple(tag for tag in _NOT_IN_LEDE if tag not in ("ul", "ol"))
_SENTENCE_ENDS = (".", "!", "?", "…", "。", "！", "？", '"', "”", "»", "“")
# The attributes ``_is_dialog`` and ``_is_hidden`` read.
# A notice's box: short lines a few levels above the notice line (a pitch set as a heading per line).
_NOTICE_BOX_LEVELS = 3
_NOTICE_BOX_PARAGRAPHS = 12
_NOTICE_BOX_CHARS = 600
_DIALOG_OR_HIDDEN = frozenset(("role", "aria-modal", "hidden", "aria-hidden", "style"))
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)


@dataclass
class _Block:
    """The running score of one container: what its text earned and what its class says.

    A content-like class (``article-text``) counts only once the block's text earned about a
    sentence-bearing paragraph, so a teaser heading with such a class cannot outrank the story;
    a boilerplate class always costs.
    """

    element: lxml_html.HtmlElement
    bonus: float = 0.0
    content: float = 0.0
    paragraphs: int = 0

    @property
    def score(self) -> float:
        if self.bonus > 0 and self.content < _EARNED:
            return self.content
        return self.content + self.bonus


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of the chosen block, the element it starts in, and its share of link text."""

    text: str
    element: lxml_html.HtmlElement
    link_density: float


@dataclass
class _Walk:
    """Paragraphs collected from a subtree, cut at block boundaries and ``<br>``."""

    paragraphs: list[Paragraph] = field(default_factory=list)
    current: list[str] = field(default_factory=list)
    linked: int = 0
    start: lxml_html.HtmlElement | None = None

    def add(self, text: str | None, element: lxml_html.HtmlElement, *, in_link: bool) -> None:
        if text:
            if self.start is None:
                self.start = element
            self.current.append(text)
            if in_link:
                self.linked += len(text.strip())

    def flush(self) -> None:
        text = " ".join(visible_text("".join(self.current)).split())
        if text and self.start is not None:
            self.paragraphs.append(Paragraph(text, self.start, min(1.0, self.linked / len(text))))
        self.current = []
        self.linked = 0
        self.start = None


def clean_tree(tree: lxml_html.HtmlElement, *, relaxed: bool = False) -> int:
    """Drop what is never story text: code, controls, hidden and boilerplate blocks, and the
    boxes that set a picture with its caption without a ``<figure>``.

    Navigation-like tags and class names are only trusted for blocks that hold a small share
    of the page's text: many sites wrap the whole page in a ``<form>`` or give the story's
    wrapper a class such as ``page-header-offset``. Hidden is a weak signal too: hidden blocks
    are mostly menus, consent dialogs and duplicates, but some platforms serve the whole story
    hidden (``visibility: hidden`` on its container) and reveal it by script. So a caller that
    found no story asks again ``relaxed``: then boilerplate-named blocks are left to the scorer,
    which weighs their class, and a hidden block is kept when it holds much of the page.
    The walk never enters a dropped block, so a page costs one visit per kept element. Returns
    the text length of the largest block withheld as hidden or boilerplate-named, so a caller
    knows whether looking again could find a story there.
    """
    _unwrap_served_without_scripts(tree)
    _keep_ingredient_labels(tree)
    etree.strip_elements(tree, etree.Comment, etree.ProcessingInstruction, *_DROP_TAGS, with_tail=False)
    total = _text_length(tree)
    withheld = 0
    stack: list[lxml_html.HtmlElement] = [tree]
    while stack:
        for element in list(stack.pop()):
            tag = element.tag
            if not isinstance(tag, str):
                continue
            # One read of the attribute names spares five reads of attributes few elements carry.
            flagged = not _DIALOG_OR_HIDDEN.isdisjoint(element.keys())
            if flagged and _is_dialog(element):
                element.drop_tree()
                continue
            # A picture's box (or a hover card) is dropped from inside it: the rest of it, already on
            # the stack, is then walked detached from the page (a second credit in it finds it gone).
            css_class, css_id = element.get("class"), element.get("id")
            verdict, credited = (
                (("suspect" if tag in _SUSPECT_TAGS else "keep"), False)  # most elements: no name to read
                if css_class is None and css_id is None and "-" not in tag
                else _verdict(tag, css_class or "", _name_id(tag, css_id))
            )
            box = _bare_picture_box(element) if tag == "img" else _hover_card(element) if tag == "span" else None
            if credited and box is None:
                box = _credited_picture_box(element)
            if box is not None:
                if box.getparent() is not None:
                    box.drop_tree()
                continue
            if relaxed and verdict == "suspect":
                verdict = "keep"
            hidden = flagged and _is_hidden(element) and not _next_of_shown_series(element)
            if relaxed and hidden:
                verdict, hidden = "suspect", False
            length = _text_length(element) if verdict == "suspect" or hidden else 0
            small = verdict == "suspect" and length < 0.3 * total
            if small and length >= _STORY_CHARS and tag not in _SUSPECT_TAGS and _holds_story_body(element, length):
                small = False  # ``<div class="widget Blog">`` around ``<div class="post-body entry-content">``
            if verdict == "drop" or small or hidden:
                withheld = max(withheld, length)
                element.drop_tree()
            else:
                stack.append(element)
    return withheld


def _keep_ingredient_labels(tree: lxml_html.HtmlElement) -> None:
    """A recipe's ingredient list set as checkboxes names each ingredient in a ``<label>``: that label
    is the recipe's text, not a form's, and is kept (as a ``<span>``) where other labels are dropped."""
    for label in tree.iter("label"):
        if in_ingredients(label):
            label.tag = "span"


def _next_of_shown_series(element: lxml_html.HtmlElement) -> bool:
    """A hidden block right after a shown block of its own tag and class: the next slide of a
    story paged as a carousel, or the next tab of a product's details; a script shows one at a
    time, and each is as much the page's text as the first.

    The block before it is still on the page only when it was kept: a series hidden from its
    first block on (a closed menu, a mobile copy) is dropped block after block. A hidden block
    that says what the shown one says is its copy for another screen, not the next slide: kept,
    it would be read twice."""
    names = element.get("class", "").split()
    previous = element.getprevious()
    while previous is not None and not isinstance(previous.tag, str):
        previous = previous.getprevious()
    if not names or previous is None or previous.tag != element.tag:
        return False
    if names[0] not in previous.get("class", "").split():
        return False
    return _text_content(previous).split() != _text_content(element).split()


def _unwrap_served_without_scripts(tree: lxml_html.HtmlElement) -> None:
    """Keep the content of a ``<noscript>`` that holds most of the page's text.

    A ``<noscript>`` usually holds a tracking pixel or a "please enable JavaScript" line and goes
    with the other code. But a page may open its outer wrapper inside one for readers without
    scripts (``<noscript><div id="nojs"></noscript>`` … ``<noscript></div></noscript>``), and the
    parser then reads the whole page, story included, as the noscript's content: that one is the page.
    """
    total = 0
    for element in tree.iter("noscript"):
        length = _text_length(element)
        if length < _STORY_CHARS:
            continue
        total = total or _text_length(tree)
        if length > 0.5 * total:
            element.drop_tag()
            return


def _credited_picture_box(credit: lxml_html.HtmlElement) -> lxml_html.HtmlElement | None:
    """The picture's box a credit line (``<span class="copyright">Foto: …</span>``) sits in, when
    that box is no ``<figure>`` and holds little text: its text is the caption.

    A CMS may set a picture as ``<div class="image-box"><img><p><span class="copyright">…</span>
    Caption</p></div>``: no caption-named class says so, only a picture and its credit together.
    The box is the nearest block around the credit that holds a picture; one with more text is the
    story with a picture in it.
    """
    for ancestor in _ancestors(credit.getparent(), _PICTURE_BOX_LEVELS):
        if ancestor.tag in ("body", "article", "main"):
            return None
        if next(ancestor.iter("img", "picture"), None) is not None:
            return ancestor if _holds_little_text(ancestor) else None
    return None


def _bare_picture_box(picture: lxml_html.HtmlElement) -> lxml_html.HtmlElement | None:
    """The ``<div>`` around a picture (bare or alone in a link) that holds only it and one short
    ``<span>``: a figure set without ``<figure>`` (``<div class="imginline"><img><span>Abbildung:
    …</span></div>``), whose text is the caption."""
    holder = picture.getparent()
    if holder is not None and holder.tag == "a" and len(holder) == 1:
        holder = holder.getparent()
    if holder is None or holder.tag != "div" or len(holder) != 2 or (holder.text or "").strip():
        return None
    other = holder[1] if holder[0] is picture or holder[0] is picture.getparent() else holder[0]
    if other.tag != "span" or any((child.tail or "").strip() for child in holder):
        return None
    return holder if _holds_little_text(holder) else None


def _hover_card(span: lxml_html.HtmlElement) -> lxml_html.HtmlElement | None:
    """A hover card set inside a sentence: a ``<span>`` in a paragraph holding, side by side, a
    picture and two or more links (a person's photo, name and latest headlines), which a
    stylesheet shows only on hover. Running text hardly ever sets a picture among links inside
    a sentence; read as text, the card splices other stories' headlines into the story. Dropped,
    its tail (the sentence going on) stays.

    Only the span's own children are looked at, and only in a span with three or more; the
    paragraph and link share are read only for the rare span that passes them."""
    if len(span) < 3 or span.find("img") is None or len(span.findall("a")) < 2:  # most spans hold no three
        return None
    if next(span.iterancestors("p"), None) is None:
        return None
    return span if _link_density(span) > 0.5 else None


def _holds_little_text(box: lxml_html.HtmlElement) -> bool:
    """Whether ``box`` holds at most a caption's worth of text; reads no further than that, as the
    box around a credit may be the whole story."""
    length = 0
    for text in box.itertext():
        length += _visible_length(text)
        if length > _PICTURE_BOX_CHARS:
            return False
    return True


def _holds_story_body(element: lxml_html.HtmlElement, length: int) -> bool:
    """Whether a block named like boilerplate (a blog platform's ``widget``) wraps the block the
    platform names as the post's body (``entry-content``, ``post-body``, ``itemprop=articleBody``)
    and that body holds most of its text; or a layout column (``col-md-6 print-full``) around a
    recipe's ingredients box, which is the recipe wherever the page sets it."""
    for inner in element.iterdescendants("div", "section", "article", "ul", "ol", "table"):
        names = _names(inner)
        if _STORY_BODY.search(names):
            return _text_length(inner) >= 0.6 * length
        if _INGREDIENTS.search(names) and _is_ingredient_list(inner):
            return True
    return False


def _names(element: lxml_html.HtmlElement) -> str:
    """What a template calls a block: its class, id and ``itemprop``, space-separated."""
    return f"{element.get('class', '')} {element.get('id', '')} {element.get('itemprop', '')}".strip()


@lru_cache(maxsize=4096)
def _verdict(tag: str, css_class: str, css_id: str) -> tuple[str, bool]:
    """``drop``, ``suspect`` (boilerplate unless it holds much of the page) or ``keep``, and
    whether the name marks a picture credit; cached because a page repeats the same few class
    names hundreds of times."""
    if tag in _SUSPECT_TAGS:
        return "suspect", False
    if tag in ("html", "body", "article", "main"):
        return "keep", False
    # A custom element's name says what it is, as a class would (``<pp-inline-teaser>``).
    marks = f"{css_class} {css_id} {tag if '-' in tag else ''}".strip()
    if not marks:
        return "keep", False
    if _CAPTION.search(marks):
        return "drop", False
    credited = _CREDIT_MARKS.search(marks) is not None
    chrome = _ENDS_AS_CHROME.search(marks) or (_BOILERPLATE.search(marks) and not _CONTENT.search(marks))
    # A recipe's ingredients box is the recipe, whatever else its class says (``print-links``).
    if tag != "p" and chrome and not _INGREDIENTS.search(marks):
        return "suspect", credited
    return "keep", credited


def _name_id(tag: str, css_id: str | None) -> str:
    """The id, when it names the block; a subheading's id is the anchor a table of contents links
    to, made from its words (``nav_nur_die_folie__1``), and says nothing about what it is."""
    return "" if tag in _SUBHEADINGS or css_id is None else css_id


def _text_length(element: lxml_html.HtmlElement) -> int:
    return _visible_length(_text_content(element))


def _text_content(element: lxml_html.HtmlElement) -> str:
    """``element.text_content()``, the same string, through libxml2's text serialiser: lxml.html's
    method runs an XPath per call, which costs twice as much on the hundreds of blocks a page has."""
    return etree.tostring(element, method="text", encoding="unicode", with_tail=False)


def _visible_length(text: str) -> int:
    """Characters other than whitespace; ``str.split`` knows the same whitespace as ``\\s`` and
    is several times cheaper than a regex substitution on a page's worth of text (and joining
    the words is cheaper than summing their lengths in Python)."""
    return len("".join(text.split()))


def _is_dialog(element: lxml_html.HtmlElement) -> bool:
    """Consent banners and popups say what they are; a story is never a modal dialog. Nor is it a
    control drawn as a box (``<div role="button">Bild anzeigen</div>``), any more than a ``<button>``."""
    return element.get("role") in ("dialog", "alertdialog", "button") or element.get("aria-modal") == "true"


def _is_hidden(element: lxml_html.HtmlElement) -> bool:
    if element.get("hidden") is not None or element.get("aria-hidden") == "true":
        return True
    style = element.get("style")
    return bool(style and _HIDDEN_STYLE.search(style))


@dataclass(frozen=True)
class Scoring:
    """What the scorer read: the story's paragraphs, each with its link density, and the blocks it
    chose among, strongest first, each with its strength (its score without its linked share), for
    a caller that has reason to prefer a runner-up."""

    paragraphs: list[Paragraph]
    ranked: list[tuple[lxml_html.HtmlElement, float]]


def main_paragraphs(tree: lxml_html.HtmlElement) -> Scoring:
    """The paragraphs of the best-scoring container and the ranking it won."""
    body = tree.find(".//body")
    root = body if body is not None else tree
    blocks = _score_blocks(root)
    # A list is never the story's container: ranked lists of teasers are what it looks like.
    ranked = sorted((b for b in blocks.values() if b.element.tag not in _LIST_TAGS), key=lambda b: -b.score)[:12]
    if not ranked:
        return Scoring(_walk(root), [])
    strength = _strengths(ranked)
    by_strength = sorted(((b.element, strength[b.element]) for b in ranked), key=lambda pair: -pair[1])
    best = max(ranked, key=lambda b: strength[b.element])
    strongest = best.element
    top = _common_story_root(strongest, strength)
    if top is not strongest:
        best = blocks.get(top) or best
    _prune_inside(top, strongest)
    parent = top.getparent()
    if parent is None:
        return Scoring(_walk(top), by_strength)
    floor = max(10.0, best.score * 0.2)
    chosen = _with_siblings(top, parent, blocks, threshold=floor)
    wrapper = _bare_wrapper(top)
    if wrapper is not top and (outer := wrapper.getparent()) is not None:
        inside = _prose_within(wrapper, chosen)
        around = [e for e in _with_siblings(wrapper, outer, blocks, threshold=floor) if e is wrapper or e.tag == "p"]
        chosen = [piece for element in around for piece in (inside if element is wrapper else [element])]
    elsewhere = _alike_elsewhere(
        top, strongest, parent, blocks, before=max(10.0, best.score * _ALIKE_SHARE), after=max(10.0, best.score * 0.1)
    )
    elsewhere.extend(_ingredients_elsewhere(root, top, chosen, elsewhere))
    if elsewhere:  # keep the page's reading order
        position = {element: index for index, element in enumerate(root.iter())}
        # A block found elsewhere may hold a paragraph the wrapper's prose already took: read it once.
        pieces = [*dict.fromkeys([*chosen, *elsewhere])]
        pieces = [element for element in pieces if not any(contains(outer, element) for outer in pieces)]
        chosen = sorted(pieces, key=lambda element: position.get(element, 0))
    return Scoring([paragraph for element in chosen for paragraph in _walk(element)], by_strength)


def _strengths(ranked: list[_Block]) -> dict[lxml_html.HtmlElement, float]:
    """Each ranked block's score without its linked share, a third inside readers' comments.

    The ranked blocks nest (the story's block, its parent, its grandparent): each link's text
    and each block's text is measured once, not once per level."""
    links: dict[lxml_html.HtmlElement, int] = {}
    lengths = _nested_lengths([block.element for block in ranked])
    return {
        b.element: b.score * (1 - _link_density(b.element, links, lengths[b.element])) * _comment_factor(b.element)
        for b in ranked
    }


def _nested_lengths(elements: list[lxml_html.HtmlElement]) -> dict[lxml_html.HtmlElement, int]:
    """The visible text length of each of ``elements``, innermost first: one that holds others
    is measured around them and their lengths added (lengths without whitespace add up)."""
    lengths: dict[lxml_html.HtmlElement, int] = {}
    holders: set[lxml_html.HtmlElement] = set()  # the ancestors of the elements measured so far
    for element in sorted(elements, key=lambda element: sum(1 for _ in element.iterancestors()), reverse=True):
        lengths[element] = _length_around(element, lengths, holders)
        holders.update(element.iterancestors())
    return lengths


def _length_around(
    element: lxml_html.HtmlElement, lengths: dict[lxml_html.HtmlElement, int], holders: set[lxml_html.HtmlElement]
) -> int:
    """``_text_length(element)``, taking the lengths of the measured elements inside it from ``lengths``."""
    if element in lengths:
        return lengths[element]
    if element not in holders:
        return _text_length(element)
    parts = [element.text or ""]
    inside = 0
    for child in element:
        if isinstance(child.tag, str):
            inside += _length_around(child, lengths, holders)
        parts.append(child.tail or "")
    return inside + _visible_length("".join(parts))


def _bare_wrapper(top: lxml_html.HtmlElement) -> lxml_html.HtmlElement:
    """The outermost of the wrappers around ``top`` that add next to no text of their own.

    A story's block may sit a few wrappers deep (a "read more" fold, a layout column) while its
    first paragraphs stand beside the outermost wrapper; the siblings worth joining are there.
    """
    length = wrapped = _text_length(top)
    wrapper = top
    for _ in range(_WRAPPER_LEVELS):
        parent = wrapper.getparent()
        if parent is None or parent.tag in ("body", "html"):
            break
        wrapped += _length_beside(parent, wrapper)
        if wrapped > _WRAPPER_SLACK * length:
            break
        wrapper = parent
    return wrapper


def _length_beside(parent: lxml_html.HtmlElement, child: lxml_html.HtmlElement) -> int:
    """The text length ``parent`` adds around ``child``: its own text, its other children's and
    the tails. A wrapper's length is its child's plus this, which spares measuring the story's
    text again at each level (whitespace-free lengths add up)."""
    parts = [parent.text or ""]
    for node in parent:
        if node is not child and isinstance(node.tag, str):
            parts.append(_text_content(node))
        parts.append(node.tail or "")
    return _visible_length("".join(parts))


def _prose_within(wrapper: lxml_html.HtmlElement, chosen: list[lxml_html.HtmlElement]) -> list[lxml_html.HtmlElement]:
    """``chosen`` after the prose paragraphs that stand above it in ``wrapper``.

    The wrapper adds next to no text to the story's block, so a prose paragraph in it above the
    story is the story's opening, set in its own block (a first paragraph, a standfirst). Below
    the story such paragraphs are more often an author's note or a teaser, so they stay out.
    """
    picked = set(chosen)
    found: list[lxml_html.HtmlElement] = []
    for element in wrapper.iter("p", *{str(e.tag) for e in chosen}):
        if element in picked:
            return [*found, *chosen]
        if element.tag == "p" and _is_prose(element):
            found.append(element)
    return chosen


def _common_story_root(
    top: lxml_html.HtmlElement, strength: dict[lxml_html.HtmlElement, float]
) -> lxml_html.HtmlElement:
    """The nearest ancestor that also holds two other strong blocks in other branches.

    CMSs cut one story into a component per paragraph or step, each in its own few levels of
    unclassed wrappers; each piece then scores like the others and only the best would win.
    Other blocks nearly as strong as the best, under a near ancestor, are more of the story.
    """
    floor = _PEER_SHARE * strength[top]
    peers = [element for element, value in strength.items() if value >= floor and element is not top]
    node = top
    for _ in range(_PEER_LEVELS):
        parent = node.getparent()
        if parent is None or parent.tag in ("body", "html"):
            break
        branches = set()
        for peer in peers:
            branch = _child_towards(parent, peer)
            if branch is not None and branch is not node and not contains(peer, top):
                branches.add(branch)
        if len(branches) >= 2:
            return parent
        node = parent
    return top


def _child_towards(ancestor: lxml_html.HtmlElement, element: lxml_html.HtmlElement) -> lxml_html.HtmlElement | None:
    """The child of ``ancestor`` that holds ``element``, or None when it is not inside."""
    previous = element
    for current in element.iterancestors():
        if current is ancestor:
            return previous
        previous = current
    return None


def lede_candidates(tree: lxml_html.HtmlElement) -> list[tuple[lxml_html.HtmlElement, str]]:
    """Blocks that read like a story's standfirst, in page order, found before cleaning.

    The standfirst sits above the body, often in the article's ``<header>`` or in a block
    classed ``standfirst`` / ``lede`` / ``perex`` / ``summary`` beside the body's container, so
    the scorer leaves it out; the caller puts back the one just above the story.
    """
    body = tree.find(".//body")
    found: list[tuple[lxml_html.HtmlElement, str]] = []
    if body is None:
        return found
    headed = next(body.iter("header"), None) is not None  # else no paragraph is in one: spare the ancestor walks
    boxes: dict[lxml_html.HtmlElement, bool] = {}  # a box's verdict, read once for all its paragraphs
    for element in body.iter("p", "div", "h2", "span"):
        marked = _lede_marks(_names(element))
        in_header = not marked and headed and element.tag == "p" and _in_article_header(element)
        boxed = not marked and not in_header and _in_lede_box(element, boxes)
        if not marked and not in_header and not boxed:
            continue
        if any(ancestor.tag in _NO_LEDE_ANCESTORS for ancestor in element.iterancestors()):
            continue
        if marked and (opening := _unclosed_standfirst(element)):
            found.append((element, opening))
            continue
        inner = element.iterdescendants if boxed else element.iter  # a marked subheading is a deck, not the lede
        excluded = _NOT_IN_MARKED_LEDE if marked else _NOT_IN_LEDE
        if next(inner(*excluded), None) is not None or _beside_picture(element):
            continue  # a header block with the headline and byline, or a caption
        text = " ".join(_text_content(element).split())
        if in_header and not _reads_as_standfirst(text):
            continue
        if 60 <= _weight(text) <= _LEDE_WEIGHT and _link_density(element) < 0.3:
            found.append((element, text))
    return found


def _unclosed_standfirst(element: lxml_html.HtmlElement) -> str | None:
    """The opening sentences of a standfirst block the page never closed: the parser then nests
    the story in it (``<h2 class="excerpt">Whether you're for…<div id="articleBody">…``), and the
    block holds far more than a standfirst. Its own text before its first child is the standfirst."""
    opening = " ".join((element.text or "").split())
    if not len(element) or not 60 <= _weight(opening) <= _LEDE_WEIGHT or not opening.endswith(_SENTENCE_ENDS):
        return None
    return opening if _text_length(element) > _LEDE_WEIGHT else None


def _reads_as_standfirst(text: str) -> bool:
    """An unmarked line in the article's header is its standfirst when it reads as prose: a
    sentence, or a long line (UK standfirsts drop the full stop); not a short meta line such as
    ``— Name on Sunday, October 13th, 2019 in a newspaper`` or an attribution."""
    if text.startswith(("—", "–", "-")):
        return False
    return text.endswith(_SENTENCE_ENDS) or _weight(text) >= 100


@lru_cache(maxsize=4096)
def _lede_marks(marks: str) -> bool:
    return _LEDE.search(marks) is not None and _CAPTION.search(marks) is None


def _in_lede_box(element: lxml_html.HtmlElement, boxes: dict[lxml_html.HtmlElement, bool]) -> bool:
    """A paragraph or subheading inside a lede-marked block that cannot be the standfirst itself
    because it also holds a kicker heading or a picture (``<div class="lead"><h2>…</h2></div>``).
    ``boxes`` keeps each parent's verdict: a story's paragraphs share one parent."""
    parent = element.getparent()
    if element.tag not in ("p", "h2") or parent is None or parent.tag not in ("div", "section"):
        return False
    if (boxed := boxes.get(parent)) is None:
        marks = f"{parent.get('class', '')} {parent.get('id', '')}".strip()
        boxed = bool(marks) and _lede_marks(marks) and next(parent.iter(*_NOT_IN_LEDE), None) is not None
        boxes[parent] = boxed
    return boxed


def _in_article_header(element: lxml_html.HtmlElement) -> bool:
    """A paragraph at most five levels inside a ``<header>`` that holds the headline (styled
    components nest the standfirst in several unclassed layout boxes)."""
    for ancestor in _ancestors(element.getparent(), 5):
        if ancestor.tag == "header":
            return ancestor.find(".//h1") is not None
    return False


def _beside_picture(element: lxml_html.HtmlElement) -> bool:
    """Next to an image and not to a headline, or next to a picture credit: a caption, not the
    standfirst of a header that holds the headline, the standfirst and the lead image."""
    parent = element.getparent()
    if parent is None:
        return False
    if any(_CREDIT_MARKS.search(_names(sibling)) for sibling in parent if sibling is not element):
        return True  # a description beside the picture's credit (``Foto: …``) is its caption
    # A ``<figure>`` that holds its own ``<figcaption>`` is captioned already: a block beside it
    # (``<figure>…<figcaption>…</figcaption></figure><div class="lead">``) is not its caption.
    pictures = [child for child in parent if child.tag in ("img", "picture", "figure")]
    if all(child.tag == "figure" and child.find(".//figcaption") is not None for child in pictures):
        return False
    return next(parent.iter("h1", "h2"), None) is None  # the headline may sit in its own box beside it


def _score_blocks(root: lxml_html.HtmlElement) -> dict[lxml_html.HtmlElement, _Block]:
    """Every text block's score lifted to its parent, grandparent and great-grandparent."""
    blocks: dict[lxml_html.HtmlElement, _Block] = {}
    for element in root.iter(*_PARAGRAPH_TAGS, "div", "section", "article"):
        text = _own_text(element)
        weight = _weight(text)
        if weight < 25:
            continue
        marks = len(_MARKS_BEFORE_SPACE.findall(text)) + len(_FULL_WIDTH_MARKS.findall(text))
        score = 1.0 + marks + min(weight / 100, 3.0)
        parent = element.getparent()
        for depth, ancestor in enumerate(_ancestors(parent, 3)):
            block = blocks.get(ancestor)
            if block is None:
                block = blocks[ancestor] = _Block(ancestor, bonus=_class_weight(ancestor))
            block.content += score / (1 + depth)
            block.paragraphs += 1
        if element.tag in ("div", "section", "article", "td"):
            block = blocks.setdefault(element, _Block(element, bonus=_class_weight(element)))
            block.content += score
    return blocks


def _comment_factor(element: lxml_html.HtmlElement) -> float:
    """Readers' comments can outweigh a short story; a block inside a comment area counts a third."""
    return 0.3 if in_comment_area(element) else 1.0


def in_comment_area(element: lxml_html.HtmlElement) -> bool:
    """Whether the element sits in readers' comments (itself or a block around it marked so)."""
    return any(
        _COMMENTS.search(f"{ancestor.get('class', '')} {ancestor.get('id', '')}")
        for ancestor in (element, *element.iterancestors())
    )


def _prune_inside(top: lxml_html.HtmlElement, strongest: lxml_html.HtmlElement) -> None:
    """Inside the chosen block, drop asides and boilerplate-marked blocks short of most of its text.

    The page-wide cleaner spares big marked blocks in case they hold the story; once the story's
    block is known, a sidebar or related list nested in it can go. A run of alike marked siblings
    that together hold most of it is the story cut in pages (:func:`_story_series`) and stays.
    """
    drop = []
    for element in top.iterdescendants():
        if not isinstance(element.tag, str) or element.tag in ("p", "article", "main"):
            continue
        marks = f"{element.get('class', '')} {_name_id(element.tag, element.get('id'))}".strip()
        if element.tag in _SUSPECT_TAGS or (marks and _marks_insert(marks)):
            drop.append(element)
    if not drop:
        return  # most stories hold no insert: their text need not be measured
    total = _text_length(top)
    paged = _story_series(drop, total)
    for element in drop:
        if element.getparent() is None or element in paged:
            continue
        if _text_length(element) < 0.7 * total or _is_comment_thread(element, strongest):
            element.drop_tree()


def _is_comment_thread(element: lxml_html.HtmlElement, strongest: lxml_html.HtmlElement) -> bool:
    """A block named as readers' comments that does not hold the story's strongest block: a long
    thread under a short post outweighs the post, yet is never the story, however much of the
    chosen block it fills."""
    if element is strongest or contains(element, strongest):
        return False
    return _COMMENTS.search(f"{element.get('class', '')} {_name_id(element.tag, element.get('id'))}") is not None


def _story_series(marked: list[lxml_html.HtmlElement], total: int) -> set[lxml_html.HtmlElement]:
    """The marked blocks that are siblings of one tag and first class holding together most of the
    chosen block's text: the story cut in pages (a carousel's slides, ``gallery--paragraph-section``),
    not inserts, however they are named."""
    runs: dict[tuple[lxml_html.HtmlElement | None, str, str], list[lxml_html.HtmlElement]] = {}
    for element in marked:
        names = element.get("class", "").split()
        if names:
            runs.setdefault((element.getparent(), str(element.tag), names[0]), []).append(element)
    paged: set[lxml_html.HtmlElement] = set()
    for run in runs.values():
        if len(run) > 1 and sum(_text_length(element) for element in run) >= 0.7 * total:
            paged.update(run)
    return paged


@lru_cache(maxsize=4096)
def _marks_insert(marks: str) -> bool:
    """Whether a class or id names boilerplate inside a story: a boilerplate word with no content
    word beside it, or a name for an insert whatever else it says (``jp-relatedposts``)."""
    if _INSERT.search(marks) is not None or _ENDS_AS_CHROME.search(marks) is not None:
        return True
    return _BOILERPLATE.search(marks) is not None and _CONTENT.search(marks) is None


def _alike_elsewhere(
    top: lxml_html.HtmlElement,
    strongest: lxml_html.HtmlElement,
    parent: lxml_html.HtmlElement,
    blocks: dict[lxml_html.HtmlElement, _Block],
    *,
    before: float,
    after: float,
) -> list[lxml_html.HtmlElement]:
    """Blocks elsewhere of the chosen block's tag and class family: the CMS cut the story in sections.

    A short section above the best one is the story's opening and joins at a low score
    (``before``); below it, blocks of the same class are as often readers' replies in a thread,
    so they must score more (``after``).
    """
    # When ``top`` is the root of several pieces (``_common_story_root``), the family is the
    # strongest piece's: a block of that family outside the root (the body field above the
    # paragraphs field, in Drupal) is the story's opening.
    signature = _family(strongest) or _family(top)
    if signature is None:
        return []
    position: dict[lxml_html.HtmlElement, int] = {}
    found: list[lxml_html.HtmlElement] = []
    short_below: list[lxml_html.HtmlElement] = []  # below the story, scoring between the two floors
    for block in blocks.values():
        element = block.element
        if element is top or element.getparent() is parent or _family(element) != signature:
            continue
        if not position:  # page order: to tell above from below, and what is still on the page
            position = {node: index for index, node in enumerate(top.getroottree().iter())}
        if element not in position:
            continue  # pruned from the chosen block after scoring: never join it back
        density = _link_density(element)
        value = block.score * (1 - density)
        if density > _PROSE_LINKS or value < before:
            continue  # a teaser's headline link and blurb, or too little text to be a section
        if contains(top, element) or contains(element, top):
            continue
        if value < after and position[element] > position[top]:
            short_below.append(element)
        else:
            found.append(element)
    # A short section below the story with a section of it further down is inside the story's span:
    # more of it (a few quoted lines between two rules), not a reply under it.
    last = max((position[element] for element in found), default=-1)
    found.extend(element for element in short_below if position[element] < last)
    return found or _opening_pieces(top, blocks, before)


def _opening_pieces(
    top: lxml_html.HtmlElement, blocks: dict[lxml_html.HtmlElement, _Block], before: float
) -> list[lxml_html.HtmlElement]:
    """Blocks above the chosen one of the family its own pieces share: the story's first paragraph
    set apart in a box of its own above the rest (``highlighted-below-header`` around a
    ``paragraph--type--text`` like the story's), or an encyclopedia's summary above its sections.

    The family is the one most of ``top``'s scored children have, at least two of them; a block of
    it above ``top`` joins as a short section above the best one does (``before``)."""
    families = Counter(family for child in top if child in blocks and (family := _family(child)))
    if not families:
        return []
    signature, count = families.most_common(1)[0]
    if count < 2:
        return []
    kin = [
        block
        for block in blocks.values()
        if block.element.getparent() is not top and _family(block.element) == signature
    ]
    if not kin:
        return []
    position = {node: index for index, node in enumerate(top.getroottree().iter())}
    found: list[lxml_html.HtmlElement] = []
    for block in kin:
        element = block.element
        # Above ``top`` (not ``top`` itself) and still on the page (a pruned block is not), and not
        # one of its ancestors.
        if element not in position or position[element] >= position[top] or contains(element, top):
            continue
        density = _link_density(element)
        if density <= _PROSE_LINKS and block.score * (1 - density) >= before:
            found.append(element)
    return found


def _ingredients_elsewhere(
    root: lxml_html.HtmlElement,
    top: lxml_html.HtmlElement,
    chosen: list[lxml_html.HtmlElement],
    elsewhere: list[lxml_html.HtmlElement],
) -> list[lxml_html.HtmlElement]:
    """A recipe's ingredient lists outside the chosen block: the scorer picks the method's prose,
    and the list of short amounts (``125 g Mehl``) never scores as text, yet it is the recipe.

    Only the outermost block named for ingredients, holding several items or rows, and not a
    link list; one that holds the chosen block is the page's recipe area, not a list."""
    taken = [*chosen, *elsewhere]
    found: list[lxml_html.HtmlElement] = []
    for element in root.iter("div", "section", "article", "ul", "ol", "table", "dl"):
        marks = _names(element)
        if not marks or not _INGREDIENTS.search(marks):
            continue
        if any(contains(outer, element) or outer is element for outer in (*taken, *found)):
            continue
        if contains(element, top) or any(contains(element, piece) for piece in taken):
            continue
        if not _is_ingredient_list(element):
            continue
        found.append(element)
    return found


def in_ingredients(element: lxml_html.HtmlElement) -> bool:
    """Whether the element sits in a recipe's ingredients box: its cells may be all link (a product
    the amount names), yet they are the recipe, not a teaser."""
    return any(_INGREDIENTS.search(_names(ancestor)) for ancestor in (element, *element.iterancestors()))


def _is_ingredient_list(box: lxml_html.HtmlElement) -> bool:
    """Several rows or items, not a list of only links (a menu)."""
    items = sum(1 for _ in zip(range(_INGREDIENT_ITEMS), _ingredient_items(box), strict=False))
    return items >= _INGREDIENT_ITEMS and _link_density(box) <= _INGREDIENT_LINKS


def _ingredient_items(box: lxml_html.HtmlElement) -> Iterator[lxml_html.HtmlElement]:
    """The rows of an ingredients box: list items and table rows, or blocks named for an ingredient
    each (``<div class="recipe-ingredients__item">``, a grid of amount and name cells)."""
    for element in box.iterdescendants("li", "tr", "dd", "div"):
        if element.tag != "div" or _INGREDIENTS.search(element.get("class", "")):
            yield element


def _family(element: lxml_html.HtmlElement) -> tuple[str, frozenset[str]] | None:
    """The tag and class names without modifiers: ``RichText RichText--wide`` is ``RichText``.

    A block with no class but a numbered id (``article_c2616``, ``post-123``: a CMS numbers each
    content element it renders) belongs to the family of its id without the number."""
    names = element.get("class", "").split()
    if not names:
        numbered = element.get("id", "")
        stem = numbered.rstrip("0123456789")
        if stem == numbered or not stem:
            return None
        return element.tag, frozenset((f"#{stem}",))
    return element.tag, frozenset(name.split("--")[0] for name in names)


def contains(outer: lxml_html.HtmlElement, inner: lxml_html.HtmlElement) -> bool:
    """Whether ``inner`` stands inside ``outer`` (not ``outer`` itself)."""
    return any(ancestor is outer for ancestor in inner.iterancestors())


def _with_siblings(
    top: lxml_html.HtmlElement,
    parent: lxml_html.HtmlElement,
    blocks: dict[lxml_html.HtmlElement, _Block],
    *,
    threshold: float,
) -> list[lxml_html.HtmlElement]:
    """The best block plus the siblings that read like more of the same story.

    Stories are often split by ads or pull quotes into several sibling blocks; a sibling joins
    when it scored well itself, or when it is a prose paragraph with few links.
    """
    chosen: list[lxml_html.HtmlElement] = []
    for sibling in parent:
        if not isinstance(sibling.tag, str):
            continue
        if sibling is top:
            chosen.append(sibling)
            continue
        block = blocks.get(sibling)
        scored = block is not None and block.score * (1 - _link_density(sibling)) >= threshold
        if scored or (sibling.tag == "p" and _is_prose(sibling)):
            chosen.append(sibling)
    return chosen


def _is_prose(paragraph: lxml_html.HtmlElement) -> bool:
    """A paragraph of running text with few links: long, or a whole sentence without links."""
    text = " ".join(_text_content(paragraph).split())
    density = _link_density(paragraph)
    return (_weight(text) > 80 and density < 0.25) or (density == 0 and text.endswith((".", "。")))


def _ancestors(element: lxml_html.HtmlElement | None, count: int) -> list[lxml_html.HtmlElement]:
    found: list[lxml_html.HtmlElement] = []
    while element is not None and len(found) < count:
        if isinstance(element.tag, str) and element.tag not in ("html",):
            found.append(element)
        element = element.getparent()
    return found


def _class_weight(element: lxml_html.HtmlElement) -> float:
    marks = f"{element.get('class', '')} {element.get('id', '')}"
    weight = 0.0
    if _CONTENT.search(marks):
        weight += 25
    if _BOILERPLATE.search(marks):
        weight -= 25
    if element.tag == "article" or element.get("itemprop") == "articleBody":
        weight += 25
    return weight


def _own_text(element: lxml_html.HtmlElement) -> str:
    """Text of an element that is not inside a nested block (a div's loose text counts)."""
    if element.tag in _PARAGRAPH_TAGS:
        return _text_content(element)
    parts = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str) and child.tag not in _BLOCK_TAGS:
            parts.append(_text_content(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _weight(text: str) -> int:
    """Length that treats one ideograph like a short word, so Chinese and English compare."""
    stripped = " ".join(text.split())
    return len(stripped) + (0 if stripped.isascii() else len(_CJK.findall(stripped)))


def _link_density(
    element: lxml_html.HtmlElement, links: dict[lxml_html.HtmlElement, int] | None = None, total: int | None = None
) -> float:
    """Share of the block's text inside links; ``links`` keeps each link's length for the next
    call while the tree stays as it is, ``total`` is the block's text length when known."""
    if next(element.iterancestors("a"), None) is not None:
        return 1.0  # a teaser card wrapped in a link is all link
    total = _text_length(element) if total is None else total
    if not total:
        return 0.0
    if links is None:
        linked = sum(_visible_length(_text_content(link)) for link in element.iter("a"))
    else:
        linked = 0
        for link in element.iter("a"):
            length = links.get(link)
            if length is None:
                length = links[link] = _visible_length(_text_content(link))
            linked += length
    return min(1.0, linked / total)


def without_notice_boxes(picked: list[Paragraph], notices: list[bool]) -> list[Paragraph]:
    """The paragraphs without the small named boxes a notice stands in: a membership appeal, a
    newsletter box or a paywall's offer sets its call (``HAZTE MIEMBRO``, ``Jetzt abonnieren``) as one
    line and its pitch as the next ones, which read like prose. ``notices`` says which paragraphs the
    line rules take for a notice. A box is the nearest ``div``, ``aside`` or ``section`` with a class or
    an id, a few levels up, holding a few short paragraphs and a small share of the story's text."""
    if not any(notices):
        return picked  # most stories hold no notice
    total = sum(len(paragraph.text) for paragraph in picked)
    boxes: list[lxml_html.HtmlElement] = []
    for paragraph, notice in zip(picked, notices, strict=True):
        if notice and (box := _notice_box(paragraph.element, picked, total)) is not None:
            boxes.append(box)
    if not boxes:
        return picked
    return [
        paragraph
        for paragraph in picked
        if not any(paragraph.element is box or contains(box, paragraph.element) for box in boxes)
    ]


def _notice_box(element: lxml_html.HtmlElement, picked: list[Paragraph], total: int) -> lxml_html.HtmlElement | None:
    for ancestor in islice(element.iterancestors("div", "aside", "section"), _NOTICE_BOX_LEVELS):
        if not (ancestor.get("class") or ancestor.get("id")):
            continue
        inside = [
            paragraph for paragraph in picked if paragraph.element is ancestor or contains(ancestor, paragraph.element)
        ]
        length = sum(len(paragraph.text) for paragraph in inside)
        if len(inside) <= _NOTICE_BOX_PARAGRAPHS and length <= _NOTICE_BOX_CHARS and length < 0.3 * total:
            return ancestor
        return None  # the nearest named box is the story's own: the notice goes alone
    return None


def block_paragraphs(element: lxml_html.HtmlElement) -> list[Paragraph]:
    """All paragraphs of one block, in reading order: for a block chosen by a source's selector."""
    return _walk(element)


def _walk(element: lxml_html.HtmlElement) -> list[Paragraph]:
    walk = _Walk()
    _collect(element, walk, in_link=False)
    walk.flush()
    return _join_drop_caps(walk.paragraphs)


def _join_drop_caps(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """A drop cap set in its own box before the paragraph (``<span>T</span><p>urkey, …``) is
    the paragraph's first letter, not a paragraph."""
    joined: list[Paragraph] = []
    for paragraph in paragraphs:
        previous = joined[-1] if joined else None
        if previous and len(previous.text) == 1 and previous.text.isupper() and paragraph.text[:1].islower():
            joined[-1] = Paragraph(previous.text + paragraph.text, previous.element, paragraph.link_density)
        else:
            joined.append(paragraph)
    return joined


def _collect(element: lxml_html.HtmlElement, walk: _Walk, *, in_link: bool) -> None:
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag == "h1" and not walk.paragraphs:  # the headline is the title field; a later h1 heads a section
        return
    is_block = tag in _BLOCK_TAGS
    if is_block or tag == "br":
        walk.flush()
    link = in_link or tag == "a"
    walk.add(element.text, element, in_link=link)
    for child in element:
        _collect(child, walk, in_link=link)
        walk.add(child.tail, element, in_link=in_link)
    if is_block:
        walk.flush()
