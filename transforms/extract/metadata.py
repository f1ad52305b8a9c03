"""Fields a page states about itself: JSON-LD, Open Graph and meta tags, ``<title>``, ``<h1>``.

Read from the tree before the cleaner drops ``<head>`` and bylines. Structured data is
preferred because sites fill it for search engines and it rarely carries chrome; ``<title>``
is the last resort because it usually ends in the site's name (" - XX网", "_XX新闻").
"""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from lxml import etree
from lxml import html as lxml_html

from transforms.extract.folding import lowers_exactly

_ARTICLE_TYPES = frozenset(
    (
        "article",
        "newsarticle",
        "reportagenewsarticle",
        "blogposting",
        "analysisnewsarticle",
        "webpage",
        "opinionnewsarticle",
        "liveblogposting",
        "socialmediaposting",
        "report",
        "scholarlyarticle",
    )
)
# Works outside the article family that sites still date and sign (a recipe, a how-to, a clip's
# page): trusted only as the page's own item (``_own_work``), since a page embeds others' clips.
_WORK_TYPES = frozenset(("recipe", "howto", "videoobject", "audioobject", "podcastepisode", "creativework"))
_SEPARATORS = r"[-_|–—·:：]"
# a day written whole, in an order no reader can take the wrong way round (no ``01/02/2020``)
_BARE_DAY = re.compile(r"\d{1,2}\.\d{1,2}\.(?:19|20)\d\d|(?:19|20)\d\d-\d\d-\d\d")
_SITE_WORDS = (
    r"网|网站|新闻|新闻网|日报|晚报|早报|时报|报|频道|中心|在线|门户|官网|政府|头条|快讯|资讯|客户端|电视台|"
    r"網|網站|新聞|新聞網|日報|晚報|時報|報|頻道|電視台|"
    r"News|Times|Post|Herald|Tribune|Journal|Daily|Online|\.com|\.cn|\.net"
)
# A site's name holds no sentence punctuation: ``林晓：产业结构扭曲，没将产品作为中心`` ends in a site
# word (``中心``) but is the headline's second clause, not a suffix.
_TITLE_SUFFIX = re.compile(rf"\s*{_SEPARATORS}+\s*[^-_|–—·，。！？；,!?;]{{1,30}}?(?:{_SITE_WORDS})\s*$", re.IGNORECASE)
_SPACE = re.compile(r"\s+")
_CLAUSE_MARK = re.compile(r"[，。！？；]")
_OWNED_BLOG = re.compile(
    r"^(?P<owner>[^\s的，。！？；]{2,12}?)的(?:个人|個人)?(?:博客|专栏|專欄|空间|空間|日志|日誌|部落格|网志|網誌|blog)$",
    re.IGNORECASE,
)
_NON_WORD = re.compile(r"\W+")
_HCARD = re.compile(r"(?<![\w-])(?:vcard|fn)(?![\w-])")
_TAG = re.compile(r"<[^>]*>")
_NOT_BYLINE_TAGS = frozenset(
    ("html", "head", "body", "meta", "link", "script", "style", "img", "article", "main", "form")
)
# The words a template's class names its byline with, each with the forms that count: the cheap
# test that picks the candidates (the word anywhere in the class) and the finer pattern are both
# built from this table, so the two never disagree.
_BYLINE_FORMS = {
    "byline": r"byline",
    "author": r"\bauthors?\b|author[-_]?name|\bauthor[-_]|[-_]author\b",
    "autor": r"\bautor(?:in|en\w*)?\b",
    "auteur": r"\bauteurs?\b",
    "writer": r"(?<![a-z])writer(?![a-z])",
    "zuozhe": r"(?<![a-z])zuozhe(?![a-z])",
}
_BYLINE_STEM = re.compile("|".join(_BYLINE_FORMS))
_BYLINE_CLASS = re.compile("|".join(_BYLINE_FORMS.values()))
_BYLINE_EXCLUDE = re.compile(
    r"comment|avatar|photo|\bimg|image|pic|\bbio|desc|about|follow|social|icon|(?<!v)card|profile|related|recommend|"
    r"footer|sidebar|widget|more|list|authorization|caption|cutline|menu",
)
# A name inside a picture's caption or licence box is the photographer's or a teaser's, not the story's writer;
# a bare ``caption`` class is left alone: some templates call the whole headline block so.
_PICTURE_BOX = re.compile(r"figcaption|cutline|licen[cs]e", re.IGNORECASE)
# A line that opens with a byline's label in one of the site's languages: ``By``, ``Von``, ``Por``…, or
# the label alone in its element (``<span>By</span><span><a>J.R. Roth</a></span>``): its parent shows the line.
# ``Geschrieben von``, ``Posted by``: a verb of writing before the word opens a byline too;
# ``بقلم`` (by the pen of) and ``حوار:`` (interview:) open an Arabic one.
_BYLINE_LABEL = re.compile(
    r"^\s*(?:(?:By|BY|Von|Por|POR|Par|PAR|Door|Av)\s*:?|(?:Geschrieben|Verfasst|Written|Posted|Publicado|Escrito|Publié|Écrit)"
    r"\s+(?:von|by|por|par)\s*:?|Text von|Text:|Autor:|Autorin:|بقلم\s*:?|حوار\s*:)(?:\s|$)"
)
# `` Quelle: Beispielnetz``: the next labelled field of an info bar, after the byline's own.
_NEXT_FIELD = re.compile(r"\s+[A-ZÀ-Þ][^\W\d_]{2,}\s*:\s.*$")
_LINE_TAGS = ("p", "div", "span", "em", "strong", "b", "i", "small", "address", "h4", "h5", "h6")
_EDITION_PREFIX = re.compile(
    r"^[^-_|–—:：]{2,16}?(?:数字报|數字報|电子报|電子報|电子版|電子版|数字版|數字版|e-?paper)\s*[-_|–—:：]+\s*",
    re.IGNORECASE,
)
_FOOTER_CHARS = 12_000
_COPYRIGHT_MARKS = ("版权所有", "版權所有", "©", "&copy;", "&#169;", "copyright", "(c)")
_SCRIPT_OR_STYLE = re.compile(r"<(script|style)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
# A Chinese name only: in Latin-script footers the sign credits photos and scripts as often as the site.
_HOLDER = r"(?P<name>[\u4e00-\u9fff][\u4e00-\u9fff0-9A-Za-z（）()·.-]{1,29})"
_COPYRIGHT = re.compile(
    r"(?:(?:版权所有|版權所有)\s*[:：]?\s*(?:(?:(?i:copyright)|©|\([cC]\))\s*)*|(?:(?:(?i:copyright)|©|\([cC]\))\s*)+)"
    r"(?:\d{4}(?:\s*[-–—]\s*\d{4})?\s*)?" + _HOLDER
)
_COPYRIGHT_SIGN = re.compile(r"©|\((?:c|C)\)|(?i:copyright)")
_COPYRIGHT_AFTER = re.compile(r"(?P<name>[\u4e00-\u9fff]{2,20})(?:版权所有|版權所有)")  # written as one word
_NOT_A_HOLDER = re.compile(r"必究|ICP|备案|備案|保留|所有权利")  # ``版权所有 复制必究``, a licence number
_COPYRIGHT_TAIL = re.compile(r"\s+(?:All|Inc|Ltd|Limited|Co)\b.*$|(?:版权所有|版權所有).*$")
_TITLE_SEGMENTS = re.compile(r"\s+[-|–—:@]\s+|::|\s*[_|｜]\s*|:\s")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
_TITLE_PARTS = re.compile(r"\s+[-|–—]\s+|\s*[_|｜]\s*|\s*-{2,}\s*")
_SOURCE_LABEL = re.compile(
    r"^(?:本文|文章|稿件|新闻)?(?:来源|來源|source|quelle|fuente|fonte|from|源自)\s*[:：]\s*", re.IGNORECASE
)
_QUOTED_DATE = re.compile(
    r"""["'](?P<value>\d{10}(?:\d{3})?|(?:19|20)\d{2}-\d{1,2}-\d{1,2}"""
    r"""(?:[ T]\d{1,2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?)["']"""
)
_SCRIPT_DATE_KEY = re.compile(
    r"""\b(?:publish_?time|pub_?time|pub_?date|publish_?date|date_?published|create_?time|ct)["']?\s*[:=]\s*["']$""",
    re.IGNORECASE,
)
_SCRIPT_CREDIT = re.compile(  # the lookahead lets the scan skip to a key's first letter: 2.4x faster on big scripts
    r"""(?=[scmera])\b(?P<key>source(?:_?name)?|copyfrom|media_?name|(?:responsible_?)?editor(?:_?name)?|author(?:_?name)?)"""
    r"""["']?\s*[:=]\s*["'](?P<value>[^"'\\<>{}]{2,30})["']""",
    re.IGNORECASE,
)
_CREDIT_KEY_STARTS = ("source", "copyfrom", "media", "editor", "responsible", "author")  # each key's first letters
# ``var nickname = "…"``, or as newer templates write it, ``var nickname = htmlDecode("A&amp;B观察")``.
_SCRIPT_ACCOUNT = re.compile(r"""\bvar\s+nickname\s*=\s*(?:htmlDecode\(\s*)?["'](?P<value>[^"'\\<>{}]{2,60})["']""")
_ACCOUNT_MARK = re.compile(r"account|authenticat|\bvip\b|-vip\b|nickname|fans", re.IGNORECASE)
_NAME_CLASS = re.compile(r"name", re.IGNORECASE)
_NAME_LIKE = re.compile(r"[\u4e00-\u9fff]|^[A-Z][\w.&' -]+$")
_EPOCH_FLOOR, _EPOCH_CEILING = 946_684_800, 4_102_444_800  # 2000-01-01 .. 2100-01-01
_LOGO_MARK = re.compile(r"logo|brand|masthead|site-?(?:title|name)", re.IGNORECASE)
_CDATA = re.compile(r"^\s*(?://\s*)?<!\[CDATA\[|(?://\s*)?\]\]>\s*$")


@dataclass
class Metadata:
    """What the page says about the article, each value as found (dates still raw text)."""

    titles: list[str] = field(default_factory=list)
    headline: str | None = None
    page_title: str | None = None
    published: list[tuple[str, str]] = field(default_factory=list)  # (date_source, raw value); scripts': below
    modified: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    site_name: str | None = None
    copyright: str | None = None  # ``<meta name="copyright">``, as written
    canonical_url: str | None = None
    image_url: str | None = None
    source: str | None = None
    publisher: str | None = None
    language: str | None = None  # ``<html lang>``, the page's own word on its language
    script_source: str | None = None  # ``source: '某某网'`` in a page's script or embedded record
    script_editor: str | None = None
    script_author: str | None = None  # ``author: '林晓'``, ``"authorName": "…"``: the least trusted writer's name
    bylines: list[tuple[lxml_html.HtmlElement, str]] = field(default_factory=list)  # (element, text) as shown
    # ``<p>Von Anna Roth</p>``: a line no class marks, which a byline label opens
    labelled_bylines: list[tuple[lxml_html.HtmlElement, str]] = field(default_factory=list)
    source_marks: list[tuple[lxml_html.HtmlElement, str]] = field(default_factory=list)  # ``class="source"`` texts
    accounts: list[str] = field(default_factory=list)  # the platform account that posted the story
    # Bylines that are a link of the site's menu, the same words to the same page: an author box
    # filled with the story's section (``股市行情``), no writer.
    section_bylines: set[lxml_html.HtmlElement] = field(default_factory=set)
    # Names the page marks as a person: a JSON-LD ``Person`` (or a graph's ``…/schema/person/…``), an
    # hCard's ``fn``, a byline linking to an author's page. A site's brand is never marked so.
    people: list[str] = field(default_factory=list)
    declares_article: bool = False  # og:type ``article``/``video`` or a JSON-LD item of the article family
    story_text: str | None = None  # the longest ``articleBody`` an article-family JSON-LD item states
    top_heading: str | None = None  # the first ``<h1>``'s text, a logo's or a blog's name included
    headline_element: lxml_html.HtmlElement | None = None  # the ``<h1>`` the ``<title>`` or og:title repeats
    descriptions: list[str] = field(default_factory=list)  # ``<meta name="description">``, og: and twitter:
    scripts: list[_Script] = field(default_factory=list, repr=False)

    def blog_in_title(self) -> str | None:
        """Whose blog the ``<title>`` says the page is on (``…_林晓的博客_某某博客``, ``… - 林晓的专栏 -
        CSDN博客``): a blog platform names each blog after its keeper. The first part is the post's own
        title, which may speak of anyone's blog."""
        for part in _TITLE_PARTS.split(self.page_title or "")[1:]:
            if match := _OWNED_BLOG.match(part.strip()):
                return match.group("owner")
        return None

    def script_dates(self) -> Iterator[str]:
        """Publish times the page keeps only in a script, the least trusted of its stated dates:
        scanned (tens of kilobytes a page) only when no date stated before them gives the time."""
        return _script_dates(self.scripts)

    def site_suffix(self) -> str | None:
        """The site's name as the ``<title>`` ends (``…_某网财经`` → ``某网财经``), if it ends so. A
        part with a sentence's comma or stop is the headline after a column's name (``书记市长这一周 |
        奋马扬鞭争春色，“虎”力全开向未来``), no site's name."""
        parts = _TITLE_PARTS.split(self.page_title or "")
        last = parts[-1].strip() if len(parts) > 1 else ""
        return last if 2 <= len(last) <= 20 and not _CLAUSE_MARK.search(last) else None


_PUBLISHED_META = frozenset(
    name.lower()
    for name in (
        "article:published_time",
        "og:published_time",
        "og:article:published_time",
        "pubdate",
        "publishdate",
        "publish_date",
        "publish-date",
        "datePublished",
        "dc.date",
        "dc.date.issued",
        "dcterms.created",
        "sailthru.date",
        "parsely-pub-date",
        "date",
        "publishtime",
        "pubtime",
        "firstpublishedtime",
        "article.published",
        "cxenseparse:recs:publishtime",
        "bt:pubdate",
        "og:release_date",
    )
)
_MODIFIED_META = frozenset(
    (
        "article:modified_time",
        "og:updated_time",
        "datemodified",
        "dateupdate",
        "dcterms.modified",
        "lastmodifiedtime",
        "article.updated",
        "dateupdated",
    )
)
_AUTHOR_META = frozenset(
    (
        "author",
        "article:author",
        "dc.creator",
        "dcterms.creator",
        "byl",
        "parsely-author",
        "sailthru.author",
        "shareaholic:article_author_name",
        "cxenseparse:author",
        "og:article:author",
    )
)


def read_metadata(tree: lxml_html.HtmlElement) -> Metadata:
    """Every field the page's head and structured data state."""
    found = Metadata()
    scripts = _scripts(tree)
    records = list(_json_ld(scripts))
    # ``"author": {"@id": "…#/schema/person/…"}``: a graph names its people once, by reference.
    named = {
        key: name
        for item in records
        if isinstance(key := item.get("@id"), str) and isinstance(name := item.get("name"), str)
    }
    found.people = [name for item in records if _is_person_item(item) and isinstance(name := item.get("name"), str)]
    for data in records:
        _take_json_ld(data, found, named)
    og_title = _take_meta(tree, found)
    found.descriptions = _descriptions(tree)
    marked = _marked_elements(tree)
    found.scripts = scripts
    found.script_source, found.script_editor, found.script_author = _script_credits(scripts)
    for link in tree.iter("link"):  # a walk filtered in C is cheaper than compiling an XPath per page
        href = link.get("href") if link.get("rel") == "canonical" else None
        if href is not None and href.startswith(("http://", "https://")):
            found.canonical_url = href.strip()
            break
    if og_title:
        found.titles.append(og_title)
    headings = list(tree.iterdescendants("h1"))
    found.top_heading = _heading_text(headings[0]) if headings else None
    heading = next((h1 for h1 in headings if not _is_logo_heading(h1)), None)
    found.language = (tree.get("lang") or tree.get("xml:lang") or "").strip() or None
    for element, text in _visible_bylines(marked.bylines):
        if account := _account_name(element):
            found.accounts.append(account)
        else:
            found.bylines.append((element, text))
    found.accounts.extend(_script_accounts(scripts))
    found.section_bylines = _section_bylines(tree, [element for element, _ in found.bylines])
    found.people.extend(text for element, text in found.bylines if _marks_person(element))
    found.labelled_bylines = [
        (element, text) for element in marked.labelled if 4 <= len(text := _labelled_line(element)) <= 80
    ]
    found.source_marks = list(_source_marks(marked.sources))
    title = next(tree.iterdescendants("title"), None)
    if title is not None and title.text:
        found.page_title = _SPACE.sub(" ", title.text).strip() or None
    titles = [title for title in (og_title, found.page_title) if title]
    h1 = _heading_text(heading) if heading is not None else ""
    story_heading = heading
    if not h1 or not any(_squash(h1) in _squash(title) for title in titles):
        # no <h1>, or one the title tag does not repeat (a logo, a column's name): look a level down
        subheading = _titled_subheading([*tree.iter("h2", "h3"), *marked.titles], titles)
        story_heading = subheading if subheading is not None else heading
        found.headline = (_heading_text(subheading) if subheading is not None else h1) or None
    else:
        found.headline, found.headline_element = h1, heading
    found.published.extend(("meta", value) for value in _marked_dates(marked, story_heading))
    found.modified.extend(_marked_modified(marked))
    found.published.extend(("meta", day) for day in _title_dates([og_title or "", found.page_title or ""]))
    if not any(source == "json-ld" for source, _ in found.published):
        _take_own_work(records, found, [og_title or "", found.page_title or "", found.headline or ""])
    return found


def _title_dates(titles: list[str]) -> Iterator[str]:
    """The day a ``<title>`` or og:title ends in, as a part of its own (``Headline | DW | 19.01.2020``):
    the template dates the story there, where its date line may be set apart from any label."""
    for title in titles:
        parts = _TITLE_PARTS.split(title)
        if len(parts) > 1 and _BARE_DAY.fullmatch(last := parts[-1].strip()):
            yield last
            return


def _take_own_work(records: list[dict[str, object]], found: Metadata, titles: list[str]) -> None:
    """The date and the people of a work outside the article family (``Recipe``, ``HowTo``,
    ``VideoObject``) that is the page's own item: marked the main entity of the page, or named as
    its ``<h1>``, og:title or ``<title>`` name it. A clip embedded beside a story is another's."""
    keys = [_squash(title) for title in titles if _squash(title)]
    for item in records:
        kind = item.get("@type")
        kinds = [k.rsplit("/", 1)[-1].lower() for k in _as_list(kind) if isinstance(k, str)]
        if _WORK_TYPES.isdisjoint(kinds) or not isinstance(published := item.get("datePublished"), str):
            continue
        name = item.get("headline") or item.get("name")
        named = _squash(name) if isinstance(name, str) else ""
        if not (item.get("mainEntityOfPage") or (len(named) >= 4 and any(named in key for key in keys))):
            continue
        found.published.append(("json-ld", published))  # below the page's meta tags, which date the post
        if isinstance(modified := item.get("dateModified"), str):
            found.modified.append(modified)
        for author in _as_list(item.get("author")):
            if isinstance(author, dict) and _is_person_item(author) and isinstance(person := author.get("name"), str):
                found.people.append(person.strip())
                found.authors.append(person.strip())
        return


def _marked_dates(marked: _Marked, heading: lxml_html.HtmlElement | None) -> Iterator[str]:
    """The publish times the page's elements state: ``<time datetime>``, ``itemprop="datePublished"``,
    then a time attribute of the story's wrapper (the element around its headline)."""
    for node in marked.dates:
        props = (node.get("itemprop") or "").split()
        if not {"dateModified", "dateUpdated"} & set(props) and (value := _stated_time(node)):
            yield value
    if heading is not None and (stamped := marked.stamped_time(heading)):
        yield stamped


def _marked_modified(marked: _Marked) -> Iterator[str]:
    """The update times elements state (``<abbr itemprop="dateModified" title="…">``)."""
    for node in marked.dates:
        if (node.get("itemprop") or "").split() == ["dateModified"] and (value := _stated_time(node)):
            yield value


def _stated_time(node: lxml_html.HtmlElement) -> str | None:
    """An element's machine-readable time: ``datetime``, ``content``, then the ``title`` a
    microformat's ``<abbr itemprop="datePublished" title="2016-12-06T12:06:00-08:00">12:06 PM</abbr>``
    keeps the full time and offset in, then its own text (``<span itemprop="datePublished">6 December
    2016</span>``)."""
    for value in (node.get("datetime"), node.get("content"), node.get("title")):
        if isinstance(value, str) and value.strip():
            return value.strip()
    text = (node.text or "").strip() if len(node) == 0 else ""
    return text if 6 <= len(text) <= 60 else None


def _take_meta(tree: lxml_html.HtmlElement, found: Metadata) -> str | None:
    """Fill ``found`` from ``<meta>`` tags; return og:title, which ranks below JSON-LD's headline."""
    og_title = None
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        value = (meta.get("content") or "").strip()
        if not key or not value:
            continue
        if key in _PUBLISHED_META:
            found.published.append(("meta", value))
        elif key in _MODIFIED_META:
            found.modified.append(value)
        elif key in ("og:title", "twitter:title") and og_title is None:
            og_title = value
        elif key in ("contentsource", "source", "article:source", "mediaid") and found.source is None:
            found.source = value
        elif key in ("og:site_name", "sitename", "application-name") and found.site_name is None:
            found.site_name = value
        elif key in ("og:image", "twitter:image", "twitter:image:src") and found.image_url is None:
            found.image_url = value
        elif key in ("copyright", "dcterms.rightsholder", "dc.rights") and found.copyright is None:
            found.copyright = value
        elif key == "og:url" and found.canonical_url is None and value.startswith(("http://", "https://")):
            found.canonical_url = value
        elif key == "og:type":
            # a clip's page (``video``, ``video.other``) is one item too: its description is the story
            found.declares_article = found.declares_article or value.lower().split(".")[0] in ("article", "video")
        elif key in _AUTHOR_META and not value.startswith(("http://", "https://")):
            found.authors.append(value)
    return og_title


def _descriptions(tree: lxml_html.HtmlElement) -> list[str]:
    """What ``<meta name="description">``, og:description and twitter:description say, in page order."""
    keys = ("description", "og:description", "twitter:description")
    found = []
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or "").strip().lower()
        if key in keys and (value := (meta.get("content") or "").strip()):
            found.append(value)
    return found


def best_title(found: Metadata, hint: str | None) -> str | None:
    """The headline without the site's name: structured data, then ``<h1>``, ``<title>``, the hint.

    An ``<h1>`` is trusted only when the ``<title>`` or og:title contains it: many templates
    put the site's logo or a section name in the only ``<h1>``.
    """
    structured = [strip_edition_prefix(strip_site_suffix(title)) for title in found.titles if title]
    page_title = strip_edition_prefix(strip_site_suffix(found.page_title)) if found.page_title else None
    headline = strip_edition_prefix(found.headline) if found.headline else None
    context = " ".join(filter(None, [*found.titles, found.page_title or ""]))
    if (
        headline
        and 4 <= len(headline) <= 200
        and _squash(headline) in _squash(context)
        and not _is_site_name(headline, found)
    ):
        return headline
    if page_title and found.page_title and (described := _described_part(found.page_title, found.descriptions)):
        page_title = described
    if headline and page_title and _is_site_name(headline, found):  # ``Blog name: Post title``
        page_title = re.sub(rf"^{re.escape(headline)}\s*{_SEPARATORS}+\s*", "", page_title) or page_title
    for candidate in (*structured, page_title, hint, headline):
        if candidate:
            return candidate
    return None


def _described_part(page_title: str, descriptions: list[str]) -> str | None:
    """The part of a ``<title>`` of several (``Club name - Story heading - Section - News``) that
    the page's description repeats word for word, when it is the longest part: a template that
    fills the description with the heading shows which part is the story's. A site's stock
    description is its name, which is rarely longer than the heading."""
    parts = [part.strip() for part in _TITLE_PARTS.split(page_title) if part.strip()]
    if len(parts) < 2:
        return None
    said = {_squash(text) for text in descriptions}
    longest = max(parts, key=len)
    return longest if len(longest) >= 4 and _squash(longest) in said else None


def _titled_subheading(candidates: list[lxml_html.HtmlElement], titles: list[str]) -> lxml_html.HtmlElement | None:
    """The first ``<h2>``/``<h3>``, then the first element classed as a title (``<span
    class="Title">``), that is most of the ``<title>`` or og:title: templates that spend no
    ``<h1>`` on the headline set it elsewhere, while a section name there (``热点新闻``) is at most
    a small part of the title tag. A heading cut short (``Undermining road…``) is a teaser's,
    unless the title tag ends the same way."""
    keys = [_squash(title) for title in titles]
    for candidate in candidates:
        text = _heading_text(candidate)
        key = _squash(text)
        if len(text) < 4 or not any(key in title and 2 * len(key) >= len(title) for title in keys):
            continue
        if not text.endswith(("…", "...")) or any(text in title for title in titles):
            return candidate
    return None


def _is_logo_heading(heading: lxml_html.HtmlElement) -> bool:
    """An ``<h1>`` a template spends on the site's logo or name (``<h1 class="topbar__logo__title">``),
    marked so on itself or on the block around it: never the story's headline."""
    parent = heading.getparent()
    marks = [heading.get("class"), heading.get("id")]
    if parent is not None:
        marks += [parent.get("class"), parent.get("id")]
    return any(_LOGO_MARK.search(mark) for mark in marks if mark)


def strip_edition_prefix(title: str) -> str:
    """``某某日报数字报-标题`` → ``标题``: an e-paper's edition name before the headline."""
    shorter = _EDITION_PREFIX.sub("", title).strip()
    return shorter if len(shorter) >= 4 else title


def _is_site_name(headline: str, found: Metadata) -> bool:
    """A logo or blog name in the ``<h1>``: the site's own name, or one part of a ``<title>``
    whose other part is at least twice as long (``Blog Name: A post's much longer title``)."""
    key = _squash(headline)
    if any(key == _squash(name) for name in (found.site_name, found.publisher) if name):
        return True
    parts = [_squash(part) for part in _TITLE_SEGMENTS.split(found.page_title or "") if _squash(part)]
    return len(parts) > 1 and key in parts and any(len(part) >= 2 * len(key) for part in parts if part != key)


def _heading_text(heading: lxml_html.HtmlElement) -> str:
    """The ``<h1>``'s text with a space where its parts meet (``<span>Live</span><span>Title</span>``),
    never inside CJK text, where words are not spaced."""
    pieces = [piece for piece in heading.itertext() if piece]
    text = ""
    for piece in pieces:
        if text and not text[-1].isspace() and not piece[0].isspace() and _needs_space(text[-1], piece[0]):
            text += " "
        text += piece
    return _SPACE.sub(" ", text).strip()


def _needs_space(left: str, right: str) -> bool:
    return (left.isalnum() or left in ".:!?") and right.isalnum() and not (_CJK.match(left) or _CJK.match(right))


def strip_site_suffix(title: str) -> str:
    """``标题 - XX网`` → ``标题``; repeated for ``标题_频道_XX网``, never down to nothing."""
    current = _SPACE.sub(" ", title).strip()
    for _ in range(3):
        shorter = _TITLE_SUFFIX.sub("", current).strip()
        if shorter == current or len(shorter) < 4:
            break
        current = shorter
    return current


def _footer_text(markup: str) -> str | None:
    """The text of the end of the markup, where footers are, without scripts and tags; ``None``
    when it holds no copyright mark (most pages), which spares the tag stripping."""
    end = markup[-_FOOTER_CHARS:]
    lowered = end.lower()
    if not any(mark in lowered for mark in _COPYRIGHT_MARKS):
        return None
    tail = _TAG.sub(" ", _SCRIPT_OR_STYLE.sub(" ", end))
    entities = tail.replace("&amp;", "&").replace("&copy;", "©").replace("&#169;", "©").replace("&nbsp;", " ")
    return _SPACE.sub(" ", entities)


def copyright_notices(markup: str) -> list[str]:
    """What follows each copyright sign in the footer (``© 2019 Condé Nast. All rights reserved``),
    a line's worth, in any script: the names of those who hold the site."""
    tail = _footer_text(markup)
    return [tail[match.end() : match.end() + 80] for match in _COPYRIGHT_SIGN.finditer(tail)] if tail else []


def copyright_holder(markup: str) -> str | None:
    """The Chinese name in the page's copyright notice (``版权所有 某某医院``, ``© 2010 - 2016 明日大盘``,
    ``新华网版权所有``): the publisher, for a page that names itself nowhere else. Read from the end
    of the markup, where footers are, without scripts and tags; the last notice wins."""
    tail = _footer_text(markup)
    if tail is None:
        return None
    notices = [*_COPYRIGHT.finditer(tail), *_COPYRIGHT_AFTER.finditer(tail)]
    names = [match.group("name") for match in sorted(notices, key=lambda match: match.start())]
    cleaned = [_COPYRIGHT_TAIL.sub("", name).strip(" .,，。-_|&") for name in names]
    held = [name for name in cleaned if 2 <= len(name) <= 30 and not _NOT_A_HOLDER.search(name)]
    return held[-1] if held else None


def _squash(text: str) -> str:
    return _NON_WORD.sub("", text).lower()


@dataclass(frozen=True)
class _Script:
    """One ``<script>``: its ``type`` as written and its text.

    Each read of an element's ``.text`` copies the whole string out of the tree again, and a
    page's scripts run to tens of kilobytes, so the four script scans share one read.
    """

    type: str | None
    text: str


def _scripts(tree: lxml_html.HtmlElement) -> list[_Script]:
    return [_Script(script.get("type"), script.text or "") for script in tree.iter("script")]


def _json_ld(scripts: list[_Script]) -> Iterator[dict[str, object]]:
    for script in scripts:
        if script.type != "application/ld+json":
            continue
        try:
            data = json.loads(_CDATA.sub("", script.text))
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                if "@graph" in item:
                    stack.append(item["@graph"])
                if isinstance(item.get("mainEntity"), dict | list):  # ``WebPage`` whose ``mainEntity`` is the article
                    stack.append(item["mainEntity"])
                yield item


def _is_article_type(kind: str) -> bool:
    """Schema.org's article family by name: every ``…Article``/``…Posting`` (``LiveBlogPosting``,
    ``ReportageNewsArticle``, ``BackgroundNewsArticle``…) and the reviews a fact-checker publishes."""
    kind = kind.rsplit("/", 1)[-1].rsplit(":", 1)[-1].lower()
    return kind in _ARTICLE_TYPES or kind.endswith(("article", "posting")) or kind in ("claimreview", "review")


def _take_json_ld(item: dict[str, object], found: Metadata, named: dict[str, str]) -> None:
    kind = item.get("@type")
    kinds = [k for k in (kind if isinstance(kind, list) else [kind]) if isinstance(k, str)]
    if not any(_is_article_type(k) for k in kinds):
        return
    found.declares_article = True
    if isinstance(body := item.get("articleBody"), str) and len(body) > len(found.story_text or ""):
        found.story_text = body
    if isinstance(published := item.get("datePublished"), str):
        found.published.insert(0, ("json-ld", published))
    if isinstance(modified := item.get("dateModified"), str):
        found.modified.insert(0, modified)
    if isinstance(headline := item.get("headline"), str) and headline.strip():
        found.titles.insert(0, headline.strip())
    for author in _as_list(item.get("author")):
        name = author.get("name") or named.get(str(author.get("@id"))) if isinstance(author, dict) else author
        if isinstance(author, dict) and _is_person_item(author) and isinstance(name, str):
            found.people.append(name)
        for each in _as_list(name):  # a CMS may give several names, even as links
            if isinstance(each, str) and (text := _TAG.sub("", each).strip()):
                found.authors.append(text)
    publisher = item.get("publisher")
    if isinstance(publisher, dict) and isinstance(name := publisher.get("name"), str) and name.strip():
        found.publisher = found.publisher or name.strip()
        found.site_name = found.site_name or name.strip()
    image = item.get("image")
    for candidate in _as_list(image):
        value = candidate.get("url") if isinstance(candidate, dict) else candidate
        if isinstance(value, str) and value.startswith(("http://", "https://")) and not found.image_url:
            found.image_url = value


def _is_person_item(item: dict[str, object]) -> bool:
    """A JSON-LD item that is a person: typed ``Person`` or named by a graph's person id."""
    kind = item.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return "Person" in kinds or "/schema/person/" in str(item.get("@id") or "")


def _marks_person(element: lxml_html.HtmlElement) -> bool:
    """A byline an hCard marks (``class="vcard"``, ``class="fn"``) or that links to an author's page
    (``/author/mady``): the template shows a person there, not the site's brand."""
    return any(_HCARD.search(node.get("class") or "") for node in element.iter(etree.Element)) or any(
        "/author/" in (link.get("href") or "") for link in element.iter("a")
    )


def _as_list(value: object) -> list[object]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _script_dates(scripts: list[_Script]) -> Iterator[str]:
    """Publish times a page keeps only in a script (``var ct = "1581418070"``, ``publish_time:
    "2019-09-07 13:43"``) and writes into the page when it runs, as public-account articles do."""
    for script in scripts:
        text = script.text
        if (script.type or "").lower() == "application/ld+json" or not text:
            continue
        for quoted in _QUOTED_DATE.finditer(text):  # cheap: values first, then their keys
            if not _SCRIPT_DATE_KEY.search(text, max(0, quoted.start() - 40), quoted.start() + 1):
                continue
            value = quoted.group("value")
            if value.isdigit():
                seconds = int(value[:10])
                if _EPOCH_FLOOR <= seconds <= _EPOCH_CEILING:
                    yield f"@{seconds}"  # an instant; ``parse_date`` shows it in the site's zone
            else:
                yield value


def _script_credits(scripts: list[_Script]) -> tuple[str | None, str | None, str | None]:
    """The ``source``, ``editor`` and ``author`` a page's scripts or embedded records (``__NEXT_DATA__``,
    a portal's article variables) give for the story; the first of each that reads as a name."""
    found: dict[str, str] = {}
    for script in scripts:
        text = script.text
        if "source" not in text and "ditor" not in text and "copyfrom" not in text and "uthor" not in text:
            continue
        for match in _credit_matches(text):
            value = match.group("value").strip()
            if not _NAME_LIKE.search(value) or value.startswith(("http", "//", "www.")):
                continue
            key = match.group("key").lower()
            kind = "editor" if "editor" in key else "author" if key.startswith("author") else "source"
            found.setdefault(kind, value)
        if len(found) == 3:
            break
    return found.get("source"), found.get("editor"), found.get("author")


def _credit_matches(text: str) -> Iterator[re.Match[str]]:
    """``_SCRIPT_CREDIT.finditer(text)``, match for match. A regex scan costs about 20 ns a character
    and scripts run to tens of kilobytes a page, so where ignoring case is lowering (``folding``)
    the pattern is tried only where a key begins, found with ``str.find`` in the lowered text."""
    if not lowers_exactly(text):
        yield from _SCRIPT_CREDIT.finditer(text)
        return
    lowered = text.lower()
    starts: set[int] = set()
    for key in _CREDIT_KEY_STARTS:
        index = lowered.find(key)
        while index >= 0:
            starts.add(index)
            index = lowered.find(key, index + 1)
    end = 0
    for start in sorted(starts):
        if start >= end and (match := _SCRIPT_CREDIT.match(text, start)):
            end = match.end()
            yield match


# ``<div id="contain" data-ptime="2019-05-17 20:02:46">``: the story's wrapper carrying its publish time
# for the page's scripts, where the date line shows the day only.
_TIME_ATTRIBUTES = frozenset(
    ("data-ptime", "data-pubtime", "data-pub-time", "data-publishtime", "data-publish-time", "data-publish-date")
)
# ``itemprop="datePublished dateCreated"``: a microdata property holds several names. ``dateCreated``
# alone is when the CMS made the record (a story moved to a new system years later), no publish time.
_DATE_PROPS = frozenset(("datePublished", "dateModified"))
# what _marked_elements reads
_MARKING_ATTRIBUTES = frozenset(("itemprop", "datetime", "class", "rel", *_TIME_ATTRIBUTES))


@dataclass
class _Marked:
    """Elements whose attributes speak of an author, a source or a title, and those that carry a
    machine-readable publish time (``<time datetime>``, ``itemprop="datePublished"``), in page order."""

    bylines: list[lxml_html.HtmlElement] = field(default_factory=list)
    sources: list[lxml_html.HtmlElement] = field(default_factory=list)
    dates: list[lxml_html.HtmlElement] = field(default_factory=list)
    titles: list[lxml_html.HtmlElement] = field(default_factory=list)
    labelled: list[lxml_html.HtmlElement] = field(default_factory=list)  # lines opening with a byline label
    stamped: list[tuple[lxml_html.HtmlElement, str]] = field(default_factory=list)  # ``_TIME_ATTRIBUTES``' values

    def stamped_time(self, heading: lxml_html.HtmlElement) -> str | None:
        """The publish time the story's wrapper carries in an attribute: an element around the
        story's headline, when those around it agree. A teaser or a sidebar item carries one of its
        own; even when it is the only one on the page, it is not the story's."""
        around = {*heading.iterancestors(), heading}
        values = {value for element, value in self.stamped if element in around}
        return next(iter(values)) if len(values) == 1 else None


def _marked_elements(tree: lxml_html.HtmlElement) -> _Marked:
    """The marked elements, in one cheap pass over the page (substring tests only), so the finer
    checks run on a few dozen elements, not every node."""
    marked = _Marked()
    bylines, sources, dates = marked.bylines, marked.sources, marked.dates
    # A walk filtered by tag in C: testing every element's tag in the loop below cost twice as much.
    marked.labelled = [
        element for element in tree.iter(*_LINE_TAGS) if (text := element.text) and _BYLINE_LABEL.match(text)
    ]
    for element in tree.iter(etree.Element):
        # One read of the attribute names spares four reads on the many elements that carry none of
        # these, and answers which of them an element has, cheaper than reading each through lxml.
        names = element.keys()
        if _MARKING_ATTRIBUTES.isdisjoint(names):
            continue
        if not _TIME_ATTRIBUTES.isdisjoint(names):
            marked.stamped.extend((element, v.strip()) for a in _TIME_ATTRIBUTES if (v := element.get(a)) and v.strip())
        itemprop = element.get("itemprop") if "itemprop" in names else None
        if (itemprop and not _DATE_PROPS.isdisjoint(itemprop.split())) or (
            "datetime" in names and element.tag == "time"
        ):
            dates.append(element)
        if "class" in names and (classes := element.get("class")):
            lowered = classes.lower()
            if _BYLINE_STEM.search(lowered):
                bylines.append(element)
                continue
            if "source" in lowered or "from" in lowered:
                sources.append(element)
                continue
            if "title" in lowered:
                marked.titles.append(element)
        if itemprop:
            if "author" in itemprop:
                bylines.append(element)
            elif itemprop in ("sourceOrganization", "provider"):
                sources.append(element)
        elif "rel" in names and element.get("rel") == "author":
            bylines.append(element)
    return marked


def _visible_bylines(candidates: list[lxml_html.HtmlElement]) -> Iterator[tuple[lxml_html.HtmlElement, str]]:
    """Elements a template marks as the byline (``rel=author``, ``itemprop=author``, a class with
    ``byline`` or ``author``), outermost only, with the names they show.

    Comment threads and author boxes (avatars, bios, follow buttons) use the same words in their
    classes, so those are skipped; which byline belongs to the story is decided by position.
    """
    taken: set[lxml_html.HtmlElement] = set()
    for element in candidates:
        if element.tag in _NOT_BYLINE_TAGS:
            continue
        if not _is_byline_element(element) or any(parent in taken for parent in element.iterancestors()):
            continue
        if any(
            "comment" in (parent.get("class") or "").lower()
            or parent.tag in ("figure", "figcaption")
            or _PICTURE_BOX.search(parent.get("class") or "")
            for parent in element.iterancestors()
        ):
            continue
        # ``By <a rel="author">Anna Roth</a><br/>Example Health News``: the marked name, not the line under it
        marked = element.xpath(".//*[@itemprop='name'] | .//a[@rel='author']")
        names = list(dict.fromkeys(_SPACE.sub(" ", node.text_content()).strip() for node in marked))
        text = ", ".join(name for name in names if name) or _heading_text(element)
        # The names the box marks inside it come first; the whole line stays as the fallback
        # when what is marked inside is only a label (``<span class="label--authors">Auteur:</span>``).
        inner = "" if marked else ", ".join(dict.fromkeys(filter(None, map(_heading_text, _inner_bylines(element)))))
        for shown in dict.fromkeys(filter(None, (inner, text))):
            if 2 <= len(shown) <= 120:
                taken.add(element)
                yield element, shown


def _labelled_line(element: lxml_html.HtmlElement) -> str:
    """The byline line a label opens: the element's own text, or its parent's when the element is
    the label alone (``<div><strong>Por:</strong> María López, Ana Pérez</div>``),
    from the label to the next field of an info bar (``Datum: 19.11.2021 <span>Autor:</span> Jonas
    Weber <span>Quelle:</span> Beispielnetz`` → ``Autor: Jonas Weber``)."""
    text = _heading_text(element)
    parent = element.getparent()
    if label_alone(element) and parent is not None:
        line = _heading_text(parent)
        return _NEXT_FIELD.sub("", line[max(0, line.find(text)) :])
    return text


def label_alone(element: lxml_html.HtmlElement) -> bool:
    """A byline label standing alone in its element (``<b>Von</b>``, ``<span>By</span>``): the line
    is its parent's, whatever that holds."""
    parent = element.getparent()
    return len(_heading_text(element).rstrip(" :")) <= 9 and parent is not None and parent.tag in _LINE_TAGS


def _inner_bylines(element: lxml_html.HtmlElement) -> list[lxml_html.HtmlElement]:
    """The names a byline box marks inside it (``<div class="byline-section"><span class="author">A
    and B</span> Example City Ledger Published …</div>``), innermost: the box's whole line runs
    the names into the outlet, the place and the time, and a box may nest another that does the same
    (``<div class="author"><a class="author-name">A</a> <span class="author-staff">Outlet Staff</span>``)."""
    marked = [
        node
        for node in element.iterdescendants(etree.Element)
        if node.tag not in _NOT_BYLINE_TAGS and _is_byline_element(node)
    ]
    inside = {ancestor for node in marked for ancestor in node.iterancestors()}
    return [node for node in marked if node not in inside]


def _section_bylines(tree: lxml_html.HtmlElement, bylines: list[lxml_html.HtmlElement]) -> set[lxml_html.HtmlElement]:
    """The bylines whose one named link is also an item of the site's menu (``<li><a href="/markets">
    Markets</a></li>``): the same words to the same page name a section of the site. A link is a menu
    item inside a ``<nav>``, a ``<header>`` or a ``role="navigation"`` block, or when the same words to
    the same page stand in two lists or more; a byline set as a list (``<ul class="byline"><li><a
    href="/author/anna-roth">Anna Roth</a></li></ul>``) is no menu."""
    linked = {element: link for element in bylines if (link := _link_of(element)) is not None}
    if not linked:
        return set()
    marked = set(bylines)
    addresses = {href for _, href in linked.values()}  # only a link to a byline's page can be its menu item
    counts: Counter[tuple[str, str]] = Counter()
    menu: set[tuple[str, str]] = set()
    for anchor in tree.iter("a"):
        if (anchor.get("href") or "").strip().rstrip("/") not in addresses:
            continue
        parent = anchor.getparent()
        if parent is None or parent.tag != "li" or (link := _link_of(anchor)) is None:
            continue
        ancestors = [anchor, *anchor.iterancestors()]
        if any(node in marked for node in ancestors):
            continue
        if any(node.tag in ("nav", "header") or node.get("role") == "navigation" for node in ancestors):
            menu.add(link)
        counts[link] += 1
    menu.update(link for link, count in counts.items() if count >= 2)
    return {element for element, link in linked.items() if link in menu}


def _link_of(element: lxml_html.HtmlElement) -> tuple[str, str] | None:
    """The words and address of the link a byline is, or of the one link with words it holds (an
    avatar's link beside it shows a picture)."""
    links = [element] if element.tag == "a" else list(element.iter("a"))
    named = [(text, link) for link in links if (text := _SPACE.sub(" ", link.text_content()).strip())]
    if len(named) != 1 or not (href := (named[0][1].get("href") or "").strip().rstrip("/")):
        return None
    return named[0][0], href


def _account_name(element: lxml_html.HtmlElement) -> str | None:
    """The account's name when a byline sits in a platform account's card (an avatar with a
    verified or VIP badge beside it): the account that posted the story, which the page credits
    as its source, not a person who wrote it."""
    parent = element.getparent()
    card = parent if parent is not None and parent.tag not in _NOT_BYLINE_TAGS else element
    if not any(_ACCOUNT_MARK.search(node.get("class") or "") for node in card.iter(etree.Element)):
        return None
    for node in element.iter(etree.Element):
        text = _SPACE.sub(" ", node.text_content()).strip() if _NAME_CLASS.search(node.get("class") or "") else ""
        if 2 <= len(text) <= 30:
            return text
    text = (element.text or "").strip()
    return text if 2 <= len(text) <= 30 else None


def _script_accounts(scripts: list[_Script]) -> Iterator[str]:
    """The posting account's name a public-account platform writes into its page script
    (``var nickname = "…"``)."""
    for script in scripts:
        text = script.text
        if "nickname" in text and (match := _SCRIPT_ACCOUNT.search(text)):
            yield html.unescape(match.group("value")).strip()
            return


def _source_marks(candidates: list[lxml_html.HtmlElement]) -> Iterator[tuple[lxml_html.HtmlElement, str]]:
    """Short texts a template marks as the story's source (``<a class="source">某某晚报</a>``), the
    way portals credit the outlet a story was taken from; the label is taken off."""
    for element in candidates:
        if element.tag in _NOT_BYLINE_TAGS:
            continue
        classes = (element.get("class") or "").lower().split()
        if not ({"source", "article-source", "source-name", "from"} & set(classes)) and element.get("itemprop") not in (
            "sourceOrganization",
            "provider",
        ):
            continue
        text = _SOURCE_LABEL.sub("", _SPACE.sub(" ", element.text_content()).strip()).strip(" ⋅·•|-_")
        if 2 <= len(text) <= 30 and not re.search(r"\d{1,4}[-/:.年]\d", text):
            yield element, text


def _is_byline_element(element: lxml_html.HtmlElement) -> bool:
    if element.get("rel") == "author" or "author" in (element.get("itemprop") or "").split():
        return True
    classes = (element.get("class") or "").lower()
    return bool(_BYLINE_CLASS.search(classes)) and not _BYLINE_EXCLUDE.search(classes)
