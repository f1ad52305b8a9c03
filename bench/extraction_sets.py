"""The five extraction sets under ``../shared/benchmarks/extraction/``, read into one shape.

Each page becomes a :class:`Case`: its id as the set names it, its half (``bench.split``), the
page decoded once with the project's own ``decode_body`` (as the pipeline decodes a fetch),
and whatever truth the set has. A set labels only some fields; a field it does not label is
``None`` and is left out of that field's figures rather than counted as wrong.
"""

from __future__ import annotations

import gzip
import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from lxml import html as lxml_html

from bench.metrics import Tokenizer, character_tokens, tokenizer_for, word_tokens
from bench.split import Half, half_of
from transforms.encoding import decode_body

SETS = ("zyte", "zh-cwced", "readability", "trafilatura-eval", "gne-zh")
LABELS = Path(__file__).resolve().parent / "labels"
_REPO = Path(__file__).resolve().parents[1]
_WRAPPER_ENCODING = re.compile(rb'^\s*<text[^>]*\bencoding="([A-Za-z0-9_.:-]+)"')
_LOOSE_DATE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]+(\d{1,2}):(\d{1,2})(?::(\d{1,2}))?)?")
_BLOCKS = ("p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "pre", "blockquote", "section")
_AUTHOR_SPLIT = re.compile(r"\s*(?:,|;|&|\band\b|\|)\s*", re.IGNORECASE)
_BY = re.compile(r"^\s*by\s+", re.IGNORECASE)
_FOR_OUTLET = re.compile(r"\s+[Ff]or\s+[A-Z].*$")  # ``Ana Lee for The Mail On Sunday``: her outlet
_DEGREE = re.compile(r"^(?:MA|MS|MD|PhD|MPH|MBA|RD|RDN|RN|DO|JD)$")  # ``Brenda Goodman, MA``: her degree
_SPACED_NAMES = re.compile(r"\s+(?![(（])(?![^()（）]*[)）])")  # not before or inside brackets
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # control characters lxml refuses in text


def default_root() -> Path:
    """``$NEWSLAKE_BENCHMARKS`` when set, else ``../shared/benchmarks`` beside the repository.

    A ``git worktree`` checkout looks beside its main clone too, where ``../shared`` sits.
    """
    override = os.environ.get("NEWSLAKE_BENCHMARKS")
    if override:
        return Path(override)
    beside = _REPO.parent / "shared" / "benchmarks"
    git = _REPO / ".git"
    if not beside.is_dir() and git.is_file():  # a worktree: ".git" names <main>/.git/worktrees/<name>
        pointer = git.read_text(encoding="utf-8").strip().removeprefix("gitdir:").strip()
        main_clone = Path(pointer).parents[2]
        if (main_clone.parent / "shared" / "benchmarks").is_dir():
            return main_clone.parent / "shared" / "benchmarks"
    return beside


@dataclass(frozen=True)
class TruthDate:
    """A labelled publish time: its day, and its minute when the label has a time.

    ``minute`` is offset-aware when the label states an offset; a naive one is the page's
    local wall-clock time (zh-cwced and a few readability labels give no offset).
    """

    day: date
    minute: datetime | None = None


@dataclass(frozen=True)
class Truth:
    """What a set says a page holds; ``None`` where the set does not label the field."""

    body: str | None = None
    with_segments: tuple[str, ...] = ()
    without_segments: tuple[str, ...] = ()
    is_article: bool = True
    title: str | None = None
    published: TruthDate | None = None
    authors: tuple[str, ...] | None = None
    credited_source: str | None = None
    editor: str | None = None
    language: str | None = None


@dataclass(frozen=True)
class Case:
    """One benchmark page, decoded, with its half and its truth."""

    set_name: str
    doc_id: str
    half: Half
    html: str
    url: str
    truth: Truth
    tokenize: Tokenizer = word_tokens

    @property
    def labelled(self) -> bool:
        """The set says what the page's story is (an unlabelled page is run but not scored)."""
        return self.truth.body is not None or self.segmented or not self.truth.is_article

    @property
    def segmented(self) -> bool:
        """Scored with trafilatura's with/without segments rather than shingles."""
        return bool(self.truth.with_segments or self.truth.without_segments)


def decode_html(raw: bytes, content_type: str | None = None) -> str:
    """Decode as the pipeline does (``decode_body``).

    The zh-cwced pages are wrapped in ``<text encoding="…">``, the dataset's record of the
    charset, which stands in for the HTTP header.
    """
    wrapper = _WRAPPER_ENCODING.match(raw)
    if wrapper and content_type is None:
        content_type = f"text/html; charset={wrapper.group(1).decode('ascii')}"
    return decode_body(raw, content_type).text


def parse_truth_date(raw: str | None) -> TruthDate | None:
    """An ISO 8601 time (offset optional) or a loose ``YYYY-M-D H:M:S``; ``None`` if unreadable."""
    if not raw or not raw.strip():
        return None
    text = raw.strip()
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        match = _LOOSE_DATE.match(text)
        if not match:
            return None
        try:
            day = date(int(match[1]), int(match[2]), int(match[3]))
            if match[4] is None:
                return TruthDate(day)
            return TruthDate(day, datetime(day.year, day.month, day.day, int(match[4]), int(match[5])))
        except ValueError:
            return None
    has_time = "T" in text or " " in text
    return TruthDate(moment.date(), moment.replace(second=0, microsecond=0) if has_time else None)


def block_text(markup: str) -> str:
    """Visible text of an HTML fragment with a line break per block element."""
    if not markup.strip():
        return ""
    root: lxml_html.HtmlElement = lxml_html.fromstring(_NOT_XML.sub("", markup))
    for element in root.iter(*_BLOCKS):
        element.tail = "\n" + (element.tail or "")
    return str(root.text_content()).strip()


def _gunzip(path: Path) -> bytes:
    return gzip.decompress(path.read_bytes())


def _keep(set_name: str, doc_id: str, halves: frozenset[Half]) -> Half | None:
    half = half_of(set_name, doc_id)
    return half if half in halves else None


def load_zyte(root: Path, halves: frozenset[Half]) -> list[Case]:
    """181 pages in many languages (ids: ground-truth keys), body only."""
    folder = root / "extraction" / "zyte"
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    cases = []
    for doc_id, item in sorted(truth.items()):
        if (half := _keep("zyte", doc_id, halves)) is None:
            continue
        markup = decode_html(_gunzip(folder / "html" / f"{doc_id}.html.gz"), "text/html; charset=utf-8")
        cases.append(Case("zyte", doc_id, half, markup, item.get("url") or "", Truth(body=item["articleBody"])))
    return cases


def load_cwced(root: Path, halves: frozenset[Half]) -> list[Case]:
    """69 Chinese pages (ids: file stems): body, publish time, authors where not ``UNKNOWN``."""
    folder = root / "extraction" / "zh-cwced"
    cases = []
    for path in sorted((folder / "original").glob("*.html")):
        doc_id = path.stem
        if (half := _keep("zh-cwced", doc_id, halves)) is None:
            continue
        body = (folder / "cleaned" / f"{doc_id}.txt").read_text(encoding="utf-8", errors="replace")
        published = _optional_text(folder / "date" / f"{doc_id}.txt")
        names = _optional_text(folder / "author" / f"{doc_id}.txt")
        authors = cwced_names(names) if names and names.strip().upper() not in {"UNKNOWN", "UNKNWON"} else None
        truth = Truth(body=body, published=parse_truth_date(published), authors=authors)
        url = f"https://cwced.invalid/{doc_id}.html"
        cases.append(Case("zh-cwced", doc_id, half, decode_html(path.read_bytes()), url, truth, character_tokens))
    return cases


def cwced_names(label: str) -> tuple[str, ...]:
    """A zh-cwced author file as names: space-separated, but a bracketed other name belongs to the
    one before it (``周思博 (Joel Spolsky)`` is one writer, not three)."""
    return tuple(name for name in _SPACED_NAMES.split(label.strip()) if name)


def _optional_text(path: Path) -> str | None:
    return path.read_text(encoding="utf-8", errors="replace").strip() if path.exists() else None


def load_readability(root: Path, halves: frozenset[Half]) -> list[Case]:
    """130 pages (ids: folder names): Readability.js's text, title, byline, time, language."""
    folder = root / "extraction" / "readability" / "pages"
    cases = []
    for page in sorted(path for path in folder.iterdir() if path.is_dir()):
        doc_id = page.name
        if (half := _keep("readability", doc_id, halves)) is None:
            continue
        meta: dict[str, Any] = json.loads((page / "expected-metadata.json").read_text(encoding="utf-8"))
        body = block_text(_gunzip(page / "expected.html.gz").decode("utf-8", "replace"))
        byline = meta.get("byline")
        truth = Truth(
            body=body,
            is_article=meta.get("readerable", True) is not False,
            title=meta.get("title") or None,
            published=parse_truth_date(meta.get("publishedTime")),
            authors=byline_names(byline) if byline else None,
            language=meta.get("lang") or None,
        )
        url = f"https://readability.invalid/{doc_id}/"
        markup = decode_html(_gunzip(page / "source.html.gz"))
        cases.append(Case("readability", doc_id, half, markup, url, truth, tokenizer_for(body)))
    return cases


def byline_names(byline: str) -> tuple[str, ...]:
    """Readability's one-string byline as names: ``By A, B and C`` → A, B, C.

    The label is the byline element's whole text, so its first line holds the names and the
    lines under it the date or the outlet (``By Nathan Willis\n March 25, 2015``,
    ``By Kelli Miller\n WebMD Health News``); a part with a digit is a date or a time, a degree
    after a comma is not a second person; ``for`` and a capitalised word start the outlet the
    writer files for (``By Ana Lee for The Mail On Sunday``), which is no part of her name."""
    first_line = _BY.sub("", byline).strip().split("\n", 1)[0]
    names = (_FOR_OUTLET.sub("", name.strip()) for name in _AUTHOR_SPLIT.split(first_line))
    return tuple(name for name in names if name and not re.search(r"\d", name) and not _DEGREE.match(name))


def load_trafilatura_eval(
    root: Path, halves: frozenset[Half], labels: Path = LABELS / "trafilatura-eval"
) -> list[Case]:
    """990 pages (ids: evaldata's ``file``): with/without segments, and authors where we labelled them.

    The set's own ``author`` field is not used: it gives outlets and desks as authors
    (``AFP/The Local``, ``Wikimedia Foundation``) and drops co-writers. Our hand labels
    (``bench/labels/trafilatura-eval/README.md``) cover tuning pages only; elsewhere authors stay
    unlabelled (``None``) and out of the figures.
    """
    folder = root / "extraction" / "trafilatura-eval"
    data: dict[str, dict[str, Any]] = json.loads((folder / "evaldata.json").read_text(encoding="utf-8"))
    cases = []
    for url, item in sorted(data.items(), key=lambda pair: str(pair[1]["file"])):
        doc_id = str(item["file"])
        if (half := _keep("trafilatura-eval", doc_id, halves)) is None:
            continue
        label = labels / f"{doc_id.removesuffix('.html')}.json"
        authors = tuple(json.loads(label.read_text(encoding="utf-8"))["authors"]) if label.exists() else None
        truth = Truth(with_segments=tuple(item["with"]), without_segments=tuple(item["without"]), authors=authors)
        markup = decode_html(_gunzip(folder / "html" / f"{doc_id}.gz"))
        cases.append(Case("trafilatura-eval", doc_id, half, markup, url, truth))
    return cases


def load_gne(root: Path, halves: frozenset[Half], labels: Path = LABELS / "gne-zh") -> list[Case]:
    """62 Chinese portal pages (ids: file name without ``.html.gz``), scored on our golden labels.

    An unlabelled page keeps an empty truth: it is still run (a crash or a rejection shows)
    but scores nothing.
    """
    folder = root / "extraction" / "gne-zh" / "pages"
    cases = []
    for path in sorted(folder.glob("*.html.gz")):
        doc_id = path.name.removesuffix(".html.gz")
        if (half := _keep("gne-zh", doc_id, halves)) is None:
            continue
        label = labels / f"{doc_id}.json"
        truth = read_label(label) if label.exists() else Truth()
        url = f"https://gne-zh.invalid/{doc_id}.html"
        cases.append(Case("gne-zh", doc_id, half, decode_html(_gunzip(path)), url, truth, character_tokens))
    return cases


def read_label(path: Path) -> Truth:
    """One golden label file (see ``bench/labels/gne-zh/README.md`` for its fields)."""
    label: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    if label.get("article") is False:  # the saved page holds no story
        return Truth(is_article=False)
    return Truth(
        body=label["body"],
        title=label.get("title"),
        published=parse_truth_date(label.get("published_at")),
        authors=tuple(label.get("authors") or ()),
        credited_source=label.get("credited_source") or "",  # "": the page credits nobody
        editor=label.get("editor") or "",
        language=label.get("language"),
    )


LOADERS: dict[str, Callable[[Path, frozenset[Half]], list[Case]]] = {
    "zyte": load_zyte,
    "zh-cwced": load_cwced,
    "readability": load_readability,
    "trafilatura-eval": load_trafilatura_eval,
    "gne-zh": load_gne,
}


def load(set_name: str, root: Path, halves: frozenset[Half] = frozenset({"tuning", "reporting"})) -> list[Case]:
    """The pages of one set that fall in ``halves``, decoded."""
    return LOADERS[set_name](root, halves)
