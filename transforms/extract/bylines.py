"""Who wrote the story and which credits stand around it: the info bar above it and the staff line
below (``nearby_credits``), the writers from credit lines, structured data or the visible byline
(``story_authors``), and the names that are no writer's (a copyright holder, a blog's owner)."""

from __future__ import annotations

import re

from lxml import html as lxml_html

from transforms.extract.authors import clean_names, is_full_name, site_hosts
from transforms.extract.lines import Credits, take_info_credits
from transforms.extract.marks import COLON, CREDIT_WINDOW, CREDIT_WINDOW_ABOVE, SPACE, SQUASH
from transforms.extract.metadata import Metadata, copyright_holder, copyright_notices, label_alone
from transforms.extract.teasers import Teasers, is_menu_link

_LEAD_REACH = 15  # elements into the story a byline line may stand (after a lead picture, its caption and links)
# elements; a writer's box may close the page below the story's share row, tags and newsletter box
_BYLINE_REACH_BELOW = 150
# A link to a user's page on the site: a forum's or a CMS's profile of the account that posted.
_USER_PAGE = re.compile(r"userinfo|/users?/|/profile/|/members?/|/author/|/autor/", re.IGNORECASE)
# The labels an info bar may set apart from their values.
_BAR_LABEL_WORDS = r"(?:(?:本文|文章|信息)?(?:来源|來源)于?|出处|出處|稿源|转自|轉自|责任编辑|責任編輯|作者|記者|记者)"
# ``| 来源<span>北港新闻</span>``: a label whose value is the next element; the bar's separator may lead.
_LABEL_ONLY = re.compile(rf"^[\s|｜/]*{_BAR_LABEL_WORDS}\s*[:：]?\s*$")
# A label closing a line whose value is the next element (``发布时间：… 来源：<a>东岸日报</a>``).
_TRAILING_LABEL = re.compile(rf"{_BAR_LABEL_WORDS}\s*[:：]\s*$")


def nearby_credits(teasers: Teasers, credits: Credits) -> None:
    """Credit lines in the info bar above the story or the staff line just below it.

    Portals print ``来源：新华社`` and ``责任编辑：…`` next to the story, outside its block, so
    the scorer leaves them out; they are read from the original tree around the story, nearest
    first, so a page's masthead or another story's bar never wins over the story's own. Only
    labelled parts are taken, which lets the window above reach past a tall header.
    """
    elements = teasers.elements
    content_start, content_end = teasers.content
    above = range(max(0, content_start - CREDIT_WINDOW_ABOVE), content_start)
    nearby = [(content_start - position, elements[position]) for position in above]
    nearby += [(position - content_end, elements[position]) for position in teasers.below]
    for _, element in sorted(nearby, key=lambda item: item[0]):
        if not isinstance(element.tag, str) or element.tag in ("script", "style") or is_menu_link(element):
            continue
        if element in teasers.parts:  # another story's byline: its source or editor line is not the story's either
            continue
        for raw, own_text in ((element.text, True), (element.tail, False)):
            if not raw or not raw.strip():
                continue
            text = raw
            # the value stands apart: ``<span>来源：</span><span>北港新闻</span>``, ``时间：… 来源：<a>东岸日报</a>``
            # every label is in Chinese: ASCII text cannot hold one, nor is it matched for nothing
            if not raw.isascii() and (label := _LABEL_ONLY.match(raw) or _TRAILING_LABEL.search(raw)):
                value = _text_after(element, own_text)
                name = label.group(0).strip().lstrip("|｜/ ").rstrip(":：")
                text = "" if not value or COLON.search(value) else f"{raw[: label.start()]}{name}：{value}"
            if 2 < len(text.strip()) <= 120:
                take_info_credits(text, credits)


def _text_after(element: lxml_html.HtmlElement, own_text: bool) -> str:
    """The text that follows a label: after an element's own text, its first child's text (a
    label opening a bar, ``来源：<a>…</a>``) or, with none, its tail; after its tail, the next
    sibling's text."""
    if own_text:
        first = element[0] if len(element) else None
        if first is not None and isinstance(first.tag, str) and (text := SPACE.sub(" ", first.text_content()).strip()):
            return text[:40]
        tail = element.tail if first is None else None
        if isinstance(tail, str) and tail.strip():
            return tail.strip()
    sibling = element.getnext()
    while sibling is not None and not isinstance(sibling.tag, str):
        sibling = sibling.getnext()
    return SPACE.sub(" ", sibling.text_content()).strip()[:40] if sibling is not None else ""


def story_authors(
    credits: Credits,
    found: Metadata,
    teasers: Teasers,
    credited_source: str | None,
    addresses: tuple[str | None, ...],
) -> list[str]:
    """People credited for the story: the body's own credit lines, else structured data and meta
    tags, else the visible byline nearest above the story's start (or just below its end).

    An outlet named as author (the site itself, the credited agency) is not a person and is
    dropped at every step, so a byline further down the list gets its turn.
    """
    named = (found.site_name, found.publisher, credited_source, found.site_suffix(), *found.accounts)
    outlets = [name for name in named if name]
    hosts = site_hosts(addresses)
    for values in (credits.authors, found.authors):
        if names := clean_names(values, organisations=outlets, hosts=hosts, people=found.people):
            return _shown_in_byline(names, found.bylines) if values is found.authors else names
    order = teasers.order
    start, end = teasers.content
    others = teasers.bylines(found.bylines)
    above = sorted(
        (
            (start - order.get(element, 0), element, text)
            for element, text in found.bylines
            if order.get(element, 0) <= end + _BYLINE_REACH_BELOW and element not in others
        ),
        key=lambda item: (item[0] < 0, abs(item[0])),
    )
    suffix = found.site_suffix()
    for _, element, text in above:
        if element in found.section_bylines:  # the site's section (``股市行情``), no writer
            continue
        # A personal site's ``<title>`` ends in its writer's name (``Post | Code | Anna
        # Berger``): a byline the template marks as a schema.org Person is that writer, not
        # the site's name, so the title's suffix (and the credit that falls back to it) does not
        # veto it. The site's declared name or publisher still does.
        vetoes = outlets
        if suffix and "Person" in (element.get("itemtype") or ""):
            vetoes = [name for name in outlets if name != suffix or name in (found.site_name, found.publisher)]
        if names := clean_names([text], organisations=vetoes, hosts=hosts, people=found.people):
            return names
    if names := _labelled_byline(found, teasers, outlets, hosts):
        return names
    # last, the writer a script or an embedded record names (``author: '林晓'``), which the page shows nowhere
    return clean_names([found.script_author], organisations=outlets, hosts=hosts) if found.script_author else []


def _shown_in_byline(names: list[str], bylines: list[tuple[lxml_html.HtmlElement, str]]) -> list[str]:
    """The stated writers the page's marked bylines show, when they show some but not all: a CMS
    states the account that posted the story (a graph's ``Person``) beside the writers its byline
    names (``By Anna Berger, Tom Weller``), and the account is no writer of it."""
    shown_text = "|".join(SQUASH.sub("", text).casefold() for _, text in bylines)
    shown = [name for name in names if SQUASH.sub("", name).casefold() in shown_text]
    return shown if shown else names


def without_holders(names: list[str], found: Metadata, markup: str) -> list[str]:
    """Names after the first that the copyright notice holds (``Anna Berger, Example Media Group``: the
    meta tag gives the publisher beside the record's writer). The first stays: a personal blog's
    notice holds its writer."""
    if len(names) < 2:
        return names
    notices = [notice.casefold() for notice in (found.copyright, *copyright_notices(markup)) if notice]
    return names[:1] + [name for name in names[1:] if not any(name.casefold() in notice for notice in notices)]


def blog_owner(found: Metadata, markup: str) -> list[str]:
    """The owner of a personal blog, on a post that credits nobody: the blog's header (its first
    ``<h1>``) and its copyright notice both give one person's name (``<h1>陈思远</h1>`` …
    ``Copyright © 陈思远``), or the ``<title>`` names whose blog it is (``…_林晓的博客_博客频道``).
    A portal's notice names its company, which is no person, and a site whose logo heading and
    notice give its brand (``东岸`` of og:site_name ``东岸网``) is no owner."""
    declared = [name for name in (found.site_name, found.publisher) if name]
    heading = SPACE.sub("", found.top_heading or "")
    if 0 < len(heading) <= 4 and copyright_holder(markup) == heading:
        return clean_names([heading], organisations=declared)
    owner = found.blog_in_title()
    return clean_names([owner], organisations=declared) if owner else []


def _labelled_byline(
    found: Metadata,
    teasers: Teasers,
    outlets: list[str],
    hosts: frozenset[str],
) -> list[str]:
    """Full names on a line no class marks but a byline label opens (``<p>Von Anna Berger</p>``),
    above the story, among its first lines or in the staff line just below it. Only full names
    count: a heading such as ``Von Menschen und Mäusen`` opens with the same word, and German
    capitalises its nouns. A label alone in its element (``<b>Von</b> Bad Homburg nach Frankfurt``,
    a route) and a line below the story (a teaser's, an info box's) need each name in a full
    name's shape, a given name and a family name or two; a line opening with its label runs on
    into the name, as bylines are written. A line below the story in a teaser (after a heading
    there, in a link list or a row of linked headlines) is that teaser's writer."""
    order = teasers.order
    start, end = teasers.content
    near = sorted(
        (
            (abs(start - position), text, element, position >= end)
            for element, text in found.labelled_bylines
            if (position := order.get(element)) is not None
            and (
                start - CREDIT_WINDOW_ABOVE <= position <= start + _LEAD_REACH or end <= position <= end + CREDIT_WINDOW
            )
            and element not in teasers.parts
        ),
        key=lambda item: item[:2],
    )
    for _, text, element, below in near:
        names = clean_names([text], organisations=outlets, hosts=hosts, people=found.people)
        strict = below or label_alone(element)
        if names and all(" " in name and (not strict or is_full_name(name)) for name in names):
            return names
        if len(names) == 1 and not below and _links_account(element, names[0]):
            return names
    return []


def _links_account(element: lxml_html.HtmlElement, name: str) -> bool:
    """``Geschrieben von <a href="…/users/6">Moorläufer</a>``: a labelled line whose one
    name links to the poster's page on the site is that account's post, a pen name or not; a
    heading that opens with the same label links to no user's page."""
    return any(
        _USER_PAGE.search(link.get("href") or "") and SPACE.sub(" ", link.text_content()).strip() == name
        for link in element.iter("a")
    )
