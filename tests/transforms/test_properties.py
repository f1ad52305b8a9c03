"""Properties that must hold for any input the web can send: nothing raises, text stays valid."""

from __future__ import annotations

import contextlib
from datetime import UTC, datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from transforms.encoding import decode_body
from transforms.extract import Article, NotArticle, Page, extract
from transforms.normalise import normalise_for_hash
from transforms.urls import normalise_url

FETCHED = datetime(2026, 4, 17, 12, 0, tzinfo=UTC)
TAGS = st.sampled_from(["p", "div", "span", "article", "h1", "script", "style", "table", "td", "a", "li", "br"])
HTMLISH = st.recursive(
    st.text(max_size=80),
    lambda inner: st.builds(lambda tag, body: f"<{tag}>{body}</{tag}>", TAGS, st.lists(inner, max_size=4).map("".join)),
    max_leaves=20,
)
SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def valid_utf8(text: str | None) -> bool:
    return text is None or text.encode("utf-8", "strict").decode("utf-8") == text


@SETTINGS
@given(
    body=st.binary(max_size=4000),
    content_type=st.sampled_from(
        [None, "text/html", "text/html; charset=gbk", "text/html; charset=nonsense", "application/json"]
    ),
)
def test_any_bytes_decode_to_valid_text(body: bytes, content_type: str | None) -> None:
    decoded = decode_body(body, content_type)
    assert valid_utf8(decoded.text)


@SETTINGS
@given(
    markup=st.one_of(HTMLISH, st.text(max_size=3000)),
    content_type=st.sampled_from([None, "text/html", "application/json"]),
)
def test_extraction_never_raises_and_returns_valid_text(markup: str, content_type: str | None) -> None:
    result = extract(Page(url="https://example.com/a.html", body=markup, fetched_at=FETCHED, content_type=content_type))
    assert isinstance(result, Article | NotArticle)
    if isinstance(result, Article):
        assert result.text and valid_utf8(result.text) and valid_utf8(result.title)


@SETTINGS
@given(text=st.text(max_size=500))
def test_normalisation_is_idempotent(text: str) -> None:
    once = normalise_for_hash(text)
    assert normalise_for_hash(once) == once


@SETTINGS
@given(
    host=st.from_regex(r"[A-Za-z][A-Za-z0-9-]{0,20}(\.[A-Za-z]{2,6}){1,2}", fullmatch=True),
    path=st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=40),
    query=st.dictionaries(st.sampled_from(["id", "page", "utm_source", "spm", "from", "q"]), st.text(max_size=10)),
    fragment=st.text(max_size=10),
)
def test_url_normalisation_is_idempotent_and_drops_tracking(
    host: str, path: str, query: dict[str, str], fragment: str
) -> None:
    from urllib.parse import quote, urlencode  # noqa: PLC0415

    url = f"https://{host}/{quote(path)}?{urlencode(query)}#{quote(fragment)}"
    once = normalise_url(url)
    assert normalise_url(once) == once
    assert "utm_source=" not in once and "spm=" not in once and "#" not in once


@SETTINGS
@given(junk=st.text(max_size=200))
def test_url_normalisation_never_raises_on_junk(junk: str) -> None:
    # urllib's own refusal of impossible URLs (bad ports, brackets) is a clear, catchable error
    with contextlib.suppress(ValueError):
        normalise_url(junk, "https://example.com/news/")
